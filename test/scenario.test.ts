// The scenario loader (docs/method.md, "Scenario fields"): every field, its default and range, exact decimals, and one bad fixture
// per kind of mistake with its exit code, path and file:line:column.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { D } from '../src/decimal.js';
import { EXIT, FileOpenError, InputError, PlacepoolError, formatProblem } from '../src/errors.js';
import { loadScenario, scenarioFromText, DEFAULT_OPTIMISM_BIAS_TABLE } from '../src/io/scenario.js';
import { parseDocument, toPlain } from '../src/io/document.js';
import type { Scenario } from '../src/model/types.js';
import { ROOT } from './helpers/cli.js';
import { errorOf } from './helpers/errors.js';

const DIR = 'test/fixtures/scenarios';
const io = { cwd: ROOT, stdin: Readable.from([]) };
const src = (name: string) => ({ name, sha256: '0'.repeat(64) });
const text = (name: string) => readFileSync(`${ROOT}${DIR}/${name}`, 'utf8');

/** The scenario as plain data (decimals as their exact text, maps as objects), to compare whole scenarios. */
function plainScenario(s: Scenario): unknown {
  return JSON.parse(
    JSON.stringify({ ...s, source: undefined, locate: undefined }, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v instanceof D ? `D:${v.toString()}` : v)),
  );
}


function messages(e: PlacepoolError): string {
  return e.problems.map(formatProblem).join('\n');
}

describe('a full scenario (every field of docs/method.md, "Scenario fields")', () => {
  const s = scenarioFromText(text('full.yaml'), src('full.yaml'));

  it('reads every top-level field', () => {
    expect(s.name).toBe('Lambeth whole-place pool');
    expect(s.description).toBe('A whole-place pool across health, care, employment and childcare.');
    expect(s.places).toEqual(['Lambeth']);
    expect(s.combine).toBe(false);
    expect(s.baseYear).toBe(2025);
    expect(s.horizon).toBe(10);
    expect(s.discount).toEqual({ kind: 'green-book' });
    expect(s.growth.default.toString()).toBe('0.01');
    expect([...s.growth.bySilo].map(([k, v]) => `${k}=${v}`)).toEqual(['social_care=0.035', 'health=0.02']);
    expect([...s.pool].map(([k, v]) => `${k}=${v}`)).toEqual(['health=0.1', 'social_care=1', 'employment=0.5', 'childcare=1']);
    expect(s.investment.shift.map(String)).toEqual(['0.01', '0.02', '0.03']);
    expect(s.investment.fixed.map(String)).toEqual(['2000000']);
    expect(s.investment.reinvest.toString()).toBe('0.5');
    expect(s.investment.funding).toBe('pool');
    expect(s.integration.efficiency.toString()).toBe('0.02');
    expect(s.integration.rampYears).toBe(3);
    expect(s.integration.transitionCosts.map(String)).toEqual(['1500000', '500000']);
    expect(s.settlement).toBe('proportional');
    expect(s.uncertain).toEqual([]);
    expect(s.source.name).toBe('full.yaml');
  });

  it('overrides only the named grades of the default optimism bias table', () => {
    expect([...s.optimismBiasTable].map(([k, v]) => `${k}=${v}`)).toEqual(['1=0', '2=0.05', '3=0.1', '4=0.15', '5=0.3', '6=0.4']);
    expect(DEFAULT_OPTIMISM_BIAS_TABLE.get(5)!.toString()).toBe('0.25');
  });

  it('reads interventions, normalising silo keys and resolving optimism bias', () => {
    const [a, b] = s.interventions;
    expect(a!.name).toBe('Family intervention');
    expect(a!.share.toString()).toBe('0.6');
    expect(a!.costPerParticipant.toString()).toBe('5214');
    expect(a!.successRate.toString()).toBe('0.5');
    expect(a!.attribution.toString()).toBe('0.9');
    expect(a!.confidence).toBe(3);
    expect(a!.optimismBiasSource).toBe('confidence');
    expect(a!.optimismBias.toString()).toBe('0.1'); // grade 3 of the default table
    expect([a!.lag, a!.duration]).toEqual([1, 3]);
    expect(a!.dropOff.toString()).toBe('0.2');
    expect([...a!.avoidedCost.keys()]).toEqual(['social_care', 'health', 'employment']);
    expect(a!.cashable.get('health')!.toString()).toBe('0.2');
    expect(b!.optimismBiasSource).toBe('explicit');
    expect(b!.optimismBias.toString()).toBe('0.1');
    expect(b!.confidence).toBeUndefined();
    expect([...b!.avoidedCost.keys()]).toEqual(['employment', 'health']);
    expect([...b!.cashable.keys()]).toEqual(['employment', 'health']);
    expect(b!.costOptimismBias.toString()).toBe('0.1');
  });

  it('has no warnings (both interventions have optimism bias and deadweight)', () => {
    expect(s.warnings).toEqual([]);
  });

  it('reads the same scenario from JSON', () => {
    const j = scenarioFromText(text('full.json'), src('full.json'));
    expect(plainScenario(j)).toEqual(plainScenario(s));
  });

  it('locates dotted, bracketed and named paths', () => {
    expect(s.locate('interventions[1].cashable.Health')).toEqual({ file: 'full.yaml', line: 50, column: 42, path: 'interventions[1].cashable.Health' });
    expect(s.locate('interventions.1.cashable.health')).toMatchObject({ line: 50, column: 42 });
    expect(s.locate('interventions.Family intervention.lag')).toMatchObject({ line: 33, column: 10, path: 'interventions[0].lag' });
    // a missing key falls back to its nearest parent that exists, but shows the path asked for
    expect(s.locate('interventions[1].cashable.helth')).toEqual({ file: 'full.yaml', line: 50, column: 15, path: 'interventions[1].cashable.helth' });
    expect(s.locate('horizon')).toEqual({ file: 'full.yaml', line: 8, column: 10, path: 'horizon' });
  });

  it('keeps the source it was read from', () => {
    expect(s.source.name).toBe('full.yaml');
  });
});

