// How an input argument names a file, without loading any reader (the CLI's output checks use it too).

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
