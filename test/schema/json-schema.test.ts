// `placepool schema scenario` and `placepool schema manifest` print JSON Schemas that accept every file the
// tool accepts and refuse the mistakes a schema can see, checked with an independent validator (ajv).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { scenarioFromText } from '../../src/io/scenario.js';
import { parseManifest } from '../../src/batch/manifest.js';
import { parseDocument } from '../../src/io/document.js';
import { ROOT, cli } from '../helpers/cli.js';

const printed = async (kind: string) => {
  const r = await cli(['schema', kind]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as object;
};
const files = (dir: string) => readdirSync(`${ROOT}${dir}`).filter((n) => /\.(ya?ml|json)$/.test(n)).map((n) => `${dir}/${n}`);
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');
/** The file's data as a YAML or JSON reader gives it, or undefined when it does not parse. */
const data = (path: string): unknown => {
  try {
    return path.endsWith('.json') ? JSON.parse(read(path)) : parse(read(path), { uniqueKeys: false });
  } catch {
    return undefined;
  }
};
const accepted = (path: string): boolean => {
  try {
    scenarioFromText(read(path), { name: path, sha256: '' });
    return true;
  } catch {
    return false;
  }
};

describe('placepool schema scenario', async () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(await printed('scenario'));
  const valid = (doc: unknown) => validate(doc) === true;
  const scenarioFiles = [...files('fixtures/example'), ...files('test/fixtures/scenarios'), ...files('test/fixtures/batch/scenarios')].filter((p) => !/manifest|schema/.test(p));

  it('is a valid draft 2020-12 schema (ajv compiles it in strict mode)', () => {
    expect(typeof validate).toBe('function');
  });

  it('accepts every bundled and fixture scenario the tool accepts', () => {
    const good = scenarioFiles.filter(accepted);
    expect(good.length).toBeGreaterThanOrEqual(6);
    for (const p of good) expect([p, valid(data(p)), validate.errors ?? null]).toEqual([p, true, null]);
  });

  it('refuses each bad fixture, but for the rules across fields that only the tool checks', () => {
    const bad = readdirSync(`${ROOT}test/fixtures/scenarios/bad`).map((n) => `test/fixtures/scenarios/bad/${n}`);
    const passing = bad.filter((p) => data(p) !== undefined && valid(data(p))).map((p) => p.slice(p.lastIndexOf('/') + 1));
    // what a JSON Schema cannot say: sums, keys that must match another map's, a distribution's order and centre,
    // the year after the base year, two spellings of one silo, names unique across items; and a key given twice,
    // which the file's data (a map) no longer shows; and what is known only from the files a scenario names
    // (a unit cost's code and kinds, the deflators' years, whether the library can be read), or only from the
    // budgets (the silos a funder's name must not be, a partner's or the envelope's silos must be); and an outcome
    // payment's key, which must name an intervention of the same file
    expect(passing.sort()).toEqual(
      [
        'money-deflators-bad-row.yaml',
        'money-library-missing.yaml',
        'money-library-no-data-sheets.yaml',
        'money-library-not-workbook.yaml',
        'money-no-library.yaml',
        'money-no-value-of-kind.yaml',
        'money-price-base-outside.yaml',
        'money-price-year-outside.yaml',
        'money-unknown-code.yaml',
        'base-year.yaml',
        'cashable-missing.yaml',
        'cashable-misspelt.yaml',
        'dist-central.yaml',
        'dist-order.yaml',
        'duplicate-key.yaml',
        'duplicate-names.yaml',
        'funding-sum.yaml',
        'json-duplicate.json',
        'shares-sum.yaml',
        'silo-duplicate.yaml',
        'transfer-misspelt.yaml',
        'envelope-unknown-silo.yaml',
        'funder-duplicate.yaml',
        'funder-silo-name.yaml',
        'funder-unknown-intervention.yaml',
        'partner-funder-name.yaml',
        'partner-silo-twice.yaml',
        'partner-unknown-silo.yaml',
      ].sort(),
    );
  });

  const base = { name: 'S', interventions: [{ name: 'A', cost_per_participant: 100, confidence: 3 }] };
  const withField = (patch: (d: typeof base & Record<string, unknown>) => void) => {
    const d = structuredClone(base) as typeof base & Record<string, unknown>;
    patch(d);
    return d;
  };
  it.each([
    ['a misspelt key', (d: Record<string, unknown>) => (d.horizn = 10)],
    ['a misspelt intervention key', (d: typeof base) => ((d.interventions[0] as Record<string, unknown>).sucess_rate = 0.5)],
    ['a value out of range', (d: Record<string, unknown>) => (d.horizon = 101)],
    ['a share above 1', (d: typeof base) => ((d.interventions[0] as Record<string, unknown>).deadweight = 1.5)],
    ['text where a number belongs', (d: Record<string, unknown>) => (d.horizon = 'ten')],
    ['a number in quotes', (d: Record<string, unknown>) => (d.pool = { health: '0.5' })],
    ['an unknown choice', (d: Record<string, unknown>) => (d.settlement = 'fair')],
    ['an unknown discount', (d: Record<string, unknown>) => (d.discount = 'greenbook')],
    ['an empty name', (d: Record<string, unknown>) => (d.name = '  ')],
    ['an intervention without a name', (d: typeof base) => delete (d.interventions[0] as Partial<(typeof base.interventions)[0]>).name],
    ['both confidence and optimism_bias', (d: typeof base) => ((d.interventions[0] as Record<string, unknown>).optimism_bias = 0.1)],
    ['a distribution where none is allowed', (d: Record<string, unknown>) => (d.pool = { health: { uniform: [0, 1] } })],
    ['an unknown distribution', (d: typeof base) => ((d.interventions[0] as Record<string, unknown>).success_rate = { beta: [1, 2] })],
    ['a normal with no spread', (d: typeof base) => ((d.interventions[0] as Record<string, unknown>).success_rate = { normal: [0.5, 0] })],
    ['a key that is not a silo name', (d: Record<string, unknown>) => (d.growth = { '2health': 0.1 })],
    ['money above £1,000 trillion', (d: typeof base) => ((d.interventions[0] as Record<string, unknown>).cost_per_participant = 2e15)],
    ['`times` with an amount', (d: typeof base) => ((d.interventions[0] as Record<string, unknown>).cost_per_participant = { amount: 100, price_year: 2012, times: 2 })],
    ['`times` of 0', (d: typeof base) => ((d.interventions[0] as Record<string, unknown>).cost_per_participant = { unit_cost: 'PP.AE', times: 0 })],
    ['an unknown kind of value', (d: typeof base) => ((d.interventions[0] as Record<string, unknown>).cost_per_participant = { unit_cost: 'PP.AE', value: 'fiscall' })],
    ['a distribution in a list by year', (d: Record<string, unknown>) => (d.investment = { fixed: [{ amount: { uniform: [1, 2] }, price_year: 2012 }] })],
    ['a funder called `all`', (d: Record<string, unknown>) => (d.funders = [{ name: ' all ', grant: [1] }])],
    ['a partner called `all`', (d: Record<string, unknown>) => (d.partners = { all: ['health'] })],
    ['a negative grant', (d: Record<string, unknown>) => (d.funders = [{ name: 'Big Lottery Fund', grant: [1, -1] }])],
  ])('refuses %s', (_what, patch) => {
    expect(valid(base)).toBe(true);
    expect(valid(withField(patch as (d: Record<string, unknown>) => void))).toBe(false);
  });

  it('accepts funders and partners whose names only begin or end like `all`', () => {
    expect(valid({ ...base, funders: [{ name: 'Allsorts Trust', grant: [1] }], partners: { 'Council of all': ['health'] } })).toBe(true);
  });

  it('accepts the money forms: an amount in the prices of another year (a distribution where allowed), a unit cost', () => {
    expect(
      valid({
        ...base,
        price_base: '2024/25',
        unit_costs: 'bundled',
        deflators: 'deflators.csv',
        investment: { fixed: { amount: 1000000, price_year: 2012 } },
        funders: [{ name: 'F', grant: [{ unit_cost: 'PP.X' }, 5], outcome_payment: { A: { amount: 800, price_year: '2013/14' } } }],
        interventions: [{ ...base.interventions[0], cost_per_participant: { amount: { triangular: [1, 2, 3] }, price_year: 2012 }, avoided_cost_per_success: { health: { unit_cost: 'PP.FOSTER', times: 52, value: 'fiscal' } } }],
      }),
    ).toBe(true);
  });

  it('accepts the forms a file may use: a year as text, one number for a list, a distribution, any silo spelling', () => {
    expect(
      valid({
        ...base,
        base_year: '2025/26',
        places: 'Lambeth',
        discount: 0.035,
        growth: { default: 0.01, 'Social care': { triangular: [0, 0.02, 0.04] } },
        investment: { shift: 0.02, fixed: [1000000, 0], funding: { health: 0.5, 'social-care': 0.5 } },
        optimism_bias_table: { 5: 0.3 },
      }),
    ).toBe(true);
  });
});