describe('defaults (a scenario with only a name)', () => {
  const s = scenarioFromText(text('minimal.yaml'), src('minimal.yaml'));
  it('takes every default of docs/method.md, "Scenario fields"', () => {
    expect(s.name).toBe('Minimal');
    expect(s.description).toBeUndefined();
    expect(s.places).toBeUndefined();
    expect(s.baseYear).toBeUndefined();
    expect(s.combine).toBe(false);
    expect(s.horizon).toBe(10);
    expect(s.discount).toEqual({ kind: 'green-book' });
    expect(s.growth.default.toString()).toBe('0');
    expect(s.growth.bySilo.size).toBe(0);
    expect(s.pool.size).toBe(0);
    expect(s.investment.shift.map(String)).toEqual(['0']);
    expect(s.investment.fixed).toEqual([]);
    expect(s.investment.reinvest.toString()).toBe('0');
    expect(s.investment.funding).toBe('pool');
    expect(s.integration.efficiency.toString()).toBe('0');
    expect(s.integration.rampYears).toBe(1);
    expect(s.integration.transitionCosts).toEqual([]);
    expect([...s.optimismBiasTable].map(([k, v]) => `${k}=${v}`)).toEqual(['1=0', '2=0.05', '3=0.1', '4=0.15', '5=0.25', '6=0.4']);
    expect(s.settlement).toBe('proportional');
    expect(s.interventions).toEqual([]);
    expect(s.warnings).toEqual([]);
  });

  it('gives an intervention its defaults and warns about what is missing', () => {
    const t = scenarioFromText('name: x\ninterventions:\n  - name: Only cost\n    cost_per_participant: 10\n', src('k.yaml'));
    const k = t.interventions[0]!;
    expect(k.share.toString()).toBe('1');
    expect(k.costOptimismBias.toString()).toBe('0');
    expect(k.successRate.toString()).toBe('0');
    expect(k.deadweight.toString()).toBe('0');
    expect(k.attribution.toString()).toBe('1');
    expect(k.optimismBias.toString()).toBe('0');
    expect(k.optimismBiasSource).toBe('none');
    expect([k.lag, k.duration]).toEqual([0, 1]);
    expect(k.dropOff.toString()).toBe('0');
    expect(k.avoidedCost.size + k.cashable.size).toBe(0);
    expect(t.warnings.map((w) => w.code)).toEqual(['no-optimism-bias', 'zero-deadweight']);
    expect(t.warnings[0]!.loc).toMatchObject({ file: 'k.yaml', line: 3, column: 5, path: 'interventions[0]' });
    expect(t.warnings[1]!.message).toMatch(/deadweight 0 \(the default\)/);
  });

  it('uses an explicit table value over the default for a confidence grade', () => {
    const t = scenarioFromText('name: x\noptimism_bias_table: {3: 0.5}\ninterventions:\n  - {name: A, cost_per_participant: 10, confidence: 3, deadweight: 0.1}\n', src('t.yaml'));
    expect(t.interventions[0]!.optimismBias.toString()).toBe('0.5');
    expect(t.warnings).toEqual([]);
  });
});

