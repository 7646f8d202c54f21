// The dotted PATH language of INTERFACE.md, for `--param`, batch sweeps, breakeven and tornado:
//
//   horizon, discount                                  top-level numbers
//   growth.default, growth.health, pool.social_care    silo maps (the silo written in any spelling: `pool.Social care`)
//   investment.shift        the whole shift schedule, set to one value that holds for every year
//   investment.shift.1      one value of the written list (t = 1); also investment.fixed.N, integration.transition_costs.N
//   investment.reinvest, investment.funding.health, integration.efficiency, integration.ramp_years
//   optimism_bias_table.5   the optimism bias of evidence grade 5
//   interventions.0.success_rate, interventions.Family intervention.deadweight   an intervention by index or name
//   interventions.0.avoided_cost_per_success.health, interventions.0.cashable.health
//
// `interventions[0].success_rate` (the form error messages show) is accepted too. Canonical paths use the
// index and the normalised silo: `interventions.0.avoided_cost_per_success.health`, as UncertainParam.path does.
//
// A value is changed in the DOCUMENT, and the caller rebuilds the Scenario through the one validator
// (scenarioFromDocument), so a swept value obeys every rule a written one does.
import { D } from '../decimal.js';
import { InputError, UsageError, suggest, type Location, type Problem } from '../errors.js';
import { MISSION_SILOS, isValidSilo, normaliseSilo } from '../model/silo.js';
import { decimalScalar, findEntry, type DocEntry, type DocMap, type DocNode, type ParsedDocument, type PathSeg } from './document.js';
import { DEFAULT_OPTIMISM_BIAS_TABLE, INTERVENTION_KEYS, NUMERIC_FIELDS, SECTION_KEYS, TOP_LEVEL_KEYS, isEvidenceGrade, isSection, type NumSpec } from './scenario.js';

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

// Which fields a path may name, and how, all come from the scenario format (src/io/scenario.ts): its numeric
// fields with their ranges and shapes (NUMERIC_FIELDS), its sections and intervention fields. A field added
// there can be varied here without a second list to keep in step (test/scenario-paths-schema.test.ts checks).

/**
 * The numeric fields a path may vary: every one of NUMERIC_FIELDS but `base_year`, which is deliberately left
 * out. It is a number in the file, but it sets which year of the budgets the scenario starts from, not a
 * parameter of the model to vary.
 */
const NOT_VARIED = new Set(['base_year']);
const PATH_SPECS: ReadonlyMap<string, NumSpec> = new Map(Object.entries(NUMERIC_FIELDS).filter(([k]) => !NOT_VARIED.has(k)));
const shapeOf = (key: string): NumSpec['shape'] | 'none' => {
  const spec = PATH_SPECS.get(key);
  return spec === undefined ? 'none' : spec.shape;
};
/** Top-level fields that are one number (`horizon`, `discount`). */
const TOP_NUMBERS = new Set([...PATH_SPECS].filter(([k, s]) => !k.includes('.') && s.shape === undefined).map(([k]) => k));
/** Top-level fields that are maps by silo (`growth`, `pool`). */
const TOP_SILO_MAPS = new Set([...PATH_SPECS].filter(([k, s]) => !k.includes('.') && s.shape === 'silos').map(([k]) => k));
/** Top-level fields that are maps by evidence grade (`optimism_bias_table`). */
const TOP_GRADE_MAPS = new Set([...PATH_SPECS].filter(([k, s]) => !k.includes('.') && s.shape === 'grades').map(([k]) => k));
/** The fields of a section (`investment`, `integration`) a path may vary: those that are numbers (today, all). */
const sectionFields = (head: keyof typeof SECTION_KEYS): string[] => SECTION_KEYS[head].filter((f) => PATH_SPECS.has(`${head}.${f}`));
/** The intervention fields a path may vary (numbers), in the order the format lists them. */
const INTERVENTION_NUMERIC = INTERVENTION_KEYS.filter((k) => PATH_SPECS.has(`interventions.${k}`));
/** The intervention fields that are maps by silo (`avoided_cost_per_success`, `cashable`). */
const INTERVENTION_SILO_MAPS: readonly string[] = INTERVENTION_NUMERIC.filter((k) => shapeOf(`interventions.${k}`) === 'silos');
/** Top-level fields with no number a path may vary (`name`, `settlement`, `base_year`...): "not a number that can be varied". */
const NOT_NUMBERS: readonly string[] = TOP_LEVEL_KEYS.filter((k) => ![...PATH_SPECS.keys()].some((f) => f === k || f.startsWith(`${k}.`)));
/** The evidence grades, as path segments (`optimism_bias_table.5`). */
const GRADES = [...DEFAULT_OPTIMISM_BIAS_TABLE.keys()];

