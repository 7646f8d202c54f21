// The dotted PATH language (docs/method.md, "Scenario paths"): --param, batch sweeps, breakeven, tornado.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { D } from '../src/decimal.js';
import { EXIT, InputError, UsageError, formatProblem } from '../src/errors.js';
import { formatPath, parseDocument, parsePath, toPlain, type PathSeg } from '../src/io/document.js';
import { scenarioFromDocument } from '../src/io/scenario.js';
import { numericParamPaths, paramRange, resolveParamPath, setParam } from '../src/model/params.js';
import type { Scenario } from '../src/model/types.js';
import { ROOT } from './helpers/cli.js';
import { errorOf } from './helpers/errors.js';

const fixtureDoc = (name: string) => parseDocument(readFileSync(`${ROOT}test/fixtures/scenarios/${name}`, 'utf8'), { name, sha256: '0'.repeat(64) });
const fixture = (name: string) => scenarioFromDocument(fixtureDoc(name));
const full = fixture('full.yaml');
const uncertain = fixture('uncertain.yaml');
const minimal = fixture('minimal.yaml');


/** The scenario's value at a canonical path (a test-side reading, independent of the code under test). */
function valueAt(s: Scenario, path: string): D | number | undefined {
  const [a, b, c, d] = path.split('.');
  const silo = (m: ReadonlyMap<string, D>, k: string | undefined) => m.get(k!);
  switch (a) {
    case 'horizon':
      return s.horizon;
    case 'discount':
      return s.discount.kind === 'constant' ? s.discount.rate : undefined;
    case 'growth':
      return b === 'default' ? s.growth.default : silo(s.growth.bySilo, b);
    case 'pool':
      return silo(s.pool, b);
    case 'optimism_bias_table':
      return s.optimismBiasTable.get(Number(b));
    case 'investment':
      if (b === 'reinvest') return s.investment.reinvest;
      if (b === 'funding') return s.investment.funding === 'pool' ? undefined : silo(s.investment.funding, c);
      return (b === 'shift' ? s.investment.shift : s.investment.fixed)[c === undefined ? 0 : Number(c)];
    case 'integration':
      if (b === 'efficiency') return s.integration.efficiency;
      if (b === 'ramp_years') return s.integration.rampYears;
      return s.integration.transitionCosts[c === undefined ? 0 : Number(c)];
    case 'interventions': {
      const k = s.interventions[Number(b)]!;
      const fields: Record<string, D | number | undefined> = {
        share: k.share,
        cost_per_participant: k.costPerParticipant,
        cost_optimism_bias: k.costOptimismBias,
        success_rate: k.successRate,
        deadweight: k.deadweight,
        attribution: k.attribution,
        optimism_bias: k.optimismBias,
        confidence: k.confidence,
        lag: k.lag,
        duration: k.duration,
        drop_off: k.dropOff,
        economic_value_per_success: k.economicValue,
        social_value_per_success: k.socialValue,
        displacement: k.displacement,
      };
      if (c === 'avoided_cost_per_success') return k.avoidedCost.get(d!);
      if (c === 'cashable') return k.cashable.get(d!);
      if (c === 'transfer') return k.transfer.get(d!);
      return fields[c!];
    }
  }
  return undefined;
}

