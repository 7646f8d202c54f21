// Parameter paths: the dotted names by which --param, batch sweeps, tornado and breakeven reach one number of
// a scenario, and the reading and setting of that number on the typed Scenario.
//
//   horizon, discount                                  top-level numbers
//   growth.default, growth.health, pool.social_care    maps by silo (the silo in any spelling: `pool.Social care`)
//   investment.shift        the whole shift schedule, set to one value that holds for every year
//   investment.shift.1      one value of the list (t = 1); also investment.fixed.N, integration.transition_costs.N
//   investment.reinvest, investment.funding.health, integration.efficiency, integration.ramp_years
//   optimism_bias_table.5   the optimism bias of evidence grade 5
//   interventions.0.success_rate, interventions.Family intervention.deadweight   an intervention by index or name
//   interventions.0.avoided_cost_per_success.health, interventions.0.cashable.health
//
// `interventions[0].success_rate` (the form error messages show) is accepted too. Canonical paths use the
// index and the normalised silo: `interventions.0.avoided_cost_per_success.health`, as UncertainParam.path does.
//
// Which fields a path may name, their shapes and ranges all come from the scenario schema. A value set here
// is checked by the schema entry that checks a written one, and by the rules across fields that a change can
// break, so that a swept value obeys every rule a written one does; the Scenario is copied, never changed.
import { D, ONE, sum } from '../decimal.js';
import { InputError, UsageError, suggest, type Location, type Problem } from '../errors.js';
import {
  FIELDS,
  GRADES,
  accessOf,
  fieldDef,
  isEvidenceGrade,
  isNumeric,
  isSection,
  keysUnder,
  valueProblem,
  zeroDeadweightWarning,
  type FieldDef,
  type Intervention,
  type Scenario,
} from './schema.js';
import { MISSION_SILOS, isValidSilo, normaliseSilo } from './silo.js';

export interface ParamRange {
  min: D;
  /** null: no upper limit */
  max: D | null;
  /** the maximum itself is not allowed (a constant discount rate is below 1) */
  maxExclusive: boolean;
  integer: boolean;
}

export interface ParamPathOptions {
  /**
   * Where the path came from: `command-line` (a bad path is a UsageError, exit 2; the default) or `manifest`
   * (an InputError, exit 65, at `loc`).
   */
  from?: 'command-line' | 'manifest';
  /** where the path was written (a manifest's sweep key) */
  loc?: Location;
}

export interface SetParamOptions extends ParamPathOptions {
  /** shown after a message about the value, e.g. `set by --param`; defaults by `from` */
  origin?: string;
}

/** The numeric fields a path may vary (every one but `base_year`, which picks the budgets' starting year). */
const VARIED: readonly FieldDef[] = FIELDS.filter((f) => isNumeric(f) && f.varied);
const variedAt = (parent: string): FieldDef[] => VARIED.filter((f) => f.key.startsWith(`${parent}.`) && !f.key.slice(parent.length + 1).includes('.'));
const TOP: readonly FieldDef[] = VARIED.filter((f) => !f.key.includes('.'));
const INTERVENTION_NUMERIC: readonly FieldDef[] = variedAt('interventions');
const FUNDER_NUMERIC: readonly FieldDef[] = variedAt('funders');
/** Fields of the items of a list (interventions, funders): reached by the item's index or name. */
const ofItems = (f: FieldDef): boolean => f.key.startsWith('interventions.') || f.key.startsWith('funders.');
const fieldName = (f: FieldDef): string => f.key.slice(f.key.lastIndexOf('.') + 1);
/** Top-level fields with no number a path may vary (`name`, `settlement`, `base_year`...). */
const NOT_NUMBERS: readonly string[] = keysUnder('').filter((k) => !VARIED.some((f) => f.key === k || f.key.startsWith(`${k}.`)));

interface Resolved {
  /** canonical segments (indices as numbers, silos normalised) */
  canonical: (string | number)[];
  field: FieldDef;
  /** the intervention's or funder's index */
  item?: number;
  /** the silo, list index or grade; undefined for one value, or a whole list */
  sub?: string | number;
}

/** The canonical form of a parameter path, or a located, suggestive error. */
export function resolveParamPath(s: Scenario, path: string, options: ParamPathOptions = {}): string {
  return resolve(s, path, options).canonical.join('.');
}

