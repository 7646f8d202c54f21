// How wide help and terminal tables are. Its own module, so that `placepool --help` loads no more than this.
import type { Io } from '../io-types.js';

export const MIN_WIDTH = 40;
export const MAX_WIDTH = 1000;
/** The width of reports and help that do not go to a terminal. */
export const STABLE_WIDTH = 80;

/** The terminal's width when `toStdout` goes to one (at least MIN_WIDTH), else the stable 80. */
export function terminalWidth(io: Io, toStdout = true): number {
  const columns = io.stdout.isTTY === true && toStdout ? io.stdout.columns : undefined;
  return columns && columns > 0 ? Math.max(MIN_WIDTH, columns) : STABLE_WIDTH;
}