describe('number forms', () => {
  it('reads base_year as 2025 or 2025/26', () => {
    expect(scenarioFromText('name: x\nbase_year: 2025/26\n', src('a.yaml')).baseYear).toBe(2025);
    expect(scenarioFromText('name: x\nbase_year: 2099-00\n', src('a.yaml')).baseYear).toBe(2099);
    expect(scenarioFromText('name: x\nbase_year: 2030\n', src('a.yaml')).baseYear).toBe(2030);
  });

  it('reads a constant discount rate and a single place', () => {
    const s = scenarioFromText('name: x\ndiscount: 0.035\nplaces: Lambeth\n', src('a.yaml'));
    expect(s.discount).toEqual({ kind: 'constant', rate: new D('0.035') });
    expect(s.places).toEqual(['Lambeth']);
  });

  it('reads a number as a one-item list for shift, fixed and transition_costs', () => {
    const s = scenarioFromText('name: x\ninvestment: {shift: 0.02, fixed: 100}\nintegration: {transition_costs: 5}\n', src('a.yaml'));
    expect(s.investment.shift.map(String)).toEqual(['0.02']);
    expect(s.investment.fixed.map(String)).toEqual(['100']);
    expect(s.integration.transitionCosts.map(String)).toEqual(['5']);
  });

  it('keeps every digit: decimals come from the text, never through a float', () => {
    const s = scenarioFromText(
      [
        'name: x',
        'growth: {default: 0.12345678901234567890123456789}',
        'investment: {fixed: [1e-7, 123456789012345.678901234567, 0.1]}',
        'interventions:',
        '  - {name: A, share: 0.7, cost_per_participant: 0.01, confidence: 1, deadweight: 0.3}',
        '  - {name: B, share: 0.2, cost_per_participant: 1, confidence: 1, deadweight: 0.3}',
        '  - {name: C, share: 0.1, cost_per_participant: 1, confidence: 1, deadweight: 0.3}',
      ].join('\n'),
      src('a.yaml'),
    );
    expect(s.growth.default.toString()).toBe('0.12345678901234567890123456789');
    expect(s.investment.fixed.map((v) => v.toFixed())).toEqual(['0.0000001', '123456789012345.678901234567', '0.1']);
    // 0.7 + 0.2 + 0.1 is exactly 1 in decimal (not in binary floating point: 0.9999999999999999)
    expect(0.7 + 0.2 + 0.1).not.toBe(1);
    expect(s.interventions.map((k) => k.share.toString())).toEqual(['0.7', '0.2', '0.1']);
  });

  it('accepts funding shares of 0.7, 0.2 and 0.1 (exactly 1 in decimal)', () => {
    const s = scenarioFromText('name: x\ninvestment:\n  funding: {health: 0.7, Social Care: 0.2, employment: 0.1}\n', src('a.yaml'));
    expect(s.investment.funding instanceof Map && [...s.investment.funding.keys()]).toEqual(['health', 'social_care', 'employment']);
  });

  it('round-trips any list of decimals exactly (property)', () => {
    const dec = fc
      .tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 6 }))
      .map(([i, f, places]) => (places === 0 ? String(i === 1 ? 1 : 0) : i === 1 ? '1' : `0.${String(f).padStart(6, '0').slice(0, places)}`));
    fc.assert(
      fc.property(fc.array(dec, { minLength: 1, maxLength: 8 }), fc.boolean(), (values, asList) => {
        const written = asList || values.length > 1 ? `[${values.join(', ')}]` : values[0]!;
        const s = scenarioFromText(`name: x\ninvestment:\n  shift: ${written}\n  fixed: ${written}\n`, src('p.yaml'));
        expect(s.investment.shift.map((v) => v.toString())).toEqual(values.map((v) => new D(v).toString()));
        expect(s.investment.fixed.every((v, i) => v.equals(new D(values[i]!)))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('rejects any number outside [0, 1] for a share, and accepts any inside (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 3000 }), (n) => {
        const v = new D(n).dividedBy(1000).toString();
        const run = () => scenarioFromText(`name: x\ninvestment: {reinvest: ${v}}\n`, src('p.yaml'));
        if (n >= 0 && n <= 1000) expect(run().investment.reinvest.toString()).toBe(v);
        else expect(messages(errorOf(run))).toContain('p.yaml:2:24 (investment.reinvest)');
      }),
      { numRuns: 100 },
    );
  });
});