/** The valid range of the numeric field a path names (for breakeven's bisection bounds). */
export function paramRange(path: string): ParamRange {
  const f = paramField(path);
  if (!f) throw new UsageError({ message: `\`${path}\` is not a numeric scenario field`, hint: 'Paths look like `integration.efficiency`, `growth.health`, `interventions.0.success_rate`.' });
  return { min: new D(f.min!), max: f.max === undefined ? null : new D(f.max), maxExclusive: f.maxExclusive === true, integer: f.integer === true };
}

/** The value a canonical path names in a scenario; null when it is not a single number there. */
export function valueAtPath(s: Scenario, path: string): D | null {
  const r = resolve(s, path, {});
  const access = accessOf(r.field);
  if (r.field.shape === 'list' && r.sub === undefined) {
    // the whole list: its value when every year has the same one
    const list = access.keys(s, r.item).map((i) => access.get(s, i, r.item) as D);
    if (list.length === 0) return new D(0);
    return list.every((x) => x.equals(list[0]!)) ? list[0]! : null;
  }
  const v = access.get(s, r.sub, r.item) ?? fallback(s, r);
  return v === undefined ? null : typeof v === 'number' ? new D(v) : v;
}

/** The value a field takes where the file does not give one (a silo's default growth, a list's zeros). */
function fallback(s: Scenario, r: Resolved): D | undefined {
  if (r.field.key === 'growth') return s.growth.default;
  if (r.field.key === 'discount' || r.field.key === 'investment.shift' || r.field.key === 'interventions.confidence') return undefined;
  return r.field.shape === 'one' && r.field.default === undefined ? undefined : new D(0);
}

/**
 * A copy of the scenario with the value at `path` set to `value` (the original is untouched). A distribution
 * there becomes the fixed value; a missing silo key is added. Setting an intervention's `optimism_bias` drops
 * its `confidence`, and the reverse, since the two may not be given together. A value that breaks a rule is
 * an InputError located where the field is written, naming where the value came from.
 */
export function setParam(s: Scenario, path: string, value: D, options: SetParamOptions = {}): Scenario {
  const r = resolve(s, path, options);
  const origin = options.origin ?? (options.from === 'manifest' ? `set by the sweep to ${value.toString()}` : `set by --param to ${value.toString()}`);
  const at = r.canonical.join('.');
  const fail = (problem: Problem): never => {
    throw new InputError([problem], `${s.source.name}: the scenario has a problem`);
  };
  const bad = valueProblem(r.field, value, value.toString(), messageName(s, r));
  if (bad) fail({ message: `${bad.message} (${origin})`, loc: s.locate(at), hint: bad.hint });

  let next = accessOf(r.field).set(s, r.sub, value, r.item);
  const key = r.field.key;
  const dropped = (u: string): boolean => u === at || (r.field.shape === 'list' && r.sub === undefined && u.startsWith(`${at}.`));
  let uncertain = s.uncertain.filter((u) => !dropped(u.path));
  let warnings = s.warnings;

  if (key === 'interventions.share') {
    const total = sum(next.interventions.map((k) => k.share));
    if (!total.equals(ONE)) {
      fail({
        message: `the interventions' shares add up to ${total}, not exactly 1`,
        loc: s.locate('interventions'),
        hint: "Give each intervention a `share` of each year's investment so that the shares add up to exactly 1 (e.g. 0.6 and 0.4).",
      });
    }
  }
  if (key === 'investment.funding') {
    const total = sum((next.investment.funding as ReadonlyMap<string, D>).values());
    if (!total.equals(ONE)) fail({ message: `the funding shares add up to ${total}, not exactly 1`, loc: s.locate('investment.funding'), hint: 'Adjust the shares so that they add up to exactly 1 (e.g. 0.6 and 0.4).' });
  }
  if (key === 'interventions.optimism_bias' || key === 'interventions.confidence') {
    // the one set replaces the other; either way the intervention now has an optimism bias
    const i = r.item!;
    next = withIntervention(next, i, (k) => {
      const out: Intervention = { ...k };
      if (key === 'interventions.optimism_bias') {
        delete out.confidence;
        out.optimismBiasSource = 'explicit';
      } else {
        out.optimismBias = s.optimismBiasTable.get(value.toNumber())!;
        out.optimismBiasSource = 'confidence';
      }
      return out;
    });
    uncertain = uncertain.filter((u) => u.path !== `interventions.${i}.optimism_bias`);
    warnings = warnings.filter((w) => !(w.code === 'no-optimism-bias' && w.about === `interventions.${i}`));
  }
  if (key === 'optimism_bias_table') {
    const grade = Number(r.sub);
    next = { ...next, interventions: next.interventions.map((k) => (k.optimismBiasSource === 'confidence' && k.confidence === grade ? { ...k, optimismBias: value } : k)) };
  }
  if (key === 'interventions.displacement' || (key === 'interventions.economic_value_per_success' && value.isZero())) {
    warnings = warnings.filter((w) => !(w.code === 'no-displacement' && w.about === `interventions.${r.item!}`));
  }
  // a value set in place of a unit cost: its warnings (a cost per week, a red rating, another kind) no longer hold
  warnings = warnings.filter((w) => !(w.code.startsWith('unit-cost-') && (w.about === at || w.about?.startsWith(`${at}.`))));
  if (key === 'interventions.deadweight') {
    const about = `interventions.${r.item!}`;
    warnings = warnings.filter((w) => !(w.code === 'zero-deadweight' && w.about === about));
    if (value.isZero()) warnings = [...warnings, zeroDeadweightWarning(next.interventions[r.item!]!.name, true, s.locate(at), about)];
  }
  return { ...next, uncertain, warnings };
}

