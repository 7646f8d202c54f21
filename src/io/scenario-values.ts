// Reading the values of a scenario document: numbers in their field's range (or a distribution, where the
// field may be uncertain), lists by year, maps by silo, text and true/false, each problem collected with its
// path and file:line:column. Which range and shape a value has comes from the scenario schema.
import { D } from '../decimal.js';
import { ProblemList, suggest, type Location, type Warning } from '../errors.js';
import type { Distribution, UncertainParam } from '../model/types.js';
import {
  DISTRIBUTION_FORMS,
  DIST_ARITY,
  DIST_KINDS,
  FIELDS,
  UNCERTAIN_FIELDS,
  describeRange,
  fieldDef,
  inRange,
  isNumeric,
  isSection,
  keysUnder,
  valueProblem,
  type DistKind,
  type FieldDef,
} from '../model/schema.js';
import { isValidSilo, normaliseSilo } from '../model/silo.js';
import {
  describeNode,
  dottedPath,
  scalarDecimal,
  type DocEntry,
  type DocMap,
  type DocNode,
  type ParsedDocument,
  type PathSeg,
} from './document.js';

const INTERVENTION_KEYS = keysUnder('interventions');
const field = (key: string): FieldDef => {
  const f = fieldDef(key);
  if (!f) throw new Error(`the scenario schema has no field ${key}`);
  return f;
};
const DIST_FORM = DISTRIBUTION_FORMS;

/** The default optimism bias table: evidence grade 1 (strong) .. 6 (weak), from the schema's default. */
export const DEFAULT_OPTIMISM_BIAS_TABLE: ReadonlyMap<number, D> = new Map(
  Object.entries(field('optimism_bias_table').default as Record<string, number>).map(([g, v]) => [Number(g), new D(String(v))]),
);



/** The schema's field key of a path: `interventions.3.lag` -> `interventions.lag`. */
export function specKey(path: readonly PathSeg[]): string {
  if (path[0] === 'interventions' || path[0] === 'funders') return `${path[0]}.${String(path[2])}`;
  if (path.length >= 2 && isSection(path[0])) return `${path[0]}.${String(path[1])}`;
  // a top-level field, whether one number or a map (`growth.health` -> `growth`)
  return String(path[0]);
}

export interface NumberOptions {
  /** canonical dotted path of an uncertain value (indices, normalised silos) */
  canonical?: PathSeg[];
  /** the label of an uncertain value */
  label?: string;
}

/** What the scenario reader shares: the document, the problems and warnings found, the uncertain values read. */
export class ValueReader {
  protected readonly problems = new ProblemList();
  protected readonly uncertain: UncertainParam[] = [];
  protected readonly warnings: Warning[] = [];

  constructor(protected readonly doc: ParsedDocument) {}

  protected loc(node: { line: number; column: number } | undefined, path: readonly PathSeg[]): Location {
    return this.doc.nodeLoc(node, path);
  }

  protected problem(node: DocNode | DocEntry | undefined, path: readonly PathSeg[], message: string, hint?: string, atKey = false): void {
    const loc = atKey && node && 'key' in node ? this.doc.keyLoc(node, path) : this.loc(node && 'kind' in node ? node : node && 'value' in node ? node.value : undefined, path);
    this.problems.add({ message, loc, ...(hint ? { hint } : {}) });
  }

  protected unknownKeys(map: DocMap, path: readonly PathSeg[], allowed: readonly string[], what: string): void {
    for (const e of map.entries) {
      if (allowed.includes(e.key)) continue;
      const guess = suggest(e.key, allowed);
      let hint = guess ? `Did you mean \`${guess}\`?` : `The ${what}s are: ${allowed.join(', ')}.`;
      if (!guess && path.length === 0 && (INTERVENTION_KEYS as readonly string[]).includes(e.key)) {
        hint = `\`${e.key}\` belongs to an intervention: put it under an item of \`interventions\`.`;
      }
      this.problem(e, [...path, e.key], `unknown ${what} \`${e.key}\``, hint, true);
    }
  }

