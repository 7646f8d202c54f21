// Reading the values of a scenario document: numbers in their field's range (or a distribution, where the
// field may be uncertain), lists by year, maps by silo, text and true/false, each problem collected with its
// path and file:line:column. Which range and shape a value has comes from the scenario schema.
import { D } from '../decimal.js';
import { ProblemList, suggest, type Location, type Warning } from '../errors.js';
import { convert, indexOf } from '../model/prices.js';
import type { Distribution, UncertainParam } from '../model/types.js';
import { VALUE_KINDS, findUnitCost, unitCostValue, type ValueKind } from '../model/unit-costs.js';
import { yearLabel } from '../model/years.js';
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
import { AMOUNT_KEYS, UNIT_COST_KEYS, fieldValueKind, isMoneyForm, type MoneyContext } from './scenario-money.js';

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
  /** the year money is converted to (`price_base`, else `base_year`), and where it is written; set by the builder */
  protected priceBase: { year: number | undefined; node: DocNode | undefined; written: boolean } = { year: undefined, node: undefined, written: false };
  /** whether a money value was converted (then the deflators are an input of the scenario) */
  protected converted = false;
  private priceBaseChecked: boolean | undefined;

  constructor(
    protected readonly doc: ParsedDocument,
    /** the deflators and library the scenario's money forms need (src/io/scenario-money.ts) */
    protected readonly money?: MoneyContext,
  ) {}

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
    if (node.kind === 'map' && spec.money && isMoneyForm(node)) return this.moneyForm(node, path, spec, options);
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

  /** A distribution; `price` converts each parameter (a distribution written in the prices of another year). */
  protected distribution(node: DocMap, path: readonly PathSeg[], spec: FieldDef, options: NumberOptions, price?: Conversion): D | undefined {
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
    if (price) {
      dist = convertDistribution(dist, price.convert);
      central = centralOf(dist);
    }
    if (!inRange(central, spec)) {
      const what = kind === 'uniform' ? 'midpoint' : kind === 'normal' ? 'mean' : 'mode';
      return at(`the central value (the ${what}, ${central}${price ? ` in ${price.label} prices` : ''}) of \`${field}\` is outside its valid range: ${describeRange(spec)}`, spec.hint);
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

  // ---- money in the prices of another year, and unit costs (docs/method.md, "Prices and unit costs")

  /**
   * A financial year written `2025`, `2025/26` or `2025-26`, in the range of `spec`. `whole` reads the number
   * form (a field's own reader, so that its messages stay those of any number); without it, a plain check.
   */
  protected financialYear(node: DocNode, path: readonly PathSeg[], spec: FieldDef, whole?: (node: DocNode) => number | undefined): number | undefined {
    const name = lastName(path);
    if (node.kind === 'scalar' && typeof node.value === 'string') {
      const m = /^(\d{4})\s*[/-]\s*(\d{2})$/.exec(node.text.trim());
      if (m) {
        const y = Number(m[1]);
        if (!inRange(new D(y), spec)) {
          this.problem(node, path, `\`${name}\` is ${describeNode(node)}, but it must be ${describeRange(spec)}`, spec.hint);
          return undefined;
        }
        if (String((y + 1) % 100).padStart(2, '0') === m[2]) return y;
        this.problem(node, path, `\`${name}\` is ${describeNode(node)}, but ${m[2]} is not the year after ${y}`, `Write \`${y}/${String((y + 1) % 100).padStart(2, '0')}\`, or just \`${y}\`.`);
        return undefined;
      }
    }
    if (whole) return whole(node);
    const value = scalarDecimal(node);
    const bad = value === undefined ? undefined : valueProblem(spec, value, node.kind === 'scalar' ? node.text : value.toString(), name);
    if (value === undefined || bad) {
      this.problem(node, path, bad?.message ?? `\`${name}\` must be a year, but it is ${describeNode(node)}`, spec.hint);
      return undefined;
    }
    return value.toNumber();
  }

  /** `{amount: X, price_year: Y}` or `{unit_cost: CODE, times: N, value: KIND}`, as its value in price-base prices. */
  private moneyForm(node: DocMap, path: readonly PathSeg[], spec: FieldDef, options: NumberOptions): D | undefined {
    const field = lastName(path);
    const unitCost = node.entries.some((e) => e.key === 'unit_cost');
    const before = this.problems.size;
    for (const e of node.entries) {
      if ((unitCost ? UNIT_COST_KEYS : AMOUNT_KEYS).some((k) => k === e.key)) continue;
      const at = [...path, e.key];
      if (!unitCost && UNIT_COST_KEYS.some((k) => k === e.key)) {
        this.problem(e, at, `\`${e.key}\` goes only with \`unit_cost\``, 'Write `{unit_cost: CODE, times: 52}` for an entry of the unit-cost library, or `{amount: X, price_year: Y}` for an amount in the prices of year Y.', true);
      } else if (unitCost && AMOUNT_KEYS.some((k) => k === e.key)) {
        this.problem(e, at, `\`${e.key}\` does not go with \`unit_cost\``, 'A unit cost takes its amount and price year from the library: write `{unit_cost: CODE}`, or `{amount: X, price_year: Y}` alone.', true);
      } else {
        const guess = suggest(e.key, unitCost ? UNIT_COST_KEYS : AMOUNT_KEYS);
        this.problem(e, at, `unknown key \`${e.key}\` in the money value \`${field}\``, guess ? `Did you mean \`${guess}\`?` : MONEY_FORMS_HINT, true);
      }
    }
    if (this.problems.size > before) return undefined;
    return unitCost ? this.unitCost(node, path, spec, options) : this.amountAt(node, path, spec, options);
  }

  private amountAt(node: DocMap, path: readonly PathSeg[], spec: FieldDef, options: NumberOptions): D | undefined {
    const field = lastName(path);
    const amount = node.entries.find((e) => e.key === 'amount');
    const year = node.entries.find((e) => e.key === 'price_year');
    if (!amount || !year) {
      this.problem(node, path, `the money value \`${field}\` has no \`${amount ? 'price_year' : 'amount'}\``, 'Write `{amount: 9234, price_year: 2012}`: the amount in pounds, in the prices of that financial year.');
      return undefined;
    }
    const y = this.financialYear(year.value, [...path, 'price_year'], PRICE_YEAR);
    if (y === undefined) return undefined;
    const price = this.conversion(year.value, [...path, 'price_year'], y);
    if (!price) return undefined;
    const at = [...path, 'amount'];
    const v = amount.value;
    if (v.kind === 'map') {
      const dist = v.entries.length === 1 && (DIST_KINDS as readonly string[]).includes(v.entries[0]!.key);
      if (!spec.uncertain || !dist) {
        this.problem(v, at, dist ? `\`${field}\` cannot be written as a distribution` : `the \`amount\` of \`${field}\` must be a number${spec.uncertain ? ' or a distribution' : ''}, but it is a map`, spec.uncertain ? `Write a number, or one of: ${Object.values(DIST_FORM).join(', ')}.` : 'Write a single number: the items of a list by year are never uncertain.');
        return undefined;
      }
      return this.distribution(v, at, spec, { ...options, canonical: options.canonical ?? [...path] }, price);
    }
    const x = scalarDecimal(v);
    if (x === undefined) {
      this.problem(v, at, `the \`amount\` of \`${field}\` must be a number, but it is ${describeNode(v)}`, 'Write the amount in pounds as a plain number, e.g. `amount: 9234`.');
      return undefined;
    }
    return this.inPriceBase(v, at, spec, price.convert(x), `${v.kind === 'scalar' ? v.text : x.toString()} in ${yearLabel(y)} prices`, price);
  }

  private unitCost(node: DocMap, path: readonly PathSeg[], spec: FieldDef, options: NumberOptions): D | undefined {
    const field = lastName(path);
    const get = (k: string): DocEntry | undefined => node.entries.find((e) => e.key === k);
    const codeNode = get('unit_cost')!.value;
    const codePath = [...path, 'unit_cost'];
    if (codeNode.kind !== 'scalar' || codeNode.value === null || codeNode.text.trim() === '') {
      this.problem(codeNode, codePath, `\`unit_cost\` must be the code of a library entry, but it is ${describeNode(codeNode)}`, 'Write the entry\'s code, e.g. `{unit_cost: E&E1.0.1}`.');
      return undefined;
    }
    const code = codeNode.text.trim();
    let times: D | undefined;
    const timesEntry = get('times');
    if (timesEntry) {
      times = scalarDecimal(timesEntry.value);
      if (times === undefined || !times.greaterThan(0)) {
        this.problem(timesEntry.value, [...path, 'times'], `\`times\` is ${describeNode(timesEntry.value)}, but it must be a plain number above 0`, '`times` multiplies the entry\'s amount: e.g. `times: 52` for a cost per week over a year.');
        return undefined;
      }
    }
    const own = fieldValueKind(spec.key);
    let kind: ValueKind = own;
    const kindEntry = get('value');
    if (kindEntry) {
      const t = kindEntry.value.kind === 'scalar' ? kindEntry.value.text.trim() : '';
      if (!(VALUE_KINDS as readonly string[]).includes(t)) {
        const guess = suggest(t, VALUE_KINDS);
        this.problem(kindEntry.value, [...path, 'value'], `\`value\` is ${describeNode(kindEntry.value)}`, `${guess ? `Did you mean \`${guess}\`? ` : ''}Write one of: ${VALUE_KINDS.join(', ')}.`);
        return undefined;
      }
      kind = t as ValueKind;
    }
    const library = this.money?.library;
    if (!library) {
      this.problem(codeNode, codePath, `\`${field}\` is the unit cost ${code}, but the scenario names no unit-cost library`, 'Add `unit_costs: FILE` (the GMCA Unit Cost Database workbook or a unit-cost CSV, relative to the scenario file), or `unit_costs: bundled` for the bundled library.');
      return undefined;
    }
    const entry = findUnitCost(library, code);
    if (!entry.ok) {
      this.problem(codeNode, codePath, entry.message, entry.hint);
      return undefined;
    }
    const published = unitCostValue(entry.value, kind);
    if (!published.ok) {
      this.problem(kindEntry?.value ?? codeNode, kindEntry ? [...path, 'value'] : codePath, published.message, kindEntry ? published.hint : `${published.hint.replace(/^Ask for/, 'Ask for it with')}`);
      return undefined;
    }
    const price = this.conversion(codeNode, codePath, published.value.priceYear, `${code}: `);
    if (!price) return undefined;
    const amount = times ? published.value.amount.times(times) : published.value.amount;
    const value = this.inPriceBase(codeNode, codePath, spec, price.convert(amount), `the unit cost ${code}${times ? ` times ${times.toString()}` : ''}`, price);
    if (value === undefined) return undefined;
    const loc = this.loc(node, path);
    const about = dottedPath(options.canonical ?? path);
    const e = entry.value;
    if (kind !== own) this.warnings.push({ code: 'unit-cost-kind', message: `\`${field}\` takes the ${kind} value of ${code}, but it is ${own === 'fiscal' ? 'a fiscal' : `an ${own}`} field: check that this is the value meant`, loc, about });
    if (e.confidence === 'R') this.warnings.push({ code: 'unit-cost-red', message: `the unit cost ${code} is rated red (low confidence) in ${library.source.name}: consider writing \`${field}\` as a distribution, or a better-evidenced figure`, loc, about });
    const period = /\bper\s+(week|day|month)\b|\b(weekly|daily|monthly)\b/i.exec(e.unit);
    if (!times && period && spec.unit?.includes('a year')) {
      const word = (period[1] ?? period[2]!).toLowerCase().replace(/ly$/, '').replace(/^dai$/, 'day');
      const n = word === 'week' ? 52 : word === 'month' ? 12 : 365;
      this.warnings.push({ code: 'unit-cost-period', message: `the unit cost ${code} is "${e.unit}", but \`${field}\` is £ a year: did you mean \`times: ${n}\`?`, loc, about });
    }
    return value;
  }

  /** A converted value in its field's range (`written` says what it was converted from). */
  private inPriceBase(node: DocNode, path: readonly PathSeg[], spec: FieldDef, value: D, written: string, price: Conversion): D | undefined {
    const bad = valueProblem(spec, value, `${written} (${value.toFixed(2)} in ${price.label} prices)`, lastName(path.filter((p) => !['amount', 'unit_cost'].includes(String(p)))));
    if (bad) {
      this.problem(node, path, bad.message, bad.hint);
      return undefined;
    }
    return value;
  }

  /** The conversion from `from` prices to the price base: a year outside the series is a problem at `node`. */
  private conversion(node: DocNode, path: readonly PathSeg[], from: number, prefix = ''): Conversion | undefined {
    const index = this.money?.index;
    if (!index) throw new Error('a scenario with money forms is read with its deflators (loadScenario)');
    const fromIndex = indexOf(index, from, 'the price year');
    if (!fromIndex.ok) {
      this.problem(node, path, `${prefix}${fromIndex.message}`, fromIndex.hint);
      return undefined;
    }
    const to = this.checkedPriceBase(node, path);
    if (to === undefined) return undefined;
    this.converted = true;
    const label = yearLabel(to);
    return {
      label,
      convert: (x) => {
        const r = convert(x, from, to, index);
        if (!r.ok) throw new Error(r.message);
        return r.value;
      },
    };
  }

  /** The price base, checked once to be a year of the series (the problem is reported once, where it is written). */
  private checkedPriceBase(node: DocNode, path: readonly PathSeg[]): number | undefined {
    const index = this.money!.index!;
    const { year, node: at, written } = this.priceBase;
    if (this.priceBaseChecked === undefined) {
      this.priceBaseChecked = false;
      const span = `${index.first} to ${index.last}`;
      if (year === undefined) {
        this.problem(node, path, 'a money value is converted to the price base, but the scenario gives neither `price_base` nor `base_year`', `Give the year whose prices the scenario is in, e.g. \`price_base: ${index.last}\` (the deflators run from ${span}).`);
      } else {
        const r = indexOf(index, year, 'the price base');
        if (r.ok) this.priceBaseChecked = true;
        else {
          const message = written ? r.message : `the price base is the base year, ${yearLabel(year)} (no \`price_base\` is given), which is outside the deflator series (${index.name}: ${yearLabel(index.first)} to ${yearLabel(index.last)})`;
          this.problem(at ?? node, at ? [written ? 'price_base' : 'base_year'] : path, message, `Give \`price_base\` (one of the years ${span}), or a \`deflators\` file that covers ${yearLabel(year)}.`);
        }
      }
    }
    return this.priceBaseChecked ? year : undefined;
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

/** A conversion to the price base: its label (`2024/25`) and the function, each value converted on its own. */
interface Conversion {
  label: string;
  convert: (x: D) => D;
}

const MONEY_FORMS_HINT = 'A money value is a number, `{amount: X, price_year: Y}` or `{unit_cost: CODE, times: N, value: fiscal}`.';

/** A price year's range and words: those of `base_year`. */
const PRICE_YEAR: FieldDef = { ...fieldDef('base_year')!, key: 'price_year', hint: 'Write the financial year whose prices the amount is in: `2012` or `2012/13`.' };

/** The parameters of each distribution, in the order they are written. */
const DIST_PARAMS: Readonly<Record<Distribution['kind'], readonly string[]>> = { triangular: ['low', 'mode', 'high'], pert: ['low', 'mode', 'high'], uniform: ['low', 'high'], normal: ['mean', 'sd'] };

/** The distribution with each parameter converted by `f` (a normal's sd too). */
function convertDistribution(d: Distribution, f: (x: D) => D): Distribution {
  const params = d as unknown as Record<string, D>;
  return Object.fromEntries([['kind', d.kind], ...DIST_PARAMS[d.kind].map((k) => [k, f(params[k]!)])]) as Distribution;
}

/** The central value a distribution stands for in the Scenario: the mode, the midpoint or the mean. */
function centralOf(d: Distribution): D {
  if (d.kind === 'uniform') return d.low.plus(d.high).dividedBy(2);
  return d.kind === 'normal' ? d.mean : d.mode;
}
