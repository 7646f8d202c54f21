// The expectation language of batch manifests (`expect:`) and of `--fail-if` on `run` and `compare`: `MEASURE
// OP NUMBER`, where MEASURE is a summary measure (docs/method.md, "9. Summary measures") or, when the runs
// are simulated, a statistic of one (`npv_cashable.p10`), OP one of `>= <= > < == !=`, and NUMBER a plain
// decimal.
//
// Comparisons are made on the exact value the model computed, not on the figure as rounded for a report: an
// npv_cashable of -0.004 shows as 0.00 but fails `>= 0`. A missing value (a run that never pays back, a ROI
// with no costs) fails every comparison, `!=` included: an expectation about a value that is not there is not
// met.
import { D } from '../decimal.js';
import { SUMMARY_MEASURES, precisionOf, type SummaryMeasure } from '../model/types.js';
import { statisticPrecision } from '../report/measures.js';
import { plain } from '../report/numbers.js';
import { suggest } from '../errors.js';

export const OPERATORS = ['>=', '<=', '==', '!=', '>', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

/** The statistics of a simulated measure (docs/method.md, "13. Uncertainty"), as named in runs.csv columns and expectations. */
export { STATISTICS, type Statistic } from '../uncertainty/stats.js';
import { STATISTICS } from '../uncertainty/stats.js';
import { PROBABILITIES } from '../uncertainty/types.js';
/** Statistics of one measure only. */
export const EXTRA_STATISTICS: readonly { measure: SummaryMeasure; statistic: string }[] = PROBABILITIES;

export interface Expectation {
  measure: SummaryMeasure;
  /** a simulated statistic of the measure, e.g. `p10`; undefined for the run's own (central) value */
  statistic?: string;
  op: Operator;
  value: D;
  /** the expectation as written, normalised: `npv_cashable.p10 >= 0` */
  text: string;
}

/** The name of what an expectation looks at: `npv_cashable` or `npv_cashable.p10`. */
export function targetName(e: Pick<Expectation, 'measure' | 'statistic'>): string {
  return e.statistic ? `${e.measure}.${e.statistic}` : e.measure;
}

/** Why an expression could not be read, with a hint; the caller decides the error type and location. */
export class ExpressionProblem {
  constructor(
    readonly message: string,
    readonly hint: string,
  ) {}
}

const NUMBER = /^[-+]?£?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?$|^[-+]?£?\.\d+([eE][-+]?\d+)?$/;

/** Every name an expectation may look at (for "did you mean"). */
function allTargets(simulated: boolean): string[] {
  const names: string[] = [...SUMMARY_MEASURES];
  if (simulated) {
    for (const m of SUMMARY_MEASURES) for (const s of STATISTICS) names.push(`${m}.${s}`);
    for (const x of EXTRA_STATISTICS) names.push(`${x.measure}.${x.statistic}`);
  }
  return names;
}

/**
 * Read the target of an expectation: `npv_cashable` or `npv_cashable.p10`. `simulated` says whether
 * statistics exist (a manifest with `simulate:`); `where` names what would provide them, for the hint.
 */
export function parseTarget(name: string, simulated: boolean, where = 'add `simulate:` to the manifest'): { measure: SummaryMeasure; statistic?: string } | ExpressionProblem {
  const t = name.trim();
  const dot = t.indexOf('.');
  const measure = dot < 0 ? t : t.slice(0, dot);
  const statistic = dot < 0 ? undefined : t.slice(dot + 1);
  if (!(SUMMARY_MEASURES as readonly string[]).includes(measure)) {
    const near = suggest(t, allTargets(simulated)) ?? suggest(measure, SUMMARY_MEASURES);
    return new ExpressionProblem(
      t === '' ? 'an expectation names no measure' : `\`${t}\` is not a summary measure`,
      near ? `Did you mean \`${near}\`? ` : `Use one of: ${SUMMARY_MEASURES.join(', ')}.`,
    );
  }
  if (statistic === undefined) return { measure: measure as SummaryMeasure };
  const allowed = [...STATISTICS, ...EXTRA_STATISTICS.filter((x) => x.measure === measure).map((x) => x.statistic)];
  if (!allowed.includes(statistic)) {
    const near = suggest(statistic, allowed);
    return new ExpressionProblem(
      `\`${statistic}\` is not a statistic of ${measure}`,
      `${near ? `Did you mean \`${measure}.${near}\`? ` : ''}Statistics: ${allowed.join(', ')}.`,
    );
  }
  if (!simulated) {
    return new ExpressionProblem(`\`${t}\` is a statistic of simulated runs, but nothing is simulated here`, `To check it, ${where}; or compare the central value, \`${measure}\`.`);
  }
  return { measure: measure as SummaryMeasure, statistic };
}