  protected map(node: DocNode | undefined, path: readonly PathSeg[], example: string): DocMap | undefined {
    if (!node || isNull(node)) return undefined;
    if (node.kind === 'map') return node;
    this.problem(node, path, `\`${lastName(path)}\` must be a map, but it is ${describeNode(node)}`, `Write it as ${example}.`);
    return undefined;
  }

  protected text(node: DocNode, path: readonly PathSeg[], required: boolean): string | undefined {
    if (node.kind !== 'scalar' || node.value === null) {
      this.problem(node, path, `\`${lastName(path)}\` must be text, but it is ${describeNode(node)}`, `Write it as \`${lastName(path)}: some text\`.`);
      return undefined;
    }
    const t = node.text.trim();
    if (required && t === '') {
      this.problem(node, path, `\`${lastName(path)}\` is empty`, 'Give it a name.');
      return undefined;
    }
    return t;
  }

  protected boolean(entry: DocEntry | undefined, path: readonly PathSeg[], fallback: boolean): boolean {
    if (!entry) return fallback;
    const v = entry.value;
    if (v.kind === 'scalar' && typeof v.value === 'boolean' && !v.quoted) return v.value;
    this.problem(v, path, `\`${lastName(path)}\` must be true or false, but it is ${describeNode(v)}`, `Write \`${lastName(path)}: true\` or \`${lastName(path)}: false\`.`);
    return fallback;
  }
  /** A number (or, where allowed, a distribution whose central value is returned) in its field's range. */
  protected number(node: DocNode | undefined, path: readonly PathSeg[], options: NumberOptions = {}): D | undefined {
    if (!node) return undefined;
    const spec = fieldDef(specKey(path));
    if (!spec || !isNumeric(spec)) throw new Error(`no range for ${dottedPath(path)}`);
    const field = lastName(path);
    if (node.kind === 'map') {
      if (!spec.uncertain) {
        const dist = node.entries.length === 1 && (DIST_KINDS as readonly string[]).includes(node.entries[0]!.key);
        this.problem(
          node,
          path,
          dist ? `\`${field}\` cannot be written as a distribution` : `\`${field}\` must be a number, but it is a map`,
          dist
            ? `Write a single number. Only these may be uncertain: ${UNCERTAIN_FIELDS.map((f) => f.replace(/^interventions\./, '')).join(', ')}.`
            : spec.hint,
        );
        return undefined;
      }
      return this.distribution(node, path, spec, options);
    }
    const value = scalarDecimal(node);
    if (value === undefined) {
      let hint = spec.hint;
      if (node.kind === 'scalar' && node.quoted && /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(node.text.trim())) hint = `Remove the quotes: write ${node.text.trim()}.`;
      else if (node.kind === 'scalar' && typeof node.value === 'string' && /^[£$]?[\d,]+(\.\d+)?%?$/.test(node.text.trim())) {
        const text = node.text.trim();
        hint = text.endsWith('%')
          ? `Write a percentage as a share, without %: ${text} is ${new D(text.replace(/[£$,%]/g, '')).dividedBy(100).toString()}.`
          : `Write the plain number, without £ or commas: ${text.replace(/[£$,]/g, '')}.`;
      }
      else if (spec.uncertain) hint = `${spec.hint} It may also be a distribution: ${Object.values(DIST_FORM).join(', ')}.`;
      this.problem(node, path, `\`${field}\` must be a number, but it is ${describeNode(node)}`, hint);
      return undefined;
    }
    const bad = valueProblem(spec, value, node.kind === 'scalar' ? node.text : value.toString(), field);
    if (bad) {
      this.problem(node, path, bad.message, bad.hint);
      return undefined;
    }
    return value;
  }

  protected integer(node: DocNode | undefined, path: readonly PathSeg[]): number | undefined {
    const v = this.number(node, path);
    return v === undefined ? undefined : v.toNumber();
  }