describe('uncertain values', () => {
  const s = scenarioFromText(text('uncertain.yaml'), src('uncertain.yaml'));

  it('lists each distribution with its canonical path, label, range and central value', () => {
    const rows = s.uncertain.map((u) => [u.path, u.label, u.dist.kind, u.central.toString(), u.min.toString(), u.max?.toString() ?? null]);
    expect(rows).toEqual([
      ['growth.default', 'growth.default', 'normal', '0.01', '-0.5', '1'],
      ['growth.social_care', 'growth.social_care', 'uniform', '0.035', '-0.5', '1'],
      ['investment.shift.1', 'investment.shift[1]', 'triangular', '0.02', '0', '1'],
      ['investment.reinvest', 'investment.reinvest', 'pert', '0.25', '0', '1'],
      ['integration.efficiency', 'integration.efficiency', 'triangular', '0.02', '0', '1'],
      ['interventions.0.cost_per_participant', 'Falls prevention: cost_per_participant', 'triangular', '450', '0.01', '1000000000000000'],
      ['interventions.0.cost_optimism_bias', 'Falls prevention: cost_optimism_bias', 'uniform', '0.2', '0', '10'],
      ['interventions.0.success_rate', 'Falls prevention: success_rate', 'pert', '0.2', '0', '1'],
      ['interventions.0.deadweight', 'Falls prevention: deadweight', 'triangular', '0.1', '0', '1'],
      ['interventions.0.attribution', 'Falls prevention: attribution', 'uniform', '0.85', '0', '1'],
      ['interventions.0.optimism_bias', 'Falls prevention: optimism_bias', 'normal', '0.15', '0', '1'],
      ['interventions.0.drop_off', 'Falls prevention: drop_off', 'triangular', '0.3', '0', '1'],
      ['interventions.0.avoided_cost_per_success.health', 'Falls prevention: avoided_cost_per_success.health', 'triangular', '3000', '0', '1000000000000000'],
      ['interventions.0.cashable.social_care', 'Falls prevention: cashable.social_care', 'uniform', '0.4', '0', '1'],
    ]);
  });

  it('puts the central values in the scenario', () => {
    expect(s.growth.bySilo.get('social_care')!.toString()).toBe('0.035');
    expect(s.investment.shift.map(String)).toEqual(['0.01', '0.02']);
    const k = s.interventions[0]!;
    expect([k.costPerParticipant, k.successRate, k.optimismBias, k.avoidedCost.get('health')].map(String)).toEqual(['450', '0.2', '0.15', '3000']);
    expect(k.avoidedCost.get('social_care')!.toString()).toBe('1200');
    expect(s.investment.funding instanceof Map && s.investment.funding.get('social_care')!.toString()).toBe('0.7');
    expect(s.integration.transitionCosts.map(String)).toEqual(['250000.1']);
  });

  it('keeps the distribution parameters exactly and locates them', () => {
    const u = s.uncertain.find((p) => p.path === 'interventions.0.success_rate')!;
    expect(u.dist).toEqual({ kind: 'pert', low: new D('0.1'), mode: new D('0.2'), high: new D('0.35') });
    expect(u.loc).toMatchObject({ file: 'uncertain.yaml', line: 17, column: 19, path: 'interventions[0].success_rate' });
  });

  it('allows low = mode (a one-sided triangle) but not low = high', () => {
    expect(scenarioFromText('name: x\ninvestment: {reinvest: {triangular: [0, 0, 0.5]}}\n', src('a.yaml')).investment.reinvest.toString()).toBe('0');
    expect(messages(errorOf(() => scenarioFromText('name: x\ninvestment: {reinvest: {pert: [0.2, 0.2, 0.2]}}\n', src('a.yaml'))))).toMatch(/no uncertainty/);
  });

  it('allows low and high outside the valid range when the central value is inside (draws are clamped)', () => {
    const t = scenarioFromText('name: x\ninvestment: {reinvest: {normal: [0.9, 0.3]}}\n', src('a.yaml'));
    expect(t.uncertain[0]!.central.toString()).toBe('0.9');
  });
});

