// The placepool error a call throws, for tests that look at its problems and locations.
import { PlacepoolError } from '../../src/errors.js';

/** The PlacepoolError that `f` throws; fails the test if it throws nothing or something else. */
export function errorOf(f: () => unknown): PlacepoolError {
  try {
    f();
  } catch (e) {
    if (e instanceof PlacepoolError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

/** The PlacepoolError that a promise rejects with; fails the test if it resolves or rejects otherwise. */
export async function caught(p: Promise<unknown>): Promise<PlacepoolError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PlacepoolError) return e;
    throw e;
  }
  throw new Error('expected an error');
}