  protected distribution(node: DocMap, path: readonly PathSeg[], spec: FieldDef, options: NumberOptions): D | undefined {
    const field = lastName(path);
    const forms = Object.values(DIST_FORM).join(', ');
    if (node.entries.length !== 1) {
      const unknown = node.entries.find((e) => !(DIST_KINDS as readonly string[]).includes(e.key));
      const guess = unknown ? suggest(unknown.key, DIST_KINDS) : undefined;
      this.problem(
        node,
        path,
        node.entries.length === 0 ? `\`${field}\` is an empty map` : `\`${field}\` must be a number or one distribution, but it is a map of ${node.entries.length} keys`,
        guess ? `Did you mean \`${guess}\`? Write one of: ${forms}.` : `Write a number, or one of: ${forms}.`,
      );
      return undefined;
    }
    const entry = node.entries[0]!;
    const kind = entry.key as DistKind;
    if (!(DIST_KINDS as readonly string[]).includes(kind)) {
      const guess = suggest(entry.key, DIST_KINDS);
      this.problem(entry, [...path, entry.key], `unknown distribution \`${entry.key}\``, guess ? `Did you mean \`${guess}\`? Write one of: ${forms}.` : `Write one of: ${forms}.`, true);
      return undefined;
    }
    const distPath = [...path, kind];
    const list = entry.value;
    const arity = DIST_ARITY[kind];
    if (list.kind !== 'seq' || list.items.length !== arity) {
      this.problem(list, distPath, `a ${kind} distribution needs a list of ${arity} numbers, but this is ${list.kind === 'seq' ? `a list of ${list.items.length}` : describeNode(list)}`, `Write ${DIST_FORM[kind]}.`);
      return undefined;
    }
    const values: D[] = [];
    list.items.forEach((item, i) => {
      const v = scalarDecimal(item);
      if (v === undefined) this.problem(item, [...distPath, i], `a ${kind} parameter must be a number, but it is ${describeNode(item)}`, `Write ${DIST_FORM[kind]}.`);
      else values.push(v);
    });
    if (values.length !== arity) return undefined;
    let dist: Distribution;
    let central: D;
    const at = (msg: string, hint: string): undefined => {
      this.problem(list, distPath, msg, hint);
      return undefined;
    };
    if (kind === 'triangular' || kind === 'pert') {
      const [low, mode, high] = values as [D, D, D];
      if (!low.lessThanOrEqualTo(mode) || !mode.lessThanOrEqualTo(high))
        return at(`the ${kind} distribution of \`${field}\` has low ${low}, mode ${mode}, high ${high}: they must be in order, low <= mode <= high`, `Write ${DIST_FORM[kind]} with the smallest value first.`);
      if (!low.lessThan(high)) return at(`the ${kind} distribution of \`${field}\` has low = high = ${low}: there is no uncertainty`, `Write the single number ${mode}, or widen the range.`);
      dist = { kind, low, mode, high };
      central = mode;
    } else if (kind === 'uniform') {
      const [low, high] = values as [D, D];
      if (!low.lessThan(high)) return at(`the uniform distribution of \`${field}\` has low ${low} and high ${high}: low must be below high`, 'Write {uniform: [low, high]} with the smaller value first.');
      dist = { kind, low, high };
      central = low.plus(high).dividedBy(2);
    } else {
      const [mean, sd] = values as [D, D];
      if (!sd.greaterThan(0)) return at(`the normal distribution of \`${field}\` has standard deviation ${sd}: it must be above 0`, 'Write {normal: [mean, sd]} with a positive sd.');
      dist = { kind, mean, sd };
      central = mean;
    }
    if (!inRange(central, spec)) {
      const what = kind === 'uniform' ? 'midpoint' : kind === 'normal' ? 'mean' : 'mode';
      return at(`the central value (the ${what}, ${central}) of \`${field}\` is outside its valid range: ${describeRange(spec)}`, spec.hint);
    }
    const canonical = options.canonical ?? path;
    const param: UncertainParam = {
      path: dottedPath(canonical),
      label: options.label ?? dottedPath(canonical),
      dist,
      central,
      min: new D(spec.min!),
      max: spec.max === undefined ? null : new D(spec.max),
      loc: this.loc(node, path),
    };
    this.uncertain.push(param);
    return central;
  }