// One fixture per kind of mistake: [file, where (file:line:column), path, words the message or hint must hold].
const BAD: [string, string, string | null, RegExp][] = [
  ['yaml-syntax.yaml', 'yaml-syntax.yaml:6:5', null, /YAML syntax error: flow sequence .* end with a \]/],
  ['json-syntax.json', 'json-syntax.json:4:3', null, /JSON syntax error: expected `,` or `}` after a value/],
  ['wrong-type.yaml', 'wrong-type.yaml:2:10', 'horizon', /`horizon` must be a number, but it is the text "ten"/],
  ['range-share.yaml', 'range-share.yaml:7:19', 'interventions[0].success_rate', /is 1\.5, outside its valid range: between 0 and 1/],
  ['range-growth.yaml', 'range-growth.yaml:4:11', 'growth.health', /`growth.health` is -0\.6, outside its valid range: between -0\.5 and 1/],
  ['range-minimum.yaml', 'range-minimum.yaml:4:27', 'interventions[0].cost_per_participant', /is 0, outside its valid range: from £0\.01 to £1,000 trillion/],
  ['range-integer.yaml', 'range-integer.yaml:7:10', 'interventions[0].lag', /`lag` is 2\.5, but it must be a whole number/],
  ['range-confidence.yaml', 'range-confidence.yaml:6:17', 'interventions[0].confidence', /is 7, outside its valid range: a whole number from 1 to 6/],
  ['range-discount.yaml', 'range-discount.yaml:2:11', 'discount', /is 1, outside its valid range: 0 or more and below 1/],
  ['range-cost-optimism-bias.yaml', 'range-cost-optimism-bias.yaml:5:25', 'interventions[0].cost_optimism_bias', /is 11, outside its valid range: between 0 and 10/],
  ['range-fixed-negative.yaml', 'range-fixed-negative.yaml:3:17', 'investment.fixed[1]', /is -5, outside its valid range: from £0 to £1,000 trillion/],
  ['horizon-0.yaml', 'horizon-0.yaml:2:10', 'horizon', /`horizon` is 0, outside its valid range: a whole number from 1 to 100/],
  ['horizon-101.yaml', 'horizon-101.yaml:2:10', 'horizon', /`horizon` is 101, outside/],
  ['unknown-top-key.yaml', 'unknown-top-key.yaml:2:1', 'horizn', /unknown scenario field `horizn`\n\s+Did you mean `horizon`\?/],
  ['unknown-intervention-key.yaml', 'unknown-intervention-key.yaml:5:5', 'interventions[0].sucess_rate', /unknown intervention field `sucess_rate`\n\s+Did you mean `success_rate`\?/],
  ['unknown-integration-key.yaml', 'unknown-integration-key.yaml:3:3', 'integration.efficency', /Did you mean `efficiency`\?[^]*investment.reinvst[^]*Did you mean `reinvest`\?/],
  ['cashable-misspelt.yaml', 'cashable-misspelt.yaml:14:17', 'interventions[1].cashable.helth', /has a share for `helth`, which has no avoided cost\n\s+Did you mean `health`\?/],
  ['cashable-missing.yaml', 'cashable-missing.yaml:9:7', 'interventions[0].cashable', /`cashable` has no share for `employment`/],
  ['shares-sum.yaml', 'shares-sum.yaml:3:3', 'interventions', /shares add up to 0\.9, not exactly 1/],
  ['funding-sum.yaml', 'funding-sum.yaml:3:12', 'investment.funding', /funding shares add up to 0\.9, not exactly 1/],
  ['duplicate-names.yaml', 'duplicate-names.yaml:8:11', 'interventions[1].name', /two interventions are called `A`/],
  ['confidence-and-optimism-bias.yaml', 'confidence-and-optimism-bias.yaml:6:20', 'interventions[0].optimism_bias', /both `confidence` \(line 5\) and `optimism_bias`/],
  ['dist-order.yaml', 'dist-order.yaml:7:32', 'interventions[0].success_rate.triangular', /low 0\.5, mode 0\.3, high 0\.4: they must be in order/],
  ['dist-sd.yaml', 'dist-sd.yaml:3:24', 'integration.efficiency.normal', /standard deviation 0: it must be above 0/],
  ['dist-central.yaml', 'dist-central.yaml:7:29', 'interventions[0].success_rate.uniform', /central value \(the midpoint, 1\.1\) of `success_rate` is outside/],
  ['dist-not-allowed.yaml', 'dist-not-allowed.yaml:3:11', 'pool.health', /`pool.health` cannot be written as a distribution/],
  ['dist-unknown.yaml', 'dist-unknown.yaml:3:14', 'investment.reinvest.triangle', /unknown distribution `triangle`\n\s+Did you mean `triangular`\?/],
  ['duplicate-key.yaml', 'duplicate-key.yaml:4:1', null, /the key `horizon` appears twice in the same map \(first at line 2, column 1\)/],
  ['json-duplicate.json', 'json-duplicate.json:4:3', null, /the key `horizon` appears twice/],
  ['json-range.json', 'json-range.json:5:108', 'interventions[1].drop_off', /`drop_off` is -0\.1, outside its valid range/],
  ['proto-key.yaml', 'proto-key.yaml:3:3', null, /the key `__proto__` is not allowed/],
  ['empty.yaml', 'empty.yaml:1:1', null, /the scenario file is empty/],
  ['list.yaml', 'list.yaml:1:1', null, /must be a map of fields .* but this file holds a list/],
  ['silo-duplicate.yaml', 'silo-duplicate.yaml:4:3', 'pool.social-care', /`social-care` is the same silo as `Social care` \(line 3\): both are `social_care`/],
  ['no-name.yaml', 'no-name.yaml:1:1', 'name', /the scenario has no `name`/],
  ['missing-cost.yaml', 'missing-cost.yaml:3:5', 'interventions[0].cost_per_participant', /A has no `cost_per_participant`/],
  ['base-year.yaml', 'base-year.yaml:2:12', 'base_year', /27 is not the year after 2025\n\s+Write `2025\/26`/],
  ['quoted-number.yaml', 'quoted-number.yaml:3:13', 'investment.reinvest', /must be a number, but it is the text "0\.5"\n\s+Remove the quotes/],
  ['shift-empty.yaml', 'shift-empty.yaml:3:10', 'investment.shift', /`shift` is an empty list/],
  ['settlement.yaml', 'settlement.yaml:2:13', 'settlement', /Did you mean `proportional`\?/],
  ['funder-duplicate.yaml', 'funder-duplicate.yaml:7:11', 'funders[1].name', /two funders are called `Big Lottery Fund` \(the first is funders\[0\], line 5\)/],
  ['funder-unknown-intervention.yaml', 'funder-unknown-intervention.yaml:6:24', 'funders[0].outcome_payment.Family suport', /names `Family suport`, which is not an intervention of the scenario\n\s+Did you mean `Family support`\?/],
  ['funder-negative-grant.yaml', 'funder-negative-grant.yaml:6:21', 'funders[0].grant[1]', /`grant` is -50000, outside its valid range: from £0/],
  ['partner-silo-twice.yaml', 'partner-silo-twice.yaml:6:32', 'partners.Lambridge Trust[1]', /the silo `social_care` is in two partners, `Lambridge Council` \(line 5\) and `Lambridge Trust`/],
];