describe('resolveParamPath', () => {
  it('gives the canonical form of every accepted spelling', () => {
    const cases: [string, string][] = [
      ['integration.efficiency', 'integration.efficiency'],
      ['interventions.0.success_rate', 'interventions.0.success_rate'],
      ['interventions[1].deadweight', 'interventions.1.deadweight'],
      ['interventions.Family intervention.deadweight', 'interventions.0.deadweight'],
      ['interventions.Employment support.cashable.Health', 'interventions.1.cashable.health'],
      ['interventions[0].avoided_cost_per_success.Social care', 'interventions.0.avoided_cost_per_success.social_care'],
      ['growth.health', 'growth.health'],
      ['growth.Social-Care', 'growth.social_care'],
      ['growth.default', 'growth.default'],
      ['growth.childcare', 'growth.childcare'], // a mission silo not written yet may be varied
      ['pool.social_care', 'pool.social_care'],
      ['investment.shift', 'investment.shift'],
      ['investment.shift.1', 'investment.shift.1'],
      ['investment.shift[2]', 'investment.shift.2'],
      ['investment.fixed.0', 'investment.fixed.0'],
      ['investment.reinvest', 'investment.reinvest'],
      ['integration.transition_costs.1', 'integration.transition_costs.1'],
      ['integration.ramp_years', 'integration.ramp_years'],
      ['optimism_bias_table.5', 'optimism_bias_table.5'],
      ['horizon', 'horizon'],
      [' discount ', 'discount'],
    ];
    for (const [path, canonical] of cases) expect([path, resolveParamPath(full, path)]).toEqual([path, canonical]);
  });

  it('matches the longest intervention name, so names may contain dots', () => {
    const doc = scenarioFromDocument(
      parseDocument(
        'name: x\ninterventions:\n  - {name: Dr. Foster, share: 0.5, cost_per_participant: 1}\n  - {name: Dr. Foster.v2, share: 0.5, cost_per_participant: 1}\n',
        { name: 'd.yaml', sha256: '' },
      ),
    );
    expect(resolveParamPath(doc, 'interventions.Dr. Foster.lag')).toBe('interventions.0.lag');
    expect(resolveParamPath(doc, 'interventions.Dr. Foster.v2.lag')).toBe('interventions.1.lag');
  });

  it('is a UsageError (exit 2) with a suggestion for a bad path from the command line', () => {
    const cases: [string, RegExp][] = [
      ['interventions.0.sucess_rate', /--param `interventions.0.sucess_rate`: interventions have no field `sucess_rate`\n\s+Did you mean `success_rate`\?/],
      ['integration.eficiency', /`integration` has no field `eficiency`\n\s+Did you mean `integration.efficiency`\?/],
      ['interventions.Family interventon.lag', /no intervention is called `Family interventon`\n\s+Did you mean `Family intervention`\?/],
      ['interventions.7.lag', /there is no intervention 7: the scenario has 2 \(numbered from 0\)/],
      ['growth.helth', /the scenario's `growth` has no silo `helth`\n\s+Did you mean `health`\?/],
      ['pool.housing', /`pool` has no silo `housing`[^]*add it first \(e\.g\. `pool: \{housing: 0\}`\)/],
      ['investment.shift.3', /`investment.shift` has 3 values \(numbered from 0\), so there is no value 3/],
      ['interventions.0.cashable.housing', /intervention 0 has no `cashable` for silo `housing`/],
      ['interventions.0.name', /`name` is not a number that can be varied/],
      ['settlement', /`settlement` is not a number that can be varied/],
      ['optimism_bias_table.7', /name an evidence grade from 1 to 6/],
      ['horizn', /the scenario has no such field\n\s+Did you mean `horizon`\?/],
      ['investment.funding.health', /funding has no share for silo `health`/],
      ['', /the path is empty/],
    ];
    for (const [path, re] of cases) {
      const e = errorOf(() => resolveParamPath(full, path));
      expect(e).toBeInstanceOf(UsageError);
      expect(e.exitCode).toBe(EXIT.usage);
      expect(formatProblem(e.problems[0]!)).toMatch(re);
    }
  });

  it('is an InputError (exit 65) at the manifest location for a bad sweep path', () => {
    const loc = { file: 'batch.yaml', line: 7, column: 3, path: 'sweep.interventions.0.sucess_rate' };
    const e = errorOf(() => resolveParamPath(full, 'interventions.0.sucess_rate', { from: 'manifest', loc }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.exitCode).toBe(EXIT.data);
    expect(formatProblem(e.problems[0]!)).toMatch(/^batch\.yaml:7:3 \(sweep\.interventions\.0\.sucess_rate\): sweep path `interventions\.0\.sucess_rate`: interventions have no field/);
  });

  it('resolves every listed numeric path to itself (property over the list)', () => {
    for (const doc of [full, uncertain, minimal]) {
      for (const p of numericParamPaths(doc)) expect(resolveParamPath(doc, p)).toBe(p);
    }
  });

  it('resolves an intervention by index, bracket or name alike (property)', () => {
    const fields = ['share', 'success_rate', 'deadweight', 'lag', 'duration', 'drop_off', 'cost_per_participant'];
    const names = ['Family intervention', 'Employment support'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 }), fc.constantFrom(...fields), (i, f) => {
        const canonical = `interventions.${i}.${f}`;
        expect(resolveParamPath(full, `interventions[${i}].${f}`)).toBe(canonical);
        expect(resolveParamPath(full, `interventions.${names[i]}.${f}`)).toBe(canonical);
        expect(resolveParamPath(full, canonical)).toBe(canonical);
      }),
    );
  });
});

