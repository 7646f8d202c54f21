// `--expect EXPR` and `--fail-if EXPR` on `run` and `compare`: the expectation language of batch manifests,
// checked against every summary the command reports (each place, and `all places` when there is one).
// `--expect` must hold, as a manifest's `expect:`; `--fail-if` fails when its condition holds, as it reads
// (`--fail-if 'npv_cashable < 0'` fails a case that loses money). A value that could not be computed (no
// payback) meets neither: it fails both. Parse before computing (a bad expression is a usage error, exit 2);
// check after the report is written (a failure exits 1).
import { ExpectationError, UsageError, type Problem } from '../errors.js';
import type { RunResult, Summary } from '../model/types.js';
import { ExpressionProblem, check, parseExpression, type Expectation, type Operator } from './expect.js';
import { summaryValue } from './values.js';
import { count } from '../words.js';

/** A check on the command line: `--expect` (must hold) or `--fail-if` (must not). */
export interface CommandCheck {
  option: '--expect' | '--fail-if';
  /** what must hold: the expression itself for --expect, its negation for --fail-if (its text is as written) */
  expectation: Expectation;
}

const NEGATED: Record<Operator, Operator> = { '>=': '<', '<': '>=', '<=': '>', '>': '<=', '==': '!=', '!=': '==' };

/** Read the `--expect` and `--fail-if` expressions; the first bad one is a UsageError. */
export function parseChecks(options: { expect?: readonly string[] | undefined; failIf?: readonly string[] | undefined }): CommandCheck[] {
  const out: CommandCheck[] = [];
  const read = (option: CommandCheck['option'], exprs: readonly string[] | undefined): void => {
    for (const expr of exprs ?? []) {
      const e = parseExpression(expr, false, 'use `placepool batch` with `simulate:` in a manifest');
      if (e instanceof ExpressionProblem) throw new UsageError({ message: `${option} "${expr}": ${e.message}`, hint: e.hint });
      out.push({ option, expectation: option === '--expect' ? e : { ...e, op: NEGATED[e.op] } });
    }
  };
  read('--expect', options.expect);
  read('--fail-if', options.failIf);
  return out;
}

/** Check every summary of the results; throw an ExpectationError naming each place that fails and why. */
export function checkCommandChecks(checks: readonly CommandCheck[], results: readonly RunResult[]): void {
  if (checks.length === 0) return;
  const problems: Problem[] = [];
  const several = results.length > 1;
  const options = [...new Set(checks.map((c) => c.option))];
  const label = (c: CommandCheck): string => (options.length > 1 ? `${c.option} ` : '');
  for (const r of results) {
    const summaries: { place: string; summary: Summary }[] = r.places.map((p) => ({ place: p.place, summary: p.summary }));
    if (r.allPlaces) summaries.push({ place: r.allPlaces.place, summary: r.allPlaces.summary });
    for (const { place, summary } of summaries) {
      const parts: string[] = [];
      for (const c of checks) {
        const verdict = check([c.expectation], (e) => summaryValue(summary, e.measure));
        if (verdict.failed > 0) parts.push(`${label(c)}${verdict.detail}`);
      }
      if (parts.length) problems.push({ message: `${place}${several ? ` (${r.scenario})` : ''}: ${parts.join('; ')}` });
    }
  }
  if (problems.length === 0) return;
  const what = options.length > 1 ? 'checks failed' : options[0] === '--expect' ? '--expect not met' : '--fail-if condition met';
  if (problems.length === 1) throw new ExpectationError({ message: `${what}: ${problems[0]!.message}` });
  throw new ExpectationError(problems, `${what} in ${count(problems.length, 'place')}`);
}
