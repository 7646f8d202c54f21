// Counted nouns in messages and reports: "1 intervention", "2 interventions", never "1 interventions".

/** The noun for `n` of it: `one` for exactly 1, else `many` (`one` + s unless given). */
export function noun(n: number | bigint, one: string, many = `${one}s`): string {
  return n === 1 || n === 1n ? one : many;
}

/** `n` and its noun: `count(1, 'run')` is `1 run`, `count(3, 'run')` `3 runs`; numbers are written as given. */
export function count(n: number | bigint, one: string, many = `${one}s`): string {
  return `${String(n)} ${noun(n, one, many)}`;
}
