// Reading a budgets file, whatever its kind: a CSV file (budgets-csv.ts) or a workbook's sheet
// (budgets-xlsx.ts, loaded only for a workbook), validated by the one validator (budgets-validate.ts).
import type { Budgets } from '../model/types.js';
import { readCsvTable } from './budgets-csv.js';
import { budgetsFromRows } from './budgets-validate.js';
import type { Io } from '../io-types.js';

/** Whether a BUDGETS argument names a workbook: `.xlsx`/`.xlsm`, optionally `#Sheet`, or `-#Sheet` for stdin. */
export function isWorkbookArg(arg: string): boolean {
  return /^(?:.*\.xls[xm](?:#.*)?|-#.*)$/is.test(arg);
}

/**
 * Read and validate a budgets file: CSV (path, `-` for stdin, `example:budgets.csv`), or a workbook
 * (`book.xlsx`, `book.xlsx#Sheet`), delegated to budgets-xlsx.ts and validated by the same rules.
 */
export async function readBudgets(arg: string, io: Io): Promise<Budgets> {
  if (isWorkbookArg(arg)) {
    const { readBudgetsXlsx } = await import('./budgets-xlsx.js');
    return readBudgetsXlsx(arg, io);
  }
  return budgetsFromRows(await readCsvTable(arg, io));
}