describe('bad scenarios: exit 65 with the file, line, column and path', () => {
  for (const [file, where, path, words] of BAD) {
    it(file, async () => {
      const err = await loadScenario(`${DIR}/bad/${file}`, io).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputError);
      const e = err as InputError;
      expect(e.exitCode).toBe(EXIT.data);
      const all = messages(e);
      const heads = e.problems.map((p) => formatProblem(p).split(': ')[0]);
      expect(heads).toContain(`${DIR}/bad/${where}${path ? ` (${path})` : ''}`);
      expect(all).toMatch(words);
      // every problem is located and says how to mend it
      for (const p of e.problems) {
        expect(p.loc?.line).toBeGreaterThan(0);
        expect(p.hint).toBeTruthy();
      }
    });
  }

  it('collects every problem of a file instead of stopping at the first', () => {
    const e = errorOf(() =>
      scenarioFromText(
        ['name: x', 'horizon: 0', 'discount: greenbook', 'pool: {health: 2}', 'interventions:', '  - {name: A, cost_per_participant: 0, lag: -1, sucess_rate: 0.1}'].join('\n'),
        src('many.yaml'),
      ),
    );
    expect(e.problems.map((p) => `${p.loc?.line}:${p.loc?.column} ${p.loc?.path}`)).toEqual([
      '2:10 horizon',
      '3:11 discount',
      '4:16 pool.health',
      '6:37 interventions[0].cost_per_participant',
      '6:45 interventions[0].lag',
      '6:49 interventions[0].sucess_rate',
    ]);
    expect(e.message).toBe('many.yaml: the scenario has 6 problems');
    expect(messages(e)).toMatch(/Did you mean `green-book`\?/);
  });

  it('says what is wrong with a misspelt silo in growth and a silo that is not an identifier', () => {
    const e = errorOf(() => scenarioFromText('name: x\ngrowth: {Social care: 0.1, social_care: 0.2, 2nd: 0.1}\n', src('g.yaml')));
    expect(messages(e)).toMatch(/g\.yaml:2:28 \(growth\.social_care\): `social_care` is the same silo as `Social care`/);
    expect(messages(e)).toMatch(/g\.yaml:2:46 \(growth\.2nd\): `2nd` is not a silo name/);
  });

  it('rejects a key that names an intervention field at the top level, saying where it belongs', () => {
    expect(messages(errorOf(() => scenarioFromText('name: x\ndeadweight: 0.1\n', src('t.yaml'))))).toMatch(/belongs to an intervention/);
  });

  it('rejects other JSON mistakes the YAML parser would allow', () => {
    const cases: [string, RegExp][] = [
      ['{"name": "x",}', /1:14: JSON syntax error: a comma before `}`/],
      ["{'name': 'x'}", /1:2: JSON syntax error: expected a double-quoted key/],
      ['{"name": "x", "horizon": 010}', /1:27: JSON syntax error: a malformed number/],
      ['{"name": "x"', /1:13: JSON syntax error: expected `,` or `}` after a value, found the end of the file/],
      ['{"name": "x"} {}', /1:15: JSON syntax error: unexpected `{` after the end/],
      ['// comment\n{"name": "x"}', /1:1: JSON syntax error: expected a value, found `\/`/],
    ];
    for (const [json, re] of cases) expect(messages(errorOf(() => scenarioFromText(json, src('s.json'))))).toMatch(re);
    // valid JSON with escapes and exponents reads as the same values
    const s = scenarioFromText('{"name": "caf\\u00e9 \\"pool\\"", "investment": {"fixed": [1.5E3, -0, 2e-2]}}', src('s.json'));
    expect(s.name).toBe('café "pool"');
    expect(s.investment.fixed.map(String)).toEqual(['1500', '0', '0.02']);
  });

  it('rejects a second document, a custom tag, and hexadecimal or infinite numbers', () => {
    expect(messages(errorOf(() => scenarioFromText('name: a\n---\nname: b\n', src('m.yaml'))))).toMatch(/m\.yaml:2:1: YAML syntax error: the file holds more than one document/);
    expect(messages(errorOf(() => scenarioFromText('name: a\nhorizon: !int 10\n', src('m.yaml'))))).toMatch(/m\.yaml:2:10: YAML syntax error: unknown tag/);
    expect(messages(errorOf(() => scenarioFromText('name: a\nhorizon: 0xA\n', src('m.yaml'))))).toMatch(/`horizon` must be a number, but it is 0xA/);
    expect(messages(errorOf(() => scenarioFromText('name: a\ninvestment: {fixed: .inf}\n', src('m.yaml'))))).toMatch(/`fixed` must be a number, but it is \.inf/);
    expect(messages(errorOf(() => scenarioFromText('name: a\ninvestment: {fixed: "£2,000,000"}\n', src('m.yaml'))))).toMatch(/without £ or commas: 2000000\./);
  });

  it('refuses constructor and prototype keys anywhere, and pollutes nothing', () => {
    for (const key of ['constructor', 'prototype', '__proto__']) {
      expect(messages(errorOf(() => scenarioFromText(`name: a\ninterventions:\n  - name: b\n    ${key}: {polluted: 1}\n`, src('p.yaml'))))).toMatch(
        new RegExp(`p\\.yaml:4:5: the key \`${key}\` is not allowed`),
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const plain = toPlain(parseDocument('a: {b: 1}\n', src('p.yaml')).root) as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(plain)).toBeNull();
    expect(Object.getPrototypeOf(plain.a)).toBeNull();
  });
});

