// Benefits after the horizon (docs/method.md, "6. Avoided cost"): what the horizon's cohorts would
// still save after its last year, undiscounted, worked by hand on the public worked example, and the warning
// that says so.
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { runModel } from '../../src/model/engine.js';
import type { Scenario } from '../../src/model/types.js';
import { makeBudgets, makeScenario, workedExample } from '../helpers/model.js';

/** The worked example with its horizon and intervention changed. */
function worked(horizon: number, intervention: Partial<Scenario['interventions'][number]> = {}): Scenario {
  const { scenario } = workedExample();
  return { ...scenario, horizon, interventions: scenario.interventions.map((k) => ({ ...k, ...intervention })) };
}

const after = (s: Scenario) => {
  const r = runModel(workedExample().budgets, s);
  return { beyond: r.places[0]!.beyondHorizon!, warnings: r.warnings.filter((w) => w.code === 'after-horizon') };
};

describe('benefits after the horizon', () => {
  // 100 participants in year 0 (2025/26); net successes m = 100 x 0.3 x (1 - 0.4) x 1 x (1 - 0.1) = 16.2;
  // lag 1, duration 3, drop-off 0.2: they save in 2026/27 (j = 0), 2027/28 (j = 1) and 2028/29 (j = 2).
  it('counts nothing when the time profile ends within the horizon (horizon 4: the last saving is in 2028/29)', () => {
    const { beyond, warnings } = after(worked(4));
    expect(beyond.avoided_cost.isZero() && beyond.economic_value.isZero() && beyond.social_value.isZero()).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('horizon 3: the third year of savings (j = 2) falls after 2027/28: 16.2 x 0.8^2 x (9,234 + 566) = £101,606.40', () => {
    // 16.2 x 0.64 = 10.368 success-years; 10.368 x 9,800 = 101,606.4
    const { beyond, warnings } = after(worked(3));
    expect(beyond.avoided_cost.toString()).toBe('101606.4');
    expect(warnings).toEqual([
      {
        code: 'after-horizon',
        message:
          'Example: £101,606.40 of avoided cost (before the cap), undiscounted, from investment within the horizon would fall after 2027/28 and is not counted; a longer horizon would count it',
      },
    ]);
  });

  it('horizon 2: j = 1 and j = 2 fall after 2026/27, 16.2 x (0.8 + 0.64) = 23.328 success-years', () => {
    // 23.328 x 9,800 = 228,614.4
    expect(after(worked(2)).beyond.avoided_cost.toString()).toBe('228614.4');
  });

  it('economic value (after displacement) and social value on the same profile: horizon 3', () => {
    // economic 10.368 x 1,000 x (1 - 0.25) = 7,776; social 10.368 x 200 = 2,073.6
    const s = worked(3, { economicValue: new D('1000'), displacement: new D('0.25'), socialValue: new D('200') });
    const { beyond, warnings } = after(s);
    expect([beyond.avoided_cost.toString(), beyond.economic_value.toString(), beyond.social_value.toString()]).toEqual(['101606.4', '7776', '2073.6']);
    expect(warnings[0]!.message).toBe(
      'Example: £101,606.40 of avoided cost (before the cap), £7,776.00 of economic value and £2,073.60 of social value, undiscounted, from investment within the horizon would fall after 2027/28 and are not counted; a longer horizon would count them',
    );
  });

  it('is gross of the cap: a cap binding within the horizon does not shrink what falls after it', () => {
    // the same cohort with the budgets' reactive spend at £1,000 a year per silo: the cap binds, the amount after is the same
    const small = makeBudgets([
      ['Example', 2025, 'employment', 'Out-of-work support', 'reactive', '1000'],
      ['Example', 2025, 'health', 'Acute care', 'reactive', '1000'],
    ]);
    const r = runModel(small, worked(3));
    expect(r.warnings.some((w) => w.code === 'binding-cap')).toBe(true);
    expect(r.places[0]!.beyondHorizon!.avoided_cost.toString()).toBe('101606.4');
  });

  it('counts every cohort of a sustained programme: investment each year, lag 0, duration 2, no drop-off', () => {
    // £1,000 a year for 3 years at £100 a participant, success 0.5, nothing else: 5 net successes a year; each
    // cohort saves in its own year and the next, so only the last cohort's second year (5 x £40) falls after
    const s = makeScenario({
      horizon: 3,
      discount: 0,
      funding: { health: 1 },
      fixed: [1000, 1000, 1000],
      interventions: [{ name: 'A', cost_per_participant: 100, success_rate: '0.5', optimism_bias: 0, lag: 0, duration: 2, avoided_cost_per_success: { health: 40 } }],
    });
    const b = makeBudgets([['P', 2025, 'health', 'Acute', 'reactive', '1000000']]);
    const r = runModel(b, s);
    expect(r.places[0]!.beyondHorizon!.avoided_cost.toString()).toBe('200');
    expect(r.warnings.find((w) => w.code === 'after-horizon')!.message).toMatch(/^P: £200\.00 of avoided cost \(before the cap\), undiscounted, .* after 2027\/28 /);
  });
});
