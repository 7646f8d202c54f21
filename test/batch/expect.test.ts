import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { ExpressionProblem, OPERATORS, check, describeValue, holds, parseCondition, parseExpression, parseTarget, type Expectation } from '../../src/batch/expect.js';
import { checkCommandChecks, parseChecks } from '../../src/batch/fail-if.js';
import { ExpectationError, UsageError } from '../../src/errors.js';
import { SUMMARY_MEASURES } from '../../src/model/types.js';
import { runModel } from '../../src/model/engine.js';
import { workedExample } from '../helpers/model.js';

function parse(expr: string, simulated = false): Expectation {
  const e = parseExpression(expr, simulated);
  if (e instanceof ExpressionProblem) throw new Error(`${e.message} / ${e.hint}`);
  return e;
}

function problem(expr: string, simulated = false): ExpressionProblem {
  const e = parseExpression(expr, simulated);
  if (!(e instanceof ExpressionProblem)) throw new Error(`"${expr}" was read as ${e.text}`);
  return e;
}

const d = (s: string) => new D(s);

describe('each operator', () => {
  // value, threshold, and whether each operator holds: >= <= == != > <
  const table: [string, string, Record<string, boolean>][] = [
    ['5', '5', { '>=': true, '<=': true, '==': true, '!=': false, '>': false, '<': false }],
    ['5.01', '5', { '>=': true, '<=': false, '==': false, '!=': true, '>': true, '<': false }],
    ['4.99', '5', { '>=': false, '<=': true, '==': false, '!=': true, '>': false, '<': true }],
    ['-1234.56', '0', { '>=': false, '<=': true, '==': false, '!=': true, '>': false, '<': true }],
    ['0', '-0', { '>=': true, '<=': true, '==': true, '!=': false, '>': false, '<': false }],
  ];
  for (const [value, threshold, expected] of table) {
    for (const op of OPERATORS) {
      it(`${value} ${op} ${threshold} is ${expected[op]}`, () => {
        const e = parse(`npv_cashable ${op} ${threshold}`);
        expect(e.op).toBe(op);
        expect(holds(e, d(value))).toBe(expected[op]);
      });
    }
  }
});

describe('a missing value', () => {
  it('fails every comparison, != included', () => {
    for (const op of OPERATORS) expect(holds(parse(`payback_t ${op} 6`), null)).toBe(false);
  });
  it('is described as no payback, or no value', () => {
    expect(check([parse('payback_t <= 6')], () => null).detail).toBe('payback_t <= 6 (no payback)');
    expect(check([parse('cashable_roi >= 1')], () => null).detail).toBe('cashable_roi >= 1 (no value)');
  });
});

describe('exact comparison', () => {
  it('compares the exact value, not the figure rounded to pence', () => {
    const e = parse('npv_cashable >= 0');
    expect(holds(e, d('-0.004'))).toBe(false);
    // the message shows enough digits to see why: -0.004, not 0.00
    expect(describeValue(e, d('-0.004'))).toBe('-0.004');
    expect(describeValue(e, d('-1234.5678'))).toBe('-1234.57');
  });
  it('compares an equality exactly', () => {
    expect(holds(parse('cashable_roi == 2.283988'), d('2.2839881'))).toBe(false);
    expect(holds(parse('cashable_roi == 2.283988'), d('2.283988'))).toBe(true);
  });
  it('shows a ratio to 6 dp and a year as a whole number', () => {
    expect(describeValue(parse('cashable_roi >= 3'), d('2.28398812'))).toBe('2.283988');
    expect(describeValue(parse('payback_t <= 2'), d('3'))).toBe('3');
  });
});