/** Read `OP NUMBER` (the value of a manifest's `expect:` entry) for a target already read. */
export function parseCondition(target: { measure: SummaryMeasure; statistic?: string }, condition: string): Expectation | ExpressionProblem {
  const c = condition.trim();
  const op = OPERATORS.find((o) => c.startsWith(o));
  const name = targetName(target);
  if (!op) {
    const looksLikeEq = /^=>|^=</.test(c) ? ' (write `>=` or `<=`)' : /^=(?!=)/.test(c) ? ' (`=` alone is not an operator: write `==`)' : '';
    return new ExpressionProblem(
      c === '' ? `the expectation for ${name} is empty` : `the expectation "${c}" for ${name} does not start with a comparison${looksLikeEq}`,
      `Write an operator and a number, e.g. ">= 0" (operators: ${OPERATORS.join(' ')}).`,
    );
  }
  const numText = c.slice(op.length).trim();
  if (!NUMBER.test(numText)) {
    return new ExpressionProblem(
      numText === '' ? `the expectation "${c}" for ${name} has no number after \`${op}\`` : `"${numText}" in the expectation "${c}" is not a number`,
      'Write a plain number such as 0, 2.5, -100000 or 1.5e6 (a share as a decimal: 0.1, not 10%).',
    );
  }
  const value = new D(numText.replace(/[£,]/g, ''));
  return { ...target, op, value: value.isZero() ? new D(0) : value, text: `${name} ${op} ${numText}` };
}

/** Read a whole expression `MEASURE OP NUMBER` (for `--fail-if`). */
export function parseExpression(expr: string, simulated: boolean, where?: string): Expectation | ExpressionProblem {
  const e = expr.trim();
  const m = /^([^<>=!\s]*)\s*((?:[<>=!]=?)[\s\S]*)$/.exec(e);
  if (!m || m[1] === '') {
    return new ExpressionProblem(
      e === '' ? 'an empty expression' : `"${e}" is not an expectation`,
      `Write MEASURE OP NUMBER, e.g. "npv_cashable >= 0" or "payback_t <= 6" (operators: ${OPERATORS.join(' ')}).`,
    );
  }
  const target = parseTarget(m[1]!, simulated, where);
  if (target instanceof ExpressionProblem) return target;
  return parseCondition(target, m[2]!);
}

/** Whether `value` meets the expectation; a missing value never does. */
export function holds(e: Expectation, value: D | null): boolean {
  if (value === null) return false;
  const c = value.comparedTo(e.value);
  switch (e.op) {
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '<':
      return c < 0;
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
  }
}

/**
 * How a value that failed reads in a message: as it is presented elsewhere (pence, 6 dp, whole years), with
 * more digits when the rounded figure would seem to meet the expectation (so `-0.004` is not shown as `0.00`).
 */
export function describeValue(e: Expectation, value: D | null): string {
  if (value === null) return e.measure === 'payback_t' && !e.statistic ? 'no payback' : 'no value';
  const precision = e.statistic ? statisticPrecision(e.measure, e.statistic) : precisionOf(e.measure);
  const shown = plain(value, precision);
  if (!holds(e, new D(shown))) return shown;
  for (let dp = precision === 'money' ? 3 : precision === 'ratio' ? 7 : 1; dp <= 40; dp++) {
    const more = value.toFixed(dp, D.ROUND_HALF_UP);
    if (!holds(e, new D(more))) return more;
  }
  return value.toString();
}

/** The result of checking a list of expectations: '' when all hold, else what failed, `; `-separated. */
export interface Verdict {
  failed: number;
  /** `npv_cashable >= 0 (was -1234.56); payback_t <= 6 (no payback)` */
  detail: string;
}

export function check(expectations: readonly Expectation[], lookup: (e: Expectation) => D | null): Verdict {
  const parts: string[] = [];
  for (const e of expectations) {
    const v = lookup(e);
    if (!holds(e, v)) parts.push(`${e.text} (${v === null ? describeValue(e, v) : `was ${describeValue(e, v)}`})`);
  }
  return { failed: parts.length, detail: parts.join('; ') };
}