/** Every numeric path of a scenario, canonical (by index), in the order of the format and of the file. */
export function numericParamPaths(s: Scenario): string[] {
  const out: string[] = [];
  for (const f of VARIED) {
    if (ofItems(f)) continue;
    const access = accessOf(f);
    if (f.shape === 'one') out.push(f.key);
    else if (f.shape === 'list') out.push(f.key, ...access.keys(s).map((i) => `${f.key}.${i}`));
    else if (f.shape === 'grades') out.push(...GRADES.map((g) => `${f.key}.${g}`));
    else out.push(...access.keys(s).map((k) => `${f.key}.${k}`));
  }
  s.interventions.forEach((_, i) => {
    for (const f of INTERVENTION_NUMERIC) {
      const name = fieldName(f);
      if (f.shape === 'silos') out.push(...accessOf(f).keys(s, i).map((silo) => `interventions.${i}.${name}.${silo}`));
      else out.push(`interventions.${i}.${name}`);
    }
  });
  s.funders.forEach((_, i) => {
    for (const f of FUNDER_NUMERIC) {
      const name = fieldName(f);
      const keys = accessOf(f).keys(s, i);
      if (f.shape === 'list') out.push(`funders.${i}.${name}`);
      out.push(...keys.map((k) => `funders.${i}.${name}.${k}`));
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------

const withIntervention = (s: Scenario, i: number, change: (k: Intervention) => Intervention): Scenario => ({
  ...s,
  interventions: s.interventions.map((k, j) => (j === i ? change(k) : k)),
});

/** The field as messages name it: `success_rate`, `shift`, `growth.health`, `cashable.health`, `optimism_bias_table.5`. */
function messageName(s: Scenario, r: Resolved): string {
  const name = fieldName(r.field);
  if (r.field.shape === 'names' && r.sub !== undefined) return `${name}.${s.interventions[Number(r.sub)]?.name ?? r.sub}`;
  return (r.field.shape === 'silos' || r.field.shape === 'grades') && r.sub !== undefined ? `${name}.${r.sub}` : name;
}

/** The schema entry of the field a path names, from the path's shape alone (an intervention may be named, and names may hold dots). */
export function paramField(path: string): FieldDef | undefined {
  const p = path.trim().replace(/\[(\d+)\]/g, '.$1');
  const segs = p.split('.');
  if (segs[0] === 'funders') {
    // funders.F.grant[.t], funders.F.outcome_payment.K (F and K an index or a name, which may hold dots)
    return FUNDER_NUMERIC.find((f) => segs.slice(2).includes(fieldName(f)));
  }
  if (segs[0] === 'interventions') {
    const last = segs[segs.length - 1]!;
    const before = segs[segs.length - 2];
    const silos = INTERVENTION_NUMERIC.find((f) => f.shape === 'silos' && fieldName(f) === before);
    return silos ?? INTERVENTION_NUMERIC.find((f) => fieldName(f) === last);
  }
  const [head, a] = segs as [string, string | undefined];
  const top = TOP.find((f) => f.key === head);
  if (top) return (top.shape === 'one' ? segs.length === 1 : segs.length === 2) ? top : undefined;
  if (isSection(head) && a !== undefined) {
    const f = fieldDef(`${head}.${a}`);
    if (!f || !VARIED.includes(f)) return undefined;
    const ok = segs.length === 2 ? f.shape !== 'silos' : segs.length === 3 && ((f.shape === 'list' && /^\d+$/.test(segs[2]!)) || f.shape === 'silos');
    return ok ? f : undefined;
  }
  return undefined;
}

function resolve(s: Scenario, raw: string, options: ParamPathOptions): Resolved {
  const path = raw.trim();
  const fail = (message: string, hint?: string): never => {
    const candidates = numericParamPaths(s);
    const guess = hint === undefined ? suggest(path.replace(/\[(\d+)\]/g, '.$1'), [...candidates, ...byNameForms(s, candidates)]) : undefined;
    const problem: Problem = { message: `${options.from === 'manifest' ? 'sweep path' : '--param'} \`${path}\`: ${message}` };
    problem.hint = hint ?? (guess ? `Did you mean \`${guess}\`?` : 'Paths look like `integration.efficiency`, `growth.health`, `interventions.0.success_rate`.');
    if (options.from === 'manifest') {
      if (options.loc) problem.loc = options.loc;
      throw new InputError([problem]);
    }
    throw new UsageError(problem);
  };
  if (path === '') return fail('the path is empty');

  if (path.startsWith('funders.') || path.startsWith('funders[')) return resolveFunder(s, path, fail);

  if (path.startsWith('interventions.') || path.startsWith('interventions[')) {
    const list = s.interventions;
    if (list.length === 0) return fail('the scenario has no interventions');
    const rest = path.slice('interventions'.length);
    let index: number;
    let tail: string;
    const byIndex = /^(?:\[(\d+)\]\.?|\.(\d+)\.)(.*)$/.exec(rest);
    if (byIndex) {
      index = Number(byIndex[1] ?? byIndex[2]);
      tail = byIndex[3]!;
      if (index >= list.length) return fail(`there is no intervention ${index}: the scenario has ${list.length} (numbered from 0)`, `Use an index from 0 to ${list.length - 1}, or the intervention's name.`);
    } else {
      // By name: the longest name the rest starts with, followed by a dot (names may contain dots).
      const afterDot = rest.slice(1);
      let best: { i: number; name: string } | undefined;
      list.forEach((k, i) => {
        if (afterDot.startsWith(`${k.name}.`) && (!best || k.name.length > best.name.length)) best = { i, name: k.name };
      });
      if (!best) {
        const names = list.map((k) => k.name);
        const written = afterDot.includes('.') ? afterDot.slice(0, afterDot.lastIndexOf('.')) : afterDot;
        const guess = suggest(written, names);
        return fail(`no intervention is called \`${written}\``, guess ? `Did you mean \`${guess}\`? The interventions are: ${names.join(', ')}.` : `The interventions are: ${names.join(', ')} (or use an index from 0).`);
      }
      index = best.i;
      tail = afterDot.slice(best.name.length + 1);
    }
    const parts = tail.split('.');
    const name = parts[0]!;
    const names = INTERVENTION_NUMERIC.map(fieldName);
    const f = INTERVENTION_NUMERIC.find((g) => fieldName(g) === name);
    if (!f) {
      const guess = suggest(name, names);
      const what = keysUnder('interventions').includes(name) ? `\`${name}\` is not a number that can be varied` : `interventions have no field \`${name}\``;
      return fail(what, guess ? `Did you mean \`${guess}\`?` : `The numeric intervention fields are: ${names.join(', ')}.`);
    }
    if (f.shape === 'silos') {
      if (parts.length !== 2) return fail(`name a silo: \`${name}.<silo>\``, `E.g. \`interventions.${index}.${name}.health\`.`);
      const silo = normaliseSilo(parts[1]!);
      const have = accessOf(f).keys(s, index).map(String);
      if (!have.includes(silo)) {
        const guess = suggest(parts[1]!, have);
        return fail(`intervention ${index} has no \`${name}\` for silo \`${parts[1]}\``, guess ? `Did you mean \`${guess}\`?` : have.length ? `Its silos are: ${have.join(', ')}.` : `Add the silo to its ${name} first.`);
      }
      return { canonical: ['interventions', index, name, silo], field: f, item: index, sub: silo };
    }
    if (parts.length !== 1) return fail(`\`${name}\` is a single number; nothing comes after it`);
    return { canonical: ['interventions', index, name], field: f, item: index };
  }

  const segs = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const head = segs[0]!;
  const top = TOP.find((f) => f.key === head);
  if (top?.shape === 'one') {
    if (segs.length !== 1) return fail(`\`${head}\` is a single number`);
    return { canonical: [head], field: top };
  }
  if (top?.shape === 'silos') {
    if (segs.length !== 2) return fail(`name a silo: \`${head}.<silo>\``, `E.g. \`${head}.health\`${head === 'growth' ? ' or `growth.default`' : ''}.`);
    const silo = normaliseSilo(segs[1]!);
    const have = accessOf(top).keys(s).map(String);
    if (have.includes(silo) || (MISSION_SILOS as readonly string[]).includes(silo) || (silo === 'default' && (head === 'growth' || head === 'envelope')))
      return { canonical: [head, silo], field: top, sub: silo };
    const guess = suggest(segs[1]!, [...new Set([...have, ...MISSION_SILOS])]);
    if (!isValidSilo(silo)) return fail(`\`${segs[1]}\` is not a silo name`, guess ? `Did you mean \`${guess}\`?` : undefined);
    return fail(`the scenario's \`${head}\` has no silo \`${segs[1]}\``, `${guess ? `Did you mean \`${guess}\`? ` : ''}To vary a silo not written there, add it first (e.g. \`${head}: {${silo}: 0}\`).`);
  }
  if (top?.shape === 'grades') {
    if (segs.length !== 2 || !isEvidenceGrade(segs[1]!)) return fail('name an evidence grade from 1 to 6', 'E.g. `optimism_bias_table.5`.');
    return { canonical: [head, Number(segs[1])], field: top, sub: Number(segs[1]) };
  }
  if (isSection(head)) {
    const name = segs[1];
    const fields = variedAt(head).map(fieldName);
    const f = name === undefined ? undefined : fieldDef(`${head}.${name}`);
    if (name === undefined || !f || !fields.includes(name)) {
      const guess = name === undefined ? undefined : suggest(name, fields);
      return fail(name === undefined ? `name a field of \`${head}\`` : `\`${head}\` has no field \`${name}\``, guess ? `Did you mean \`${head}.${guess}\`?` : `Its fields are: ${fields.map((g) => `${head}.${g}`).join(', ')}.`);
    }
    if (f.shape === 'silos') {
      // investment.funding, the one map by silo in a section: `pool` or shares by silo
      if (segs.length !== 3) return fail(`name a silo: \`${f.key}.<silo>\``);
      const silo = normaliseSilo(segs[2]!);
      const have = accessOf(f).keys(s).map(String);
      if (!have.includes(silo)) {
        return fail(
          `the scenario's funding has no share for silo \`${segs[2]}\``,
          have.length ? `Its silos are: ${have.join(', ')}.` : 'Funding shares can only be varied when `investment.funding` gives shares by silo.',
        );
      }
      return { canonical: [head, name, silo], field: f, sub: silo };
    }
    if (f.shape === 'list' && segs.length === 3) {
      if (!/^\d+$/.test(segs[2]!)) return fail(`\`${segs[2]}\` is not a year index`, `Write \`${f.key}.0\` for the first value, or \`${f.key}\` for all of it.`);
      const index = Number(segs[2]);
      // a list not written is one value for every year (0), which its first index sets
      const length = Math.max(1, accessOf(f).keys(s).length);
      if (index >= length) return fail(`\`${f.key}\` has ${length} value${length === 1 ? '' : 's'} (numbered from 0), so there is no value ${index}`, `Use an index from 0 to ${length - 1}, or write more values in the scenario first.`);
      return { canonical: [head, name, index], field: f, sub: index };
    }
    if (segs.length !== 2) return fail(`\`${f.key}\` is a single number`);
    return { canonical: [head, name], field: f };
  }
  if (NOT_NUMBERS.includes(head)) return fail(`\`${head}\` is not a number that can be varied`);
  return fail('the scenario has no such field');
}

/** Candidate paths with interventions by name, for suggestions. */
function byNameForms(s: Scenario, candidates: readonly string[]): string[] {
  return candidates.flatMap((c) => {
    const m = /^interventions\.(\d+)\.(.*)$/.exec(c);
    const name = m ? s.interventions[Number(m[1])]?.name : undefined;
    return m && name ? [`interventions.${name}.${m[2]}`] : [];
  });
}

/** The item of a list a path names by index (`funders.0.`, `funders[0].`) or by its name (the longest that fits). */
function itemOf(rest: string, names: readonly string[]): { index: number; tail: string } | { written: string } | { outOfRange: number } {
  const byIndex = /^(?:\[(\d+)\]\.?|\.(\d+)\.)(.*)$/.exec(rest);
  if (byIndex) {
    const index = Number(byIndex[1] ?? byIndex[2]);
    return index < names.length ? { index, tail: byIndex[3]! } : { outOfRange: index };
  }
  const afterDot = rest.slice(1);
  let best: { i: number; name: string } | undefined;
  names.forEach((name, i) => {
    if (afterDot.startsWith(`${name}.`) && (!best || name.length > best.name.length)) best = { i, name };
  });
  if (best) return { index: best.i, tail: afterDot.slice(best.name.length + 1) };
  return { written: afterDot.includes('.') ? afterDot.slice(0, afterDot.lastIndexOf('.')) : afterDot };
}

/** `funders.F.grant`, `funders.F.grant.T`, `funders.F.outcome_payment.K`: F a funder, K an intervention (index or name). */
function resolveFunder(s: Scenario, path: string, fail: (message: string, hint?: string) => never): Resolved {
  const funders = s.funders.map((f) => f.name);
  if (funders.length === 0) return fail('the scenario has no funders');
  const at = itemOf(path.slice('funders'.length), funders);
  if ('outOfRange' in at) return fail(`there is no funder ${at.outOfRange}: the scenario has ${funders.length} (numbered from 0)`, `Use an index from 0 to ${funders.length - 1}, or the funder's name.`);
  if ('written' in at) {
    const guess = suggest(at.written, funders);
    return fail(`no funder is called \`${at.written}\``, guess ? `Did you mean \`${guess}\`? The funders are: ${funders.join(', ')}.` : `The funders are: ${funders.join(', ')}.`);
  }
  const i = at.index;
  const dot = at.tail.indexOf('.');
  const name = dot < 0 ? at.tail : at.tail.slice(0, dot);
  const sub = dot < 0 ? undefined : at.tail.slice(dot + 1);
  const f = FUNDER_NUMERIC.find((g) => fieldName(g) === name);
  if (!f) {
    const names = FUNDER_NUMERIC.map(fieldName);
    const guess = suggest(name, names);
    const what = keysUnder('funders').includes(name) ? `\`${name}\` is not a number that can be varied` : `funders have no field \`${name}\``;
    return fail(what, guess ? `Did you mean \`${guess}\`?` : `The numeric funder fields are: ${names.join(', ')}.`);
  }
  if (f.shape === 'list') {
    if (sub === undefined) return { canonical: ['funders', i, name], field: f, item: i };
    if (!/^\d+$/.test(sub)) return fail(`\`${sub}\` is not a year index`, `Write \`funders.${i}.${name}.0\` for the first year, or \`funders.${i}.${name}\` for all of it.`);
    const length = Math.max(1, accessOf(f).keys(s, i).length);
    if (Number(sub) >= length) return fail(`the grant of \`${funders[i]}\` has ${length} value${length === 1 ? '' : 's'} (numbered from 0), so there is no value ${sub}`, `Use an index from 0 to ${length - 1}.`);
    return { canonical: ['funders', i, name, Number(sub)], field: f, item: i, sub: Number(sub) };
  }
  // outcome_payment: by intervention, as the funder writes it
  const paid = accessOf(f).keys(s, i).map(Number);
  const names = paid.map((k) => s.interventions[k]!.name);
  if (sub === undefined) return fail(`name an intervention: \`${name}.<intervention>\``, names.length ? `It pays for: ${names.join(', ')}.` : 'This funder pays for no outcomes.');
  const k = /^\d+$/.test(sub) ? Number(sub) : s.interventions.findIndex((x) => x.name === sub.trim());
  if (!paid.includes(k)) {
    const guess = suggest(sub, names);
    return fail(`\`${funders[i]}\` pays for no outcomes of \`${sub}\``, guess ? `Did you mean \`${guess}\`?` : names.length ? `It pays for: ${names.join(', ')}.` : 'This funder pays for no outcomes.');
  }
  return { canonical: ['funders', i, name, k], field: f, item: i, sub: k };
}
