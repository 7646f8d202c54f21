// A copy of a scenario with one uncertain value set to a given number, for the exact engine (tornado, and the
// tests of the fast path). Works on the canonical paths of `Scenario.uncertain` (METHOD.md 1.2 lists which
// values may be uncertain); the original scenario is left untouched.
import type { D } from '../decimal.js';
import type { Intervention, Scenario } from '../model/types.js';

const INTERVENTION_FIELDS: Record<string, keyof Intervention> = {
  cost_per_participant: 'costPerParticipant',
  cost_optimism_bias: 'costOptimismBias',
  success_rate: 'successRate',
  deadweight: 'deadweight',
  attribution: 'attribution',
  optimism_bias: 'optimismBias',
  drop_off: 'dropOff',
  share: 'share',
};

function withEntry(map: ReadonlyMap<string, D>, key: string, value: D): Map<string, D> {
  const copy = new Map(map);
  copy.set(key, value);
  return copy;
}

/** The scenario with the value at `path` (e.g. `interventions.0.success_rate`, `growth.health`) replaced. */
export function substitute(scenario: Scenario, path: string, value: D): Scenario {
  const parts = path.split('.');
  const fail = (): never => {
    throw new Error(`cannot substitute a value at ${path}`);
  };
  const [head, second, third, fourth] = parts;
  if (head === 'growth' && second !== undefined && parts.length === 2) {
    const growth = second === 'default' ? { ...scenario.growth, default: value } : { ...scenario.growth, bySilo: withEntry(scenario.growth.bySilo, second, value) };
    return { ...scenario, growth };
  }
  if (head === 'investment' && second === 'shift') {
    const i = third === undefined ? 0 : Number(third);
    if (!Number.isInteger(i) || i < 0 || i >= scenario.investment.shift.length) fail();
    const shift = [...scenario.investment.shift];
    shift[i] = value;
    return { ...scenario, investment: { ...scenario.investment, shift } };
  }
  if (head === 'investment' && second === 'reinvest' && parts.length === 2) {
    return { ...scenario, investment: { ...scenario.investment, reinvest: value } };
  }
  if (head === 'integration' && second === 'efficiency' && parts.length === 2) {
    return { ...scenario, integration: { ...scenario.integration, efficiency: value } };
  }
  if (head === 'interventions' && second !== undefined && third !== undefined) {
    const i = Number(second);
    const k = scenario.interventions[i];
    if (!Number.isInteger(i) || k === undefined) return fail();
    let changed: Intervention;
    if ((third === 'avoided_cost_per_success' || third === 'cashable') && fourth !== undefined && parts.length === 4) {
      changed = third === 'cashable' ? { ...k, cashable: withEntry(k.cashable, fourth, value) } : { ...k, avoidedCost: withEntry(k.avoidedCost, fourth, value) };
    } else if (parts.length === 3 && INTERVENTION_FIELDS[third] !== undefined) {
      changed = { ...k, [INTERVENTION_FIELDS[third]]: value };
      if (third === 'optimism_bias') changed.optimismBiasSource = 'explicit';
    } else return fail();
    const interventions = [...scenario.interventions];
    interventions[i] = changed;
    return { ...scenario, interventions };
  }
  return fail();
}