interface Resolved {
  /** canonical segments (indices as numbers, silos normalised) */
  canonical: PathSeg[];
  /** segments into the document (keys as written there, or the canonical key when absent) */
  docPath: PathSeg[];
  /** NUMERIC_FIELDS key */
  spec: string;
}

/** The canonical form of a parameter path, or a located, suggestive error. */
export function resolveParamPath(doc: ParsedDocument, path: string, options: ParamPathOptions = {}): string {
  return resolve(doc, path, options).canonical.join('.');
}

/** The valid range of the numeric field a path names (for breakeven's bisection bounds). */
export function paramRange(path: string): ParamRange {
  const key = specKeyOf(path);
  const spec = key ? PATH_SPECS.get(key) : undefined;
  if (!spec) throw new UsageError({ message: `\`${path}\` is not a numeric scenario field`, hint: 'See INTERFACE.md for paths, e.g. `interventions.0.success_rate`.' });
  return { min: spec.min, max: spec.max, maxExclusive: spec.maxExclusive === true, integer: spec.integer === true };
}

/**
 * A new document whose value at `path` is `value` (the original is untouched). A distribution there becomes the
 * fixed value; a missing field (or silo key) is added. Setting an intervention's `optimism_bias` removes its
 * `confidence`, and the reverse, since the two may not be given together.
 */
export function setParam(doc: ParsedDocument, path: string, value: D, options: SetParamOptions = {}): ParsedDocument {
  const r = resolve(doc, path, options);
  const origin = options.origin ?? (options.from === 'manifest' ? `set by the sweep to ${value.toString()}` : `set by --param to ${value.toString()}`);
  const root = setAt(doc.root, r.docPath, 0, value, origin, { line: 1, column: 1 });
  return doc.withRoot(root);
}