  /** `x` or `[x, y, ...]`; each item checked with the field's range. */
  protected numberList(entry: DocEntry | undefined, path: readonly PathSeg[], nonEmpty: boolean): D[] | undefined {
    if (!entry || isNull(entry.value)) return undefined;
    const v = entry.value;
    const label = dottedPath(path);
    if (v.kind !== 'seq') {
      const x = this.number(v, path, { canonical: [...path, 0], label });
      return x === undefined ? undefined : [x];
    }
    if (nonEmpty && v.items.length === 0) {
      this.problem(v, path, `\`${lastName(path)}\` is an empty list`, 'Give at least one value (the last one holds for later years), or leave the field out.');
      return undefined;
    }
    const out: D[] = [];
    v.items.forEach((item, i) => {
      const x = this.number(item, [...path, i], { canonical: [...path, i], label: `${label}[${i}]` });
      if (x !== undefined) out.push(x);
    });
    return out.length === v.items.length ? out : undefined;
  }

  /**
   * A map keyed by silo (normalised). `path` is where the map is; values are read by `read` with the path shown
   * to users (the key as written) and the canonical path (the normalised key).
   */
  protected siloMap(
    node: DocNode | undefined,
    path: readonly PathSeg[],
    read: (value: DocNode, shown: PathSeg[], canonical: PathSeg[]) => D | undefined,
    canonicalBase: readonly PathSeg[] = path,
  ): Map<string, D> {
    const out = new Map<string, D>();
    const map = this.map(node, path, path[0] === 'growth' ? '`growth: {default: 0.01, health: 0.02}`' : `\`${lastName(path)}: {health: 0.1, social_care: 0.5}\``);
    if (!map) return out;
    const firstKey = new Map<string, DocEntry>();
    for (const e of map.entries) {
      const silo = normaliseSilo(e.key);
      const shown = [...path, e.key];
      if (!isValidSilo(silo)) {
        this.problem(e, shown, `\`${e.key}\` is not a silo name`, 'A silo name starts with a letter, then letters, digits, spaces, hyphens or `_` (e.g. `social_care`).', true);
        continue;
      }
      const first = firstKey.get(silo);
      if (first) {
        this.problem(e, shown, `\`${e.key}\` is the same silo as \`${first.key}\` (line ${first.keyLine}): both are \`${silo}\``, 'Give each silo once.', true);
        continue;
      }
      firstKey.set(silo, e);
      const value = read(e.value, shown, [...canonicalBase, silo]);
      if (value !== undefined) out.set(silo, value);
    }
    return out;
  }

}

export function isNull(node: DocNode): boolean {
  return node.kind === 'scalar' && node.value === null && !node.quoted;
}

/** The fields that are maps of numbers (by silo or by grade), by their own name: `growth`, `funding`, `cashable`... */
const SILO_MAPS = new Set(FIELDS.filter((f) => f.shape === 'silos' || f.shape === 'grades' || f.shape === 'names').map((f) => f.key.slice(f.key.lastIndexOf('.') + 1)));

/** The field a path ends in, as a message names it: `success_rate`, `growth.health`, `cashable.health`. */
export function lastName(path: readonly PathSeg[]): string {
  const parent = path[path.length - 2];
  const last = path[path.length - 1];
  if (typeof parent === 'string' && typeof last === 'string' && SILO_MAPS.has(parent)) return `${parent}.${last}`;
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string' && !/^\d+$/.test(path[i] as string)) return path[i] as string;
  return String(path[path.length - 1] ?? '');
}
