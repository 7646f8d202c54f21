// Totals of budget amounts. A national budgets file has hundreds of thousands of lines; adding their amounts
// as decimals is a large part of reading it. Amounts in whole pence (nearly all of them) carry an exact
// integer beside the decimal (BudgetLine.pence), so a total adds those as big integers, which is exact at any
// size and many times faster, and adds any other amount (a fraction of a penny) as a decimal.
import { D, ZERO } from '../decimal.js';
import type { BudgetLine } from './types.js';

/** Whole pence as exact decimal text, `12345n` -> `12345e-2` (for a decimal, or to post to a thread). */
export function penceDecimalText(pence: bigint): string {
  return `${pence}e-2`;
}

/** A decimal from a whole number of pence: exact (`12345n` -> 123.45). */
export function fromPence(pence: bigint): D {
  return new D(penceDecimalText(pence));
}

/** An exact running total of budget lines' amounts. */
export class AmountSum {
  private pence = 0n;
  private other: D | undefined;

  add(line: Pick<BudgetLine, 'amount' | 'pence'>): void {
    if (line.pence !== undefined) this.pence += line.pence;
    else this.other = (this.other ?? ZERO).plus(line.amount);
  }

  /** the total in whole pence, when everything added was in whole pence */
  get wholePence(): bigint | undefined {
    return this.other === undefined ? this.pence : undefined;
  }

  /** the total, exactly (0 when nothing was added) */
  get value(): D {
    const whole = this.pence === 0n ? ZERO : fromPence(this.pence);
    return this.other === undefined ? whole : whole.plus(this.other);
  }
}
