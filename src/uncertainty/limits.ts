// The bounds and defaults of simulate's options, apart from the simulation code so that the command line can
// check them without loading it.

export const MAX_DRAWS = 10_000_000;
export const DEFAULT_DRAWS = 10_000;
export const DEFAULT_SEED = 1;
/** seeds are whole numbers a double holds exactly */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/**
 * The most memory a simulation's draws may hold: every draw of every measure of every place (and `all places`)
 * is kept, as 8-byte floats, so that percentiles are exact.
 */
export const MAX_DRAW_BYTES = 2 * 1024 ** 3;

/** Bytes of the draws of `entities` places at `draws` draws of `measures` measures (with room to sort one). */
export function drawBytes(entities: number, draws: number, measures: number): number {
  return (entities * measures + 2) * draws * 8;
}
