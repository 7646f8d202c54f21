// The hand-built budgets workbook shared by the xlsx tests, and the figures a person would type for it.
import { c, handmadeXlsx } from './handmade.js';

export const HEADER = ['place', 'year', 'silo', 'service', 'stage', 'amount', 'agency'];
// shared strings: the header, then values
export const SST = [...HEADER, 'Lambeth', 'health', 'Acute admissions', 'reactive', 'Social care', 'Residential care (65+)', '£1,234,567.89', '2025/26', 'preventive', 'Reablement', 'Lambeth Council'];
const S = (text: string): number => SST.indexOf(text);

/** A hand-written Budgets sheet: number, £-formatted number, text number, inline string, date year, formula, year-formatted date, an empty row. */
export function budgetsSheetRows(): string {
  const row = c.row;
  return [
    row(1, HEADER.map((h, i) => c.s(`${'ABCDEFG'[i]}1`, S(h)))),
    // a £-formatted number cell as Excel writes 1234567.89 (17 significant digits in the XML)
    row(2, [c.s('A2', S('Lambeth')), c.n('B2', '2025'), c.s('C2', S('health')), c.s('D2', S('Acute admissions')), c.s('E2', S('reactive')), c.n('F2', '1234567.8899999999', 1)]),
    // text number with £ and separators; year as text; silo needing normalisation; agency
    row(3, [c.s('A3', S('Lambeth')), c.s('B3', S('2025/26')), c.s('C3', S('Social care')), c.s('D3', S('Residential care (65+)')), c.s('E3', S('reactive')), c.s('F3', S('£1,234,567.89')), c.s('G3', S('Lambeth Council'))]),
    // an empty row (cells present but blank) is skipped
    row(4, [`<c r="A4"/>`, `<c r="F4"/>`]),
    // inline strings, a date (1 April 2025) in the year column, an amount from a formula's cached result
    row(5, [c.is('A5', 'Lambeth'), c.n('B5', '45748', 2), c.is('C5', 'social_care'), c.s('D5', S('Reablement')), c.is('E5', 'Preventive'), c.f('F5', '250000*1', '250000')]),
    // a year-formatted date (1 January 2026 shown as 2026), an amount in plain XML
    row(6, [c.s('A6', S('Lambeth')), c.n('B6', '46023', 4), c.s('C6', S('health')), c.s('D6', S('Acute admissions')), c.s('E6', S('reactive')), c.n('F6', '1300000.5')]),
  ].join('');
}

export function otherSheetRows(): string {
  return [
    c.row(2, HEADER.slice(0, 6).map((h, i) => c.is(`${'BCDEFG'[i]}2`, h))),
    c.row(3, [c.is('B3', 'Southwark'), c.n('C3', '2025'), c.is('D3', 'employment'), c.is('E3', 'Work coaches'), c.is('F3', 'preventive'), c.n('G3', '98765.43', 1)]),
  ].join('');
}

export function handmadeBudgets(): Buffer {
  return handmadeXlsx(
    [
      { name: 'Budgets', rows: budgetsSheetRows() },
      { name: 'Other data', rows: otherSheetRows() },
    ],
    SST,
  );
}


/** The first sheet of handmadeBudgets(), typed as a person would in a CSV file. */
export const HAND_CSV = [
  'place,year,silo,service,stage,amount,agency',
  'Lambeth,2025,health,Acute admissions,reactive,1234567.89,',
  'Lambeth,2025/26,Social care,Residential care (65+),reactive,"£1,234,567.89",Lambeth Council',
  'Lambeth,2025,social_care,Reablement,Preventive,250000,',
  'Lambeth,2026,health,Acute admissions,reactive,1300000.5,',
  '',
].join('\n');
