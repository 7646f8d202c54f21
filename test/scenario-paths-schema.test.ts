// The path language (src/model/params.ts) and the reader (src/io/scenario.ts) both follow the scenario schema
// (src/model/schema.ts) rather than keeping their own lists: every numeric field of the schema can be named by
// a path, with the field's own range, and the shape a path follows (one number, a list by year, a map by silo
// or by evidence grade) is the shape the reader actually reads. A field the two disagree on fails here.
import { describe, expect, it } from 'vitest';
import { PlacepoolError, UsageError, type Problem } from '../src/errors.js';
import { formatPath, parseDocument, type PathSeg } from '../src/io/document.js';
import { D } from '../src/decimal.js';
import { DEFAULT_OPTIMISM_BIAS_TABLE, scenarioFromDocument } from '../src/io/scenario.js';
import { numericParamPaths, paramRange, resolveParamPath } from '../src/model/params.js';
import { FIELDS, SECTIONS, isNumeric, keysUnder, type FieldDef } from '../src/model/schema.js';
import { errorOf } from './helpers/errors.js';

const doc = (root: unknown) => parseDocument(JSON.stringify(root), { name: 'schema.json', sha256: '' });
const sections: readonly string[] = SECTIONS;
const NUMERIC_FIELDS: Record<string, FieldDef> = Object.fromEntries(FIELDS.filter(isNumeric).map((f) => [f.key, f]));
type NumSpec = FieldDef;

/** The segments of a NUMERIC_FIELDS key in a document (`interventions.lag` -> interventions, 0, lag). */
function segmentsOf(key: string): PathSeg[] {
  const [head, field] = key.split('.') as [string, string | undefined];
  if (head === 'interventions' || head === 'funders') return [head, 0, field!];
  return field === undefined ? [head] : [head, field];
}

/** The NUMERIC_FIELDS key a canonical path varies (a test-side reading: strip indices, silos and grades). */
function fieldOf(path: string): string {
  const s = path.split('.');
  if (s[0] === 'interventions' || s[0] === 'funders') return `${s[0]}.${s[2]}`;
  if (sections.includes(s[0]!)) return `${s[0]}.${s[1]}`;
  return s[0]!;
}

function put(root: Record<string, unknown>, segs: readonly PathSeg[], value: unknown): void {
  let at: Record<string | number, unknown> = root;
  segs.forEach((seg, i) => {
    if (i === segs.length - 1) at[seg] = value;
    else at = (at[seg] ??= typeof segs[i + 1] === 'number' ? [] : {}) as Record<string | number, unknown>;
  });
}

/** A number the field accepts on its own (its maximum where that is allowed, so that shares can add up to 1). */
const fits = (spec: NumSpec): number => Number(spec.max !== undefined && !spec.maxExclusive ? spec.max : spec.min);

/** Every numeric field of the format written in its shape, intervention fields on two interventions. */
function everyField() {
  const root: Record<string, unknown> = { name: 'Every field', interventions: [{ name: 'A' }, { name: 'B.v2' }], funders: [{ name: 'F' }, { name: 'G.v2' }] };
  for (const [key, spec] of Object.entries(NUMERIC_FIELDS)) {
    // `confidence` and `optimism_bias` may not be given together (paths name both all the same)
    if (key === 'interventions.confidence') continue;
    const v = fits(spec);
    const written =
      spec.shape === 'list' ? [v, v, v] : spec.shape === 'silos' ? { health: v, 'Social care': v } : spec.shape === 'grades' ? { 5: v } : spec.shape === 'names' ? { A: v, 'B.v2': v } : v;
    put(root, segmentsOf(key), written);
    if (key.startsWith('interventions.') || key.startsWith('funders.')) put(root, [key.split('.')[0]!, 1, key.split('.')[1]!], written);
  }
  // shares that add up to 1, as the rules across fields ask
  for (const k of root.interventions as Record<string, unknown>[]) k.share = 0.5;
  (root.investment as Record<string, unknown>).funding = { health: 0.5, 'Social care': 0.5 };
  return scenarioFromDocument(doc(root));
}