describe('setParam', () => {
  it('returns a new scenario and leaves the original, and its file, untouched', () => {
    const doc = fixtureDoc('full.yaml');
    const before = JSON.stringify(toPlain(doc.root));
    const original = scenarioFromDocument(doc);
    const next = setParam(original, 'interventions.Family intervention.success_rate', new D('0.65'));
    expect(JSON.stringify(toPlain(doc.root))).toBe(before);
    expect(next).not.toBe(original);
    expect(original.interventions[0]!.successRate.toString()).toBe('0.5');
    expect(next.interventions[0]!.successRate.toString()).toBe('0.65');
    expect(next.interventions[1]).toBe(original.interventions[1]);
  });

  it('sets an exact decimal (no float on the way)', () => {
    const v = new D('0.1234567890123456789012345678901');
    const s = setParam(full, 'integration.efficiency', v);
    expect(s.integration.efficiency.equals(v)).toBe(true);
  });

  it('adds a field that is not written (its default applies until then)', () => {
    const s = setParam(minimal, 'integration.efficiency', new D('0.03'));
    expect(s.integration.efficiency.toString()).toBe('0.03');
    const t = setParam(minimal, 'pool.social_care', new D('1'));
    expect([...t.pool]).toEqual([['social_care', new D('1')]]);
    const u = setParam(minimal, 'investment.shift.0', new D('0.05'));
    expect(u.investment.shift.map(String)).toEqual(['0.05']);
  });

  it('sets one value of a list, or the whole schedule', () => {
    expect(setParam(full, 'investment.shift.1', new D('0.5')).investment.shift.map(String)).toEqual(['0.01', '0.5', '0.03']);
    expect(setParam(full, 'investment.shift', new D('0.5')).investment.shift.map(String)).toEqual(['0.5']);
    expect(setParam(full, 'integration.transition_costs.0', new D('7')).integration.transitionCosts.map(String)).toEqual(['7', '500000']);
  });

  it('keeps the silos in the order written', () => {
    const s = setParam(full, 'interventions.1.cashable.health', new D('0.25'));
    expect([...s.interventions[1]!.cashable].map(([k, v]) => `${k}=${v}`)).toEqual(['employment=1', 'health=0.25']);
  });

  it('replaces a distribution with the fixed value', () => {
    const before = uncertain;
    const after = setParam(uncertain, 'interventions.0.success_rate', new D('0.3'));
    expect(before.uncertain.map((u) => u.path)).toContain('interventions.0.success_rate');
    expect(after.uncertain.map((u) => u.path)).not.toContain('interventions.0.success_rate');
    expect(after.uncertain).toHaveLength(before.uncertain.length - 1);
    expect(after.interventions[0]!.successRate.toString()).toBe('0.3');
  });

  it('rejects an out-of-range value by the same rules, at the place it replaced, saying where it came from', () => {
    const e = errorOf(() => setParam(full, 'interventions.0.success_rate', new D('1.5')));
    expect(e.exitCode).toBe(EXIT.data);
    expect(formatProblem(e.problems[0]!)).toMatch(/^full\.yaml:28:19 \(interventions\[0\]\.success_rate\): `success_rate` is 1\.5, outside its valid range: between 0 and 1 \(set by --param to 1\.5\)/);
    const h = errorOf(() => setParam(full, 'horizon', new D('2.5'), { from: 'manifest' }));
    expect(formatProblem(h.problems[0]!)).toMatch(/`horizon` is 2\.5, but it must be a whole number \(set by the sweep to 2\.5\)/);
  });

  it('gives an explicit optimism bias in place of a confidence grade, and the reverse', () => {
    const s = setParam(full, 'interventions.0.optimism_bias', new D('0.2'));
    expect([s.interventions[0]!.optimismBias.toString(), s.interventions[0]!.optimismBiasSource, s.interventions[0]!.confidence]).toEqual(['0.2', 'explicit', undefined]);
    const t = setParam(full, 'interventions.1.confidence', new D('5'));
    expect([t.interventions[1]!.optimismBias.toString(), t.interventions[1]!.optimismBiasSource]).toEqual(['0.3', 'confidence']);
  });

  it('sets every listed path to its minimum and reads it back (every path, both fixtures)', () => {
    for (const doc of [full, uncertain]) {
      for (const p of numericParamPaths(doc)) {
        // A share cannot change alone: the shares must still add up to exactly 1.
        if (/^investment\.funding\.|\.share$/.test(p)) continue;
        const r = paramRange(p);
        const s = setParam(doc, p, r.min);
        const got = valueAt(s, p);
        expect([p, got === undefined ? undefined : String(got)]).toEqual([p, r.min.toString()]);
      }
    }
  });
});

