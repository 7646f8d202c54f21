// `--fail-if EXPR` on `run` and `compare`: the expectation language of batch manifests, checked against every
// summary the command reports (each place, and `all places` when there is one). Parse before computing (a bad
// expression is a usage error, exit 2); check after the report is written (a failure exits 1).
import { ExpectationError, UsageError, type Problem } from '../errors.js';
import type { RunResult, Summary } from '../model/types.js';
import { ExpressionProblem, check, parseExpression, type Expectation } from './expect.js';
import { summaryValue } from './values.js';
import { count } from '../words.js';

/** Read the `--fail-if` expressions; the first bad one is a UsageError. */
export function parseFailIf(exprs: readonly string[] | undefined): Expectation[] {
  const out: Expectation[] = [];
  for (const expr of exprs ?? []) {
    const e = parseExpression(expr, false, 'use `placepool batch` with `simulate:` in a manifest');
    if (e instanceof ExpressionProblem) throw new UsageError({ message: `--fail-if "${expr}": ${e.message}`, hint: e.hint });
    out.push(e);
  }
  return out;
}

/** Check the expectations against every summary of the results; throw an ExpectationError naming each failure. */
export function checkFailIf(expectations: readonly Expectation[], results: readonly RunResult[]): void {
  if (expectations.length === 0) return;
  const problems: Problem[] = [];
  const several = results.length > 1;
  for (const r of results) {
    const summaries: { place: string; summary: Summary }[] = r.places.map((p) => ({ place: p.place, summary: p.summary }));
    if (r.allPlaces) summaries.push({ place: r.allPlaces.place, summary: r.allPlaces.summary });
    for (const { place, summary } of summaries) {
      const verdict = check(expectations, (e) => summaryValue(summary, e.measure));
      if (verdict.failed > 0) problems.push({ message: `${place}${several ? ` (${r.scenario})` : ''}: ${verdict.detail}` });
    }
  }
  if (problems.length === 0) return;
  if (problems.length === 1) throw new ExpectationError({ message: `--fail-if not met: ${problems[0]!.message}` });
  throw new ExpectationError(problems, `--fail-if not met in ${count(problems.length, 'place')}`);
}