describe('every numeric field of the scenario format can be varied by a path', () => {
  const d = everyField();
  const paths = numericParamPaths(d);
  const varied = Object.keys(NUMERIC_FIELDS).filter((k) => k !== 'base_year' && k !== 'price_base');

  it('lists a path for each field but base_year and price_base, and for nothing else', () => {
    expect(new Set(paths.map(fieldOf))).toEqual(new Set(varied));
    // each written form is reached: every item of a list, both silos of a map, both interventions
    for (const key of varied) {
      const spec = NUMERIC_FIELDS[key]!;
      const mine = paths.filter((p) => fieldOf(p) === key);
      // a list: the whole schedule and each of its 3 values; a map by silo: its 2 silos; grades: every grade
      const perItem = spec.shape === 'list' ? 4 : spec.shape === 'silos' || spec.shape === 'names' ? 2 : spec.shape === 'grades' ? DEFAULT_OPTIMISM_BIAS_TABLE.size : 1;
      const extra = key === 'growth' || key === 'envelope' ? 1 : 0; // growth.default, envelope.default
      expect([key, mine.length]).toEqual([key, (perItem + extra) * (key.startsWith('interventions.') || key.startsWith('funders.') ? 2 : 1)]);
    }
  });

  it('resolves each listed path to itself, by index and by intervention name, with the field\'s own range', () => {
    for (const p of paths) {
      expect(resolveParamPath(d, p)).toBe(p);
      const byName = p
        .replace(/^interventions\.0\./, 'interventions.A.')
        .replace(/^interventions\.1\./, 'interventions.B.v2.')
        .replace(/^funders\.0\./, 'funders.F.')
        .replace(/^funders\.1\./, 'funders.G.v2.');
      expect(resolveParamPath(d, byName)).toBe(p);
      const spec = NUMERIC_FIELDS[fieldOf(p)]!;
      expect([p, paramRange(p)]).toEqual([p, { min: new D(spec.min!), max: spec.max === undefined ? null : new D(spec.max), maxExclusive: spec.maxExclusive === true, integer: spec.integer === true }]);
    }
  });

  it('refuses base_year and every top-level field that holds no number to vary, as not a number that can be varied', () => {
    const heads = new Set(paths.map((p) => p.split('.')[0]));
    const others = keysUnder('').filter((k) => !heads.has(k));
    expect(others).toContain('base_year');
    expect(others).toContain('price_base');
    for (const k of others) {
      const e = errorOf(() => resolveParamPath(d, k));
      expect([k, e.problems[0]!.message]).toEqual([k, `--param \`${k}\`: \`${k}\` is not a number that can be varied`]);
    }
    expect(() => paramRange('base_year')).toThrow(UsageError);
  });

  it('refuses an intervention field that is not a number as such, not as an unknown field', () => {
    for (const k of keysUnder('interventions').filter((f) => NUMERIC_FIELDS[`interventions.${f}`] === undefined)) {
      const e = errorOf(() => resolveParamPath(d, `interventions.0.${k}`));
      expect(e.problems[0]!.message).toBe(`--param \`interventions.0.${k}\`: \`${k}\` is not a number that can be varied`);
    }
  });
});


describe('the shape a path follows is the shape the validator reads', () => {
  // one number; a list of values by year; a map by silo; a map by evidence grade
  const forms = {
    number: (v: number) => v,
    list: (v: number) => [v, v],
    silos: (v: number) => ({ health: v }),
    grades: (v: number) => ({ 5: v }),
    // an intervention's name that is no silo name, so that the two maps can be told apart
    names: (v: number) => ({ '1 A': v }),
  } as const;
  const accepts = (spec: NumSpec): (keyof typeof forms)[] => (spec.shape === 'one' ? ['number'] : spec.shape === 'list' ? ['number', 'list'] : [spec.shape]);

  /** The problems of a scenario that writes only `key` (and what an intervention needs), in the given form. */
  function problemsWith(key: string, form: keyof typeof forms): Problem[] {
    const spec = NUMERIC_FIELDS[key]!;
    const root: Record<string, unknown> = { name: 'One field' };
    if (key.startsWith('interventions.') || key.startsWith('funders.')) {
      // an intervention needs a cost; an avoided cost and a cashable share go together
      root.interventions = [{ name: '1 A', cost_per_participant: 100, avoided_cost_per_success: { health: 100 }, cashable: { health: 1 } }];
    }
    if (key.startsWith('funders.')) root.funders = [{ name: 'F' }];
    put(root, segmentsOf(key), forms[form](fits(spec)));
    try {
      scenarioFromDocument(doc(root));
      return [];
    } catch (e) {
      if (e instanceof PlacepoolError) return e.problems;
      throw e;
    }
  }

  for (const [key, spec] of Object.entries(NUMERIC_FIELDS)) {
    it(`${key} (${spec.shape === 'one' ? 'one number' : spec.shape})`, () => {
      const at = formatPath(segmentsOf(key));
      for (const form of Object.keys(forms) as (keyof typeof forms)[]) {
        const problems = problemsWith(key, form);
        if (accepts(spec).includes(form)) expect([form, problems]).toEqual([form, []]);
        else expect([form, problems.some((p) => p.loc?.path?.startsWith(at))]).toEqual([form, true]);
      }
    });
  }
});