describe('paramRange', () => {
  it('gives the valid range of docs/method.md, "Scenario fields" for each kind of field', () => {
    const show = (p: string) => {
      const r = paramRange(p);
      return `${r.min}..${r.max ?? ''}${r.maxExclusive ? ')' : ']'}${r.integer ? ' int' : ''}`;
    };
    expect(show('horizon')).toBe('1..100] int');
    expect(show('discount')).toBe('0..1)');
    expect(show('growth.health')).toBe('-0.5..1]');
    expect(show('pool.social_care')).toBe('0..1]');
    expect(show('investment.shift')).toBe('0..1]');
    expect(show('investment.shift.2')).toBe('0..1]');
    expect(show('investment.fixed.0')).toBe('0..1000000000000000]');
    expect(show('investment.funding.health')).toBe('0..1]');
    expect(show('integration.ramp_years')).toBe('1..] int');
    expect(show('integration.transition_costs')).toBe('0..1000000000000000]');
    expect(show('optimism_bias_table.5')).toBe('0..1]');
    expect(show('interventions.0.cost_per_participant')).toBe('0.01..1000000000000000]');
    expect(show('interventions.Family intervention.cost_optimism_bias')).toBe('0..10]');
    expect(show('interventions[3].lag')).toBe('0..99] int');
    expect(show('interventions.0.duration')).toBe('1..100] int');
    expect(show('interventions.0.confidence')).toBe('1..6] int');
    expect(show('interventions.0.avoided_cost_per_success.health')).toBe('0..1000000000000000]');
    expect(show('interventions.0.cashable.health')).toBe('0..1]');
  });

  it('refuses a path that is not a numeric field', () => {
    for (const p of ['name', 'base_year', 'interventions.0.name', 'growth', 'investment.funding', 'nonsense.x']) {
      expect(() => paramRange(p)).toThrow(UsageError);
    }
  });
});

describe('path text', () => {
  const key = fc.stringMatching(/^[a-z_][a-z0-9_ ]{0,12}$/).filter((k) => !/^\d+$/.test(k));
  const seg: fc.Arbitrary<PathSeg> = fc.oneof(key, fc.integer({ min: 0, max: 999 }));

  it('parses what it formats (property)', () => {
    fc.assert(
      fc.property(key, fc.array(seg, { maxLength: 6 }), (first, rest) => {
        const segs = [first, ...rest];
        expect(parsePath(formatPath(segs))).toEqual(segs);
      }),
    );
  });

  it('reads dotted digits as text and bracketed digits as indices', () => {
    expect(parsePath('interventions[1].cashable.helth')).toEqual(['interventions', 1, 'cashable', 'helth']);
    expect(parsePath('interventions.1.cashable.helth')).toEqual(['interventions', '1', 'cashable', 'helth']);
    expect(formatPath(['interventions', 1, 'cashable', 'helth'])).toBe('interventions[1].cashable.helth');
  });
});