describe('YAML features', () => {
  it('follows anchors and aliases', () => {
    const s = scenarioFromText(
      'name: x\ninterventions:\n  - {name: A, share: 0.5, cost_per_participant: 1, confidence: 1, deadweight: 0.1, avoided_cost_per_success: &costs {health: 100}, cashable: {health: 1}}\n  - {name: B, share: 0.5, cost_per_participant: 1, confidence: 1, deadweight: 0.1, avoided_cost_per_success: *costs, cashable: {health: 0}}\n',
      src('a.yaml'),
    );
    expect(s.interventions[1]!.avoidedCost.get('health')!.toString()).toBe('100');
  });

  it('refuses aliases that expand without end and nesting without end (exit 65, located)', () => {
    let bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (const [k, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) bomb += `${k}: &${k} [${Array(10).fill(`*${prev}`).join(', ')}]\n`;
    const e = errorOf(() => scenarioFromText(`name: x\n${bomb}`, src('bomb.yaml')));
    expect(e.exitCode).toBe(EXIT.data);
    expect(messages(e)).toMatch(/^bomb\.yaml:\d+:\d+: the document holds more than 200000 values/);
    const deep = errorOf(() => scenarioFromText(`name: x\nhorizon: ${'['.repeat(150)}${']'.repeat(150)}\n`, src('deep.yaml')));
    expect(deep.exitCode).toBe(EXIT.data);
    expect(messages(deep)).toMatch(/^deep\.yaml:2:\d+: the document is nested more than 100 levels deep/);
  });
});

describe('loading files', () => {
  it('reads a file relative to the working folder and records its SHA-256', async () => {
    const s = await loadScenario(`${DIR}/minimal.yaml`, io);
    expect(s.source.name).toBe(`${DIR}/minimal.yaml`);
    // the SHA-256 of `name: Minimal\n`, computed independently
    const { createHash } = await import('node:crypto');
    expect(s.source.sha256).toBe(createHash('sha256').update('name: Minimal\n').digest('hex'));
  });

  it('reads `-` from stdin, named <stdin>', async () => {
    const s = await loadScenario('-', { cwd: ROOT, stdin: Readable.from([Buffer.from('{"name": "From stdin"}')]) });
    expect(s.name).toBe('From stdin');
    expect(s.source.name).toBe('<stdin>');
  });

  it('gives exit 66 for a missing file', async () => {
    const err = await loadScenario('no/such/scenario.yaml', io).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileOpenError);
    expect((err as FileOpenError).exitCode).toBe(EXIT.noInput);
    expect((err as FileOpenError).message).toMatch(/cannot open no\/such\/scenario\.yaml: no such file/);
  });

  it('reads a file that is not UTF-8 as Windows-1252, with a warning in the scenario', async () => {
    const s = await loadScenario('-', { cwd: ROOT, stdin: Readable.from([Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0x43, 0x61, 0x66, 0xe9])]) });
    expect(s.name).toBe('Café');
    expect(s.warnings.map((w) => w.code)).toEqual(['encoding']);
  });

  it('reads a bundled example scenario by `example:NAME` only when it exists (exit 66 otherwise)', async () => {
    const err = await loadScenario('example:no-such-scenario.yaml', io).catch((e: unknown) => e);
    expect((err as FileOpenError).exitCode).toBe(EXIT.noInput);
  });

  it('accepts a byte order mark', () => {
    expect(scenarioFromText('\uFEFFname: x\n', src('b.yaml')).name).toBe('x');
  });
});

describe('a percentage where a share belongs', () => {
  it('says what the share is, in words that cannot be misread', () => {
    const e = errorOf(() => scenarioFromText('name: a\ninvestment: {reinvest: 25%}\n', { name: 'p.yaml', sha256: '' }));
    expect(e.problems[0]!.hint).toBe('Write a percentage as a share, without %: 25% is 0.25.');
  });
});
