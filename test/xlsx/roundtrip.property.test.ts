// Property: any valid budgets, written as a workbook by the tool and read back, are the same budgets, amounts
// exact to the last digit (amounts a double cannot hold exactly go out as text and come back exactly).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { budgetsFromRows } from '../../src/io/budgets-validate.js';
import { xlsxToRawTable } from '../../src/io/budgets-xlsx.js';
import { STAGES } from '../../src/model/types.js';
import { reportMeta } from '../../src/report/meta.js';
import { renderBudgetsXlsx } from '../../src/report/xlsx/budgets.js';
import { makeBudgets, type Row } from '../helpers/model.js';

const nameChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789()&£é—=+-@\'"<>,;'.split(''));
const name = fc
  .string({ unit: nameChars, minLength: 1, maxLength: 16 })
  .map((s) => s.trim())
  .filter((s) => s !== '');
const silo = fc.constantFrom('health', 'social_care', 'employment', 'childcare', 'housing');
const amount = fc.oneof(
  // pounds and pence, up to £10bn
  fc.bigInt({ min: 0n, max: 1_000_000_000_000n }).map((p) => new D(p.toString()).dividedBy(100).toFixed()),
  // long decimals that a double cannot hold
  // (within the reader's limit of £1e15)
  fc.bigInt({ min: 0n, max: 10n ** 22n }).map((p) => new D(p.toString()).dividedBy(new D(10).pow(7)).toFixed()),
);

describe('budgets -> workbook -> budgets', () => {
  it('gives back the same lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(name, fc.integer({ min: 2020, max: 2035 }), silo, name, fc.constantFrom(...STAGES), amount), {
          minLength: 1,
          maxLength: 12,
          selector: ([place, year, s, service, stage]) => `${place}|${year}|${s}|${service}|${stage}`,
        }),
        async (rows) => {
          const budgets = makeBudgets(rows as Row[]);
          const bytes = await renderBudgetsXlsx(budgets, reportMeta('budgets', [budgets.source]));
          const back = await budgetsFromRows(await xlsxToRawTable(bytes, { name: 'rt.xlsx', file: 'rt.xlsx' }));
          const key = (b: typeof budgets) => b.lines.map((l) => [l.place, l.year, l.silo, l.service, l.stage, l.amount.toFixed()]);
          expect(key(back)).toEqual(key(budgets));
        },
      ),
      { numRuns: 40 },
    );
  });
});