/** Every numeric path of a scenario document, canonical (by index), in document order then defaults. */
export function numericParamPaths(doc: ParsedDocument): string[] {
  const out: string[] = [];
  const root = doc.root?.kind === 'map' ? doc.root : undefined;
  const sub = (k: string): DocNode | undefined => (root ? findEntry(root, k)?.value : undefined);
  const keys = (n: DocNode | undefined): string[] => (n?.kind === 'map' ? n.entries.map((e) => normaliseSilo(e.key)) : []);
  // The fields in the order of the format (NUMERIC_FIELDS), each by its shape; interventions last.
  for (const [key, spec] of PATH_SPECS) {
    if (key.startsWith('interventions.')) continue;
    const [head, field] = key.split('.') as [string, string | undefined];
    const section = field === undefined ? undefined : sub(head);
    const node = field === undefined ? sub(head) : section?.kind === 'map' ? findEntry(section, field)?.value : undefined;
    if (spec.shape === undefined) out.push(key);
    else if (spec.shape === 'list') {
      out.push(key);
      if (node?.kind === 'seq') node.items.forEach((_, i) => out.push(`${key}.${i}`));
    } else if (spec.shape === 'silos') {
      // growth also has a default rate, for the silos it does not name
      if (key === 'growth') out.push('growth.default');
      out.push(...keys(node).filter((s) => key !== 'growth' || s !== 'default').map((s) => `${key}.${s}`));
    } else for (const g of GRADES) out.push(`${key}.${g}`);
  }
  const ivs = sub('interventions');
  if (ivs?.kind === 'seq') {
    ivs.items.forEach((item, i) => {
      for (const f of INTERVENTION_NUMERIC) {
        if (INTERVENTION_SILO_MAPS.includes(f)) {
          const m = item.kind === 'map' ? findEntry(item, f)?.value : undefined;
          out.push(...keys(m).map((s) => `interventions.${i}.${f}.${s}`));
        } else out.push(`interventions.${i}.${f}`);
      }
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------

/** The NUMERIC_FIELDS key of a path, from its shape alone (an intervention may be named, names may hold dots). */
function specKeyOf(path: string): string | undefined {
  const p = path.trim().replace(/\[(\d+)\]/g, '.$1');
  if (p.startsWith('interventions.')) {
    const segs = p.split('.');
    const last = segs[segs.length - 1]!;
    const before = segs[segs.length - 2];
    const field = before !== undefined && INTERVENTION_SILO_MAPS.includes(before) ? before : last;
    return PATH_SPECS.has(`interventions.${field}`) ? `interventions.${field}` : undefined;
  }
  const segs = p.split('.');
  const [head, a] = segs as [string, string | undefined];
  if (TOP_SILO_MAPS.has(head) || TOP_GRADE_MAPS.has(head)) return segs.length === 2 ? head : undefined;
  if (isSection(head) && a !== undefined) {
    const key = `${head}.${a}`;
    const shape = shapeOf(key);
    const ok = segs.length === 2 ? shape !== 'silos' : segs.length === 3 && ((shape === 'list' && /^\d+$/.test(segs[2]!)) || shape === 'silos');
    return ok && PATH_SPECS.has(key) ? key : undefined;
  }
  return segs.length === 1 && PATH_SPECS.has(p) ? p : undefined;
}

function resolve(doc: ParsedDocument, raw: string, options: ParamPathOptions): Resolved {
  const path = raw.trim();
  const fail = (message: string, hint?: string): never => {
    const candidates = numericParamPaths(doc);
    const guess = hint === undefined ? suggest(path.replace(/\[(\d+)\]/g, '.$1'), [...candidates, ...byNameForms(doc, candidates)]) : undefined;
    const problem: Problem = { message: `${options.from === 'manifest' ? 'sweep path' : '--param'} \`${path}\`: ${message}` };
    problem.hint = hint ?? (guess ? `Did you mean \`${guess}\`?` : 'Paths look like `integration.efficiency`, `growth.health`, `interventions.0.success_rate`.');
    if (options.from === 'manifest') {
      if (options.loc) problem.loc = options.loc;
      throw new InputError([problem]);
    }
    throw new UsageError(problem);
  };
  if (path === '') return fail('the path is empty');
  const root = doc.root?.kind === 'map' ? doc.root : undefined;
  const entry = (map: DocMap | undefined, key: string): DocEntry | undefined => (map ? findEntry(map, key) : undefined);

  if (path.startsWith('interventions.') || path.startsWith('interventions[')) {
    const list = entry(root, 'interventions')?.value;
    if (list?.kind !== 'seq' || list.items.length === 0) return fail('the scenario has no interventions');
    const rest = path.slice('interventions'.length);
    let index: number | undefined;
    let tail: string;
    const byIndex = /^(?:\[(\d+)\]\.?|\.(\d+)\.)(.*)$/.exec(rest);
    if (byIndex) {
      index = Number(byIndex[1] ?? byIndex[2]);
      tail = byIndex[3]!;
      if (index >= list.items.length) return fail(`there is no intervention ${index}: the scenario has ${list.items.length} (numbered from 0)`, `Use an index from 0 to ${list.items.length - 1}, or the intervention's name.`);
    } else {
      // By name: the longest name the rest starts with, followed by a dot (names may contain dots).
      const afterDot = rest.slice(1);
      let best: { i: number; name: string } | undefined;
      list.items.forEach((item, i) => {
        const nameNode = item.kind === 'map' ? findEntry(item, 'name')?.value : undefined;
        const name = nameNode?.kind === 'scalar' ? nameNode.text.trim() : undefined;
        if (name && afterDot.startsWith(`${name}.`) && (!best || name.length > best.name.length)) best = { i, name };
      });
      if (!best) {
        const names = list.items.map((item) => (item.kind === 'map' ? findEntry(item, 'name')?.value : undefined)).flatMap((n) => (n?.kind === 'scalar' ? [n.text.trim()] : []));
        const written = afterDot.includes('.') ? afterDot.slice(0, afterDot.lastIndexOf('.')) : afterDot;
        const guess = suggest(written, names);
        return fail(`no intervention is called \`${written}\``, guess ? `Did you mean \`${guess}\`? The interventions are: ${names.join(', ')}.` : `The interventions are: ${names.join(', ')} (or use an index from 0).`);
      }
      index = best.i;
      tail = afterDot.slice(best.name.length + 1);
    }
    const item = list.items[index];
    if (item?.kind !== 'map') return fail(`intervention ${index} is not a map of fields`);
    const parts = tail.split('.');
    const field = parts[0]!;
    if (!(INTERVENTION_NUMERIC as readonly string[]).includes(field)) {
      const guess = suggest(field, INTERVENTION_NUMERIC);
      const what = (INTERVENTION_KEYS as readonly string[]).includes(field) ? `\`${field}\` is not a number that can be varied` : `interventions have no field \`${field}\``;
      return fail(what, guess ? `Did you mean \`${guess}\`?` : `The numeric intervention fields are: ${INTERVENTION_NUMERIC.join(', ')}.`);
    }
    if (INTERVENTION_SILO_MAPS.includes(field)) {
      if (parts.length !== 2) return fail(`name a silo: \`${field}.<silo>\``, `E.g. \`interventions.${index}.${field}.health\`.`);
      const m = entry(item, field)?.value;
      const key = siloKey(m, parts[1]!);
      if (key === undefined) {
        const have = m?.kind === 'map' ? m.entries.map((e) => e.key) : [];
        const guess = suggest(parts[1]!, have);
        return fail(`intervention ${index} has no \`${field}\` for silo \`${parts[1]}\``, guess ? `Did you mean \`${guess}\`?` : have.length ? `Its silos are: ${have.join(', ')}.` : `Add the silo to its ${field} first.`);
      }
      return { canonical: ['interventions', index, field, normaliseSilo(parts[1]!)], docPath: ['interventions', index, field, key], spec: `interventions.${field}` };
    }
    if (parts.length !== 1) return fail(`\`${field}\` is a single number; nothing comes after it`);
    return { canonical: ['interventions', index, field], docPath: ['interventions', index, field], spec: `interventions.${field}` };
  }

  const segs = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const head = segs[0]!;
  if (TOP_NUMBERS.has(head)) {
    if (segs.length !== 1) return fail(`\`${head}\` is a single number`);
    return { canonical: [head], docPath: [head], spec: head };
  }
  if (TOP_SILO_MAPS.has(head)) {
    if (segs.length !== 2) return fail(`name a silo: \`${head}.<silo>\``, `E.g. \`${head}.health\`${head === 'growth' ? ' or `growth.default`' : ''}.`);
    const silo = normaliseSilo(segs[1]!);
    const m = entry(root, head)?.value;
    const key = siloKey(m, segs[1]!);
    if (key !== undefined) return { canonical: [head, silo], docPath: [head, key], spec: head };
    if ((head === 'growth' && silo === 'default') || (MISSION_SILOS as readonly string[]).includes(silo)) return { canonical: [head, silo], docPath: [head, silo], spec: head };
    const have = m?.kind === 'map' ? m.entries.map((e) => e.key) : [];
    const guess = suggest(segs[1]!, [...have, ...MISSION_SILOS, ...(head === 'growth' ? ['default'] : [])]);
    if (!isValidSilo(silo)) return fail(`\`${segs[1]}\` is not a silo name`, guess ? `Did you mean \`${guess}\`?` : undefined);
    return fail(`the scenario's \`${head}\` has no silo \`${segs[1]}\``, `${guess ? `Did you mean \`${guess}\`? ` : ''}To vary a silo not written there, add it first (e.g. \`${head}: {${silo}: 0}\`).`);
  }
  if (isSection(head)) {
    const field = segs[1];
    const fields = sectionFields(head);
    if (field === undefined || !fields.includes(field)) {
      const guess = field === undefined ? undefined : suggest(field, fields);
      return fail(field === undefined ? `name a field of \`${head}\`` : `\`${head}\` has no field \`${field}\``, guess ? `Did you mean \`${head}.${guess}\`?` : `Its fields are: ${fields.map((f) => `${head}.${f}`).join(', ')}.`);
    }
    const spec = `${head}.${field}`;
    const section = entry(root, head)?.value;
    const sectionMap = section?.kind === 'map' ? section : undefined;
    if (shapeOf(spec) === 'silos') {
      // investment.funding, the one map by silo in a section: `pool` or shares by silo
      if (segs.length !== 2 + 1) return fail(`name a silo: \`${spec}.<silo>\``);
      const m = entry(sectionMap, 'funding')?.value;
      const key = siloKey(m, segs[2]!);
      if (key === undefined) return fail(`the scenario's funding has no share for silo \`${segs[2]}\``, m?.kind === 'map' ? `Its silos are: ${m.entries.map((e) => e.key).join(', ')}.` : 'Funding shares can only be varied when `investment.funding` gives shares by silo.');
      return { canonical: [head, field, normaliseSilo(segs[2]!)], docPath: [head, field, key], spec };
    }
    if (shapeOf(spec) === 'list' && segs.length === 3) {
      if (!/^\d+$/.test(segs[2]!)) return fail(`\`${segs[2]}\` is not a year index`, `Write \`${head}.${field}.0\` for the first value, or \`${head}.${field}\` for all of it.`);
      const index = Number(segs[2]);
      const list = entry(sectionMap, field)?.value;
      const length = list?.kind === 'seq' ? list.items.length : 1;
      if (index >= length) return fail(`\`${head}.${field}\` has ${length} value${length === 1 ? '' : 's'} (numbered from 0), so there is no value ${index}`, `Use an index from 0 to ${length - 1}, or write more values in the scenario first.`);
      return { canonical: [head, field, index], docPath: list?.kind === 'seq' ? [head, field, index] : [head, field], spec };
    }
    if (segs.length !== 2) return fail(`\`${head}.${field}\` is a single number`);
    return { canonical: [head, field], docPath: [head, field], spec };
  }
  if (TOP_GRADE_MAPS.has(head)) {
    if (segs.length !== 2 || !isEvidenceGrade(segs[1]!)) return fail('name an evidence grade from 1 to 6', 'E.g. `optimism_bias_table.5`.');
    const m = entry(root, head)?.value;
    const key = m?.kind === 'map' ? (m.entries.find((e) => e.key === segs[1])?.key ?? segs[1]!) : segs[1]!;
    return { canonical: [head, Number(segs[1])], docPath: [head, key], spec: head };
  }
  if (NOT_NUMBERS.includes(head)) return fail(`\`${head}\` is not a number that can be varied`);
  return fail('the scenario has no such field');
}

/** The key as written in a silo map for silo `written` (any spelling), or undefined. */
function siloKey(node: DocNode | undefined, written: string): string | undefined {
  if (node?.kind !== 'map') return undefined;
  const silo = normaliseSilo(written);
  return node.entries.find((e) => normaliseSilo(e.key) === silo)?.key;
}

/** Candidate paths with interventions by name, for suggestions. */
function byNameForms(doc: ParsedDocument, candidates: readonly string[]): string[] {
  const list = doc.root?.kind === 'map' ? findEntry(doc.root, 'interventions')?.value : undefined;
  if (list?.kind !== 'seq') return [];
  const names = list.items.map((item) => (item.kind === 'map' ? findEntry(item, 'name')?.value : undefined)).map((n) => (n?.kind === 'scalar' ? n.text.trim() : undefined));
  return candidates.flatMap((c) => {
    const m = /^interventions\.(\d+)\.(.*)$/.exec(c);
    const name = m ? names[Number(m[1])] : undefined;
    return m && name ? [`interventions.${name}.${m[2]}`] : [];
  });
}

/** Copy-on-write set: the spine of the path is copied, everything else shared. */
function setAt(node: DocNode | null | undefined, segs: readonly PathSeg[], i: number, value: D, origin: string, at: { line: number; column: number }): DocNode {
  const here = node ? { line: node.line, column: node.column } : at;
  if (i === segs.length) return decimalScalar(value, here, origin);
  const seg = segs[i]!;
  if (typeof seg === 'number') {
    if (node?.kind !== 'seq' || seg >= node.items.length) throw new Error(`setParam: no item ${seg} at ${segs.slice(0, i).join('.')}`);
    const items = [...node.items];
    items[seg] = setAt(items[seg], segs, i + 1, value, origin, here);
    return { ...node, items };
  }
  const map: DocMap = node?.kind === 'map' ? node : { kind: 'map', entries: [], ...here };
  let entries = [...map.entries];
  const index = entries.findIndex((e) => e.key === seg);
  const old = index >= 0 ? entries[index] : undefined;
  const next: DocEntry = {
    key: seg,
    keyLine: old?.keyLine ?? here.line,
    keyColumn: old?.keyColumn ?? here.column,
    value: setAt(old && !(old.value.kind === 'scalar' && old.value.value === null) ? old.value : undefined, segs, i + 1, value, origin, old ? { line: old.value.line, column: old.value.column } : here),
  };
  if (index >= 0) entries[index] = next;
  else entries.push(next);
  // optimism_bias and confidence may not be given together: the one set replaces the other.
  if (i === 2 && segs[0] === 'interventions' && i + 1 === segs.length && (seg === 'optimism_bias' || seg === 'confidence')) {
    const other = seg === 'optimism_bias' ? 'confidence' : 'optimism_bias';
    entries = entries.filter((e) => e.key !== other);
  }
  return { ...map, entries };
}