describe('placepool schema manifest', async () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(await printed('manifest'));
  const manifests = ['fixtures/example/manifest.yaml', ...files('test/fixtures/batch').filter((p) => /manifest|simulated/.test(p))];

  it('accepts every bundled and fixture manifest the tool accepts', () => {
    let n = 0;
    for (const p of manifests) {
      try {
        parseManifest(parseDocument(read(p), { name: p, sha256: '' }));
      } catch {
        continue;
      }
      expect([p, validate(data(p)), validate.errors ?? null]).toEqual([p, true, null]);
      n++;
    }
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('refuses a misspelt key, a missing budgets, text among sweep values, too many draws', () => {
    const ok = { budgets: 'b.csv', scenarios: ['a.yaml'], sweep: { 'integration.efficiency': [0.01, 0.02] }, simulate: { draws: 100, seed: 1 }, expect: { npv_cashable: '>= 0' } };
    expect(validate(ok)).toBe(true);
    expect(validate({ ...ok, sweeps: {} })).toBe(false);
    expect(validate({ scenarios: ['a.yaml'] })).toBe(false);
    expect(validate({ ...ok, sweep: { 'integration.efficiency': ['0.01'] } })).toBe(false);
    expect(validate({ ...ok, simulate: { draws: 10_000_000, seed: 1 } })).toBe(false);
    expect(validate({ ...ok, expect: { npv_cashable: 0 } })).toBe(false);
  });
});

describe('the bundled example', () => {
  it('ships the schemas its files name, as the tool prints them', async () => {
    const { schemaText } = await import('../../src/cli/schemas.js');
    for (const kind of ['scenario', 'manifest'] as const) expect(read(`fixtures/example/${kind}.schema.json`)).toBe(schemaText(kind));
    for (const p of files('fixtures/example').filter((n) => /\.ya?ml$/.test(n))) {
      const kind = p.endsWith('manifest.yaml') ? 'manifest' : 'scenario';
      expect(read(p).split('\n')[0]).toBe(`# yaml-language-server: $schema=${kind}.schema.json`);
    }
  });
});
