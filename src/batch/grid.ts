// The numbering of a batch's runs (docs/ci.md, "The manifest"): run ids from 1, scenarios as listed, then
// sweep points (the grid in the manifest's key order, the last key varying fastest), then places. A run id is
// a mixed-radix number, so any run can be found from its id alone (workers and shards need nothing else).

export interface GridShape {
  scenarios: number;
  /** the number of values of each sweep key, in manifest order */
  sweep: readonly number[];
  places: number;
}

export interface RunCoords {
  id: number;
  scenario: number;
  /** the index of the value of each sweep key */
  sweep: number[];
  /** the sweep point's number, 0-based, over the whole grid */
  point: number;
  place: number;
}

/** Beyond this, a batch is refused before anything runs. */
export const MAX_RUNS = 1_000_000;

export function sweepPoints(shape: Pick<GridShape, 'sweep'>): number {
  return shape.sweep.reduce((a, n) => a * n, 1);
}

/** How many runs the grid has (a float product: callers compare it with MAX_RUNS before trusting it). */
export function gridSize(shape: GridShape): number {
  return shape.scenarios * sweepPoints(shape) * shape.places;
}

export function coordsOf(shape: GridShape, id: number): RunCoords {
  let rest = id - 1;
  const place = rest % shape.places;
  rest = Math.floor(rest / shape.places);
  const points = sweepPoints(shape);
  const point = rest % points;
  const scenario = Math.floor(rest / points);
  const sweep = new Array<number>(shape.sweep.length);
  let p = point;
  for (let i = shape.sweep.length - 1; i >= 0; i--) {
    sweep[i] = p % shape.sweep[i]!;
    p = Math.floor(p / shape.sweep[i]!);
  }
  return { id, scenario, sweep, point, place };
}

export interface Shard {
  k: number;
  n: number;
}

/** Parse `--shard K/N` (1 <= K <= N); returns an error message for a bad value. */
export function parseShard(text: string): Shard | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return `--shard must be K/N (e.g. 2/4), not "${text}"`;
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > MAX_RUNS) return `--shard ${text}: N must be a whole number from 1 to ${MAX_RUNS}`;
  if (k < 1 || k > n) return `--shard ${text}: K must be from 1 to N (${n})`;
  return { k, n };
}

/** The run ids of a shard, ascending: those with (id - 1) mod N = K - 1. */
export function* shardIds(total: number, shard: Shard): Generator<number> {
  for (let id = shard.k; id <= total; id += shard.n) yield id;
}

export function shardCount(total: number, shard: Shard): number {
  return total < shard.k ? 0 : Math.floor((total - shard.k) / shard.n) + 1;
}
