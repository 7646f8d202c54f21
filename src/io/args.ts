// How an input argument names a file, without loading any reader (the CLI's output checks use it too).
import { isAbsolute, relative, resolve, sep } from 'node:path';

export interface XlsxArg {
  file: string;
  /** the sheet named after `#`, if any */
  sheet?: string;
}

/**
 * `book.xlsx#Sheet name` -> {file: 'book.xlsx', sheet: 'Sheet name'}; `book.xlsx` -> {file: 'book.xlsx'}.
 * The file ends at the first `.xlsx`/`.xlsm` followed by `#`, so a sheet name may itself hold `#`.
 */
export function splitXlsxArg(arg: string): XlsxArg {
  const m = /^(.*?\.xls[xm]|-)#(.*)$/is.exec(arg);
  return m ? { file: m[1]!, sheet: m[2]! } : { file: arg };
}

/**
 * A path written in one file (a manifest, a scenario) relative to its folder `base`, as an input argument:
 * relative to the working folder, or in full when written in full or when it lies more than one folder up.
 */
export function pathFrom(base: string, written: string, cwd: string): string {
  const abs = resolve(base, written);
  const rel = relative(cwd, abs) || '.';
  return isAbsolute(written) || rel.startsWith(`..${sep}..${sep}`) ? abs : rel;
}