describe('reading expressions', () => {
  it('reads every form of number', () => {
    expect(parse('npv_cashable >= -100000').value.toString()).toBe('-100000');
    expect(parse('npv_cashable>=1.5e6').value.toString()).toBe('1500000');
    expect(parse('npv_cashable > £1,250,000.50').value.toString()).toBe('1250000.5');
    expect(parse('final_scenario_prevention_share >= .05').value.toString()).toBe('0.05');
    expect(parse('  payback_t   <=   6  ').text).toBe('payback_t <= 6');
  });
  it('reads statistics only when runs are simulated', () => {
    const e = parse('npv_cashable.p10 >= 0', true);
    expect(e.measure).toBe('npv_cashable');
    expect(e.statistic).toBe('p10');
    expect(parse('npv_cashable.prob_positive >= 0.8', true).statistic).toBe('prob_positive');
    expect(parse('payback_t.prob_never <= 0.1', true).statistic).toBe('prob_never');
    expect(problem('npv_cashable.p10 >= 0', false).message).toMatch(/statistic of simulated runs/);
  });
  it('reads every summary measure', () => {
    for (const m of SUMMARY_MEASURES) expect(parse(`${m} != 0`).measure).toBe(m);
  });

  it.each([
    ['', /empty expression/],
    ['npv_cashable', /not an expectation/],
    ['npv_cashable 0', /not an expectation/],
    ['>= 0', /not an expectation/],
    ['npv_cashable = 0', /`=` alone is not an operator/],
    ['npv_cashable => 0', /write `>=` or `<=`/],
    ['npv_cashable >=', /no number/],
    ['npv_cashable >= zero', /"zero" .* is not a number/],
    ['npv_cashable >= 10%', /not a number/],
    ['npv_cashable >= 1,00', /not a number/],
    ['npv_cashable >= 0 and payback_t <= 6', /not a number/],
    ['npv_cashible >= 0', /not a summary measure/],
    ['npv_cashable.p15 >= 0', /not a statistic/],
    ['payback_t.prob_positive >= 0', /not a statistic of payback_t/],
  ])('refuses %j', (expr, message) => {
    expect(problem(expr, true).message).toMatch(message);
  });

  it('suggests the measure meant', () => {
    expect(problem('npv_cashible >= 0').hint).toMatch(/Did you mean `npv_cashable`/);
    expect(problem('npv_cashable.p11 >= 0', true).hint).toMatch(/Did you mean `npv_cashable.p10`/);
  });

  it('reads a condition for a target read separately (the manifest form)', () => {
    const target = parseTarget('payback_t', false);
    if (target instanceof ExpressionProblem) throw new Error(target.message);
    const e = parseCondition(target, '<= 6');
    if (e instanceof ExpressionProblem) throw new Error(e.message);
    expect(e.text).toBe('payback_t <= 6');
  });
});

