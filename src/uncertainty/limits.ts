// The bounds and defaults of simulate's options, apart from the simulation code so that the command line can
// check them without loading it.

export const MAX_DRAWS = 10_000_000;
export const DEFAULT_DRAWS = 10_000;
export const DEFAULT_SEED = 1;
/** seeds are whole numbers a double holds exactly */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;