describe('properties', () => {
  const decimalText = fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.nat({ max: 6 }))
    .map(([neg, digits, scale]) => {
      const s = digits.toString().padStart(scale + 1, '0');
      const body = scale === 0 ? s : `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
      return `${neg ? '-' : ''}${body}`;
    });

  it('a written expression reads back as its measure, operator and exact number', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SUMMARY_MEASURES), fc.constantFrom(...OPERATORS), decimalText, fc.constantFrom('', ' ', '  '), (m, op, n, sp) => {
        const e = parse(`${m}${sp}${op}${sp}${n}`);
        expect(e.measure).toBe(m);
        expect(e.op).toBe(op);
        expect(e.value.equals(d(n))).toBe(true);
      }),
    );
  });

  it('holds agrees with the comparison of the two numbers', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPERATORS), decimalText, decimalText, (op, a, b) => {
        const x = d(a);
        const y = d(b);
        const expected = { '>=': x.gte(y), '<=': x.lte(y), '==': x.eq(y), '!=': !x.eq(y), '>': x.gt(y), '<': x.lt(y) }[op];
        expect(holds(parse(`npv_fiscal ${op} ${b}`), x)).toBe(expected);
      }),
    );
  });

  it('no text is read as an expression unless it has a measure, an operator and a number', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const e = parseExpression(s, true);
        if (e instanceof ExpressionProblem) return;
        expect(s).toMatch(/^\s*[a-z_]+(\.[a-z0-9_]+)?\s*(>=|<=|==|!=|>|<)\s*[-+]?£?[\d.,]+([eE][-+]?\d+)?\s*$/);
      }),
    );
  });
});

/** Whether the checks pass on a result. */
function passes(options: { expect?: string[]; failIf?: string[] }, result: ReturnType<typeof runModel>): boolean {
  try {
    checkCommandChecks(parseChecks(options), [result]);
    return true;
  } catch {
    return false;
  }
}

describe('--expect and --fail-if', () => {
  it('is a usage error when badly written', () => {
    expect(() => parseChecks({ expect: ['npv_cashable >= nothing'] })).toThrow(UsageError);
    expect(() => parseChecks({ expect: ['npv_cashable.p10 >= 0'] })).toThrow(/statistic of simulated runs/);
  });
  it('--expect passes and fails on the worked example (npv_cashable 192598.16, payback in year 2)', () => {
    const { budgets, scenario } = workedExample();
    const result = runModel(budgets, scenario);
    expect(() => checkCommandChecks(parseChecks({ expect: ['npv_cashable >= 192598.15', 'payback_t <= 2'] }), [result])).not.toThrow();
    // the exact NPV is 192598.156..., shown as 192598.16: comparisons use the exact value, and say so
    expect(() => checkCommandChecks(parseChecks({ expect: ['npv_cashable >= 192598.16'] }), [result])).toThrow('npv_cashable >= 192598.16 (was 192598.156)');
    expect(() => checkCommandChecks(parseChecks({ expect: ['npv_cashable == 192598.16'] }), [result])).toThrow(ExpectationError);
    try {
      checkCommandChecks(parseChecks({ expect: ['npv_cashable >= 200000', 'payback_t <= 1'] }), [result]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ExpectationError);
      expect((err as ExpectationError).exitCode).toBe(1);
      expect((err as Error).message).toBe('--expect not met: Example: npv_cashable >= 200000 (was 192598.16); payback_t <= 1 (was 2)');
    }
  });
  it('--fail-if fails when its condition holds, and passes when it does not: the opposite reading of --expect', () => {
    const { budgets, scenario } = workedExample();
    const result = runModel(budgets, scenario);
    // the case makes money: a check for losing money passes, one for making it fails
    expect(() => checkCommandChecks(parseChecks({ failIf: ['npv_cashable < 0'] }), [result])).not.toThrow();
    expect(() => checkCommandChecks(parseChecks({ failIf: ['npv_cashable > 0'] }), [result])).toThrow('--fail-if condition met: Example: npv_cashable > 0 (was 192598.16)');
    expect(() => checkCommandChecks(parseChecks({ expect: ['npv_cashable < 0'] }), [result])).toThrow('--expect not met: Example: npv_cashable < 0 (was 192598.16)');
    // the exact value decides, and is shown with the digits that show it meets the condition
    expect(() => checkCommandChecks(parseChecks({ failIf: ['npv_cashable < 192598.16'] }), [result])).toThrow('npv_cashable < 192598.16 (was 192598.156)');
    for (const op of OPERATORS) {
      const expr = `payback_t ${op} 2`;
      expect([expr, passes({ failIf: [expr] }, result)]).toEqual([expr, !passes({ expect: [expr] }, result)]);
    }
    // both kinds at once name the option of each failure
    expect(() => checkCommandChecks(parseChecks({ expect: ['payback_t <= 1'], failIf: ['npv_cashable > 0'] }), [result])).toThrow(
      'checks failed: Example: --expect payback_t <= 1 (was 2); --fail-if npv_cashable > 0 (was 192598.16)',
    );
  });
  it('--fail-if on a value that was not computed (no payback) fails, as --expect does', () => {
    const { budgets, scenario } = workedExample();
    const result = runModel(budgets, scenario);
    const noPayback = { ...result, places: result.places.map((p) => ({ ...p, summary: { ...p.summary, payback_t: null } })) };
    expect(() => checkCommandChecks(parseChecks({ failIf: ['payback_t > 6'] }), [noPayback])).toThrow('payback_t > 6 (no payback)');
    expect(() => checkCommandChecks(parseChecks({ expect: ['payback_t <= 6'] }), [noPayback])).toThrow('payback_t <= 6 (no payback)');
  });
});
