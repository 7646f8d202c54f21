// Scenario files: every field read with its default and valid range from the scenario schema
// (src/model/schema.ts), checked in one pass that collects every problem with its path and file:line:column.
// Cross-field rules (shares that add up to 1, a cashable share for every avoided cost, `confidence` or
// `optimism_bias`) are written here, beside the reading. Values set later by --param, a sweep or tornado are
// checked by the same schema entries (src/model/params.ts).
import { D, ZERO, ONE, sum } from '../decimal.js';
import { InputError, ProblemList, suggest, type Location, type Warning } from '../errors.js';
import type { DiscountSpec, Distribution, InputSource, Intervention, Scenario, SettlementRule, UncertainParam } from '../model/types.js';
import {
  DISTRIBUTION_FORMS,
  DIST_ARITY,
  DIST_KINDS,
  FIELDS,
  INTERVENTION_FIELDS,
  UNCERTAIN_FIELDS,
  describeRange,
  fieldDef,
  inRange,
  isEvidenceGrade,
  isNumeric,
  isSection,
  keysUnder,
  noOptimismBiasWarning,
  valueProblem,
  zeroDeadweightWarning,
  type DistKind,
  type FieldDef,
} from '../model/schema.js';
import { isValidSilo, normaliseSilo } from '../model/silo.js';
import { readInputText, type InputIo } from './input.js';
import {
  describeNode,
  dottedPath,
  parseDocument,
  scalarDecimal,
  type DocEntry,
  type DocMap,
  type DocNode,
  type ParsedDocument,
  type PathSeg,
} from './document.js';

const TOP_LEVEL_KEYS = keysUnder('');
const INTERVENTION_KEYS = keysUnder('interventions');
const field = (key: string): FieldDef => {
  const f = fieldDef(key);
  if (!f) throw new Error(`the scenario schema has no field ${key}`);
  return f;
};
const DIST_FORM = DISTRIBUTION_FORMS;
const SETTLEMENTS = field('settlement').choices as readonly SettlementRule[];
const DISCOUNTS = field('discount').choices!;

/** The default optimism bias table: evidence grade 1 (strong) .. 6 (weak), from the schema's default. */
export const DEFAULT_OPTIMISM_BIAS_TABLE: ReadonlyMap<number, D> = new Map(
  Object.entries(field('optimism_bias_table').default as Record<string, number>).map(([g, v]) => [Number(g), new D(String(v))]),
);

// ---------------------------------------------------------------------------------------------------------
// Entry points

const documents = new WeakMap<Scenario, ParsedDocument>();

/** The document a scenario was built from (for --param and sweeps, which change the document and rebuild). */
export function documentOf(scenario: Scenario): ParsedDocument | undefined {
  return documents.get(scenario);
}

/** Build and validate a scenario from a parsed document. Throws one InputError listing every problem. */
export function scenarioFromDocument(doc: ParsedDocument): Scenario {
  const scenario = new ScenarioBuilder(doc).build();
  documents.set(scenario, doc);
  return scenario;
}

export function scenarioFromText(text: string, source: InputSource): Scenario {
  return scenarioFromDocument(parseDocument(text, source));
}

/**
 * Read a scenario file (`-` for stdin, `example:NAME` for a bundled one) and parse it, without validating the
 * scenario. A missing file is a FileOpenError (exit 66).
 */
export async function loadScenarioDocument(arg: string, io: InputIo): Promise<ParsedDocument> {
  const { text, source, warnings } = await readInputText(arg, io, 'scenario');
  return parseDocument(text, source, { warnings });
}

/** Read, parse and validate a scenario file (`-` for stdin). */
export async function loadScenario(arg: string, io: InputIo): Promise<Scenario> {
  return scenarioFromDocument(await loadScenarioDocument(arg, io));
}

// ---------------------------------------------------------------------------------------------------------
// The validator

/** The schema's field key of a path: `interventions.3.lag` -> `interventions.lag`. */
function specKey(path: readonly PathSeg[]): string {
  if (path[0] === 'interventions') return `interventions.${String(path[2])}`;
  if (path.length >= 2 && isSection(path[0])) return `${path[0]}.${String(path[1])}`;
  // a top-level field, whether one number or a map (`growth.health` -> `growth`)
  return String(path[0]);
}

interface NumberOptions {
  /** canonical dotted path of an uncertain value (indices, normalised silos) */
  canonical?: PathSeg[];
  /** the label of an uncertain value */
  label?: string;
}

class ScenarioBuilder {
  private readonly problems = new ProblemList();
  private readonly uncertain: UncertainParam[] = [];
  private readonly warnings: Warning[] = [];

  constructor(private readonly doc: ParsedDocument) {}

  private loc(node: { line: number; column: number } | undefined, path: readonly PathSeg[]): Location {
    return this.doc.nodeLoc(node, path);
  }

  private problem(node: DocNode | DocEntry | undefined, path: readonly PathSeg[], message: string, hint?: string, atKey = false): void {
    const loc = atKey && node && 'key' in node ? this.doc.keyLoc(node, path) : this.loc(node && 'kind' in node ? node : node && 'value' in node ? node.value : undefined, path);
    const origin = node && 'kind' in node ? node.origin : undefined;
    this.problems.add({ message: origin ? `${message} (${origin})` : message, loc, ...(hint ? { hint } : {}) });
  }

  build(): Scenario {
    const root = this.doc.root;
    const name = this.doc.source.name;
    if (root === null || (root.kind === 'scalar' && root.value === null)) {
      throw new InputError([
        {
          message: 'the scenario file is empty',
          loc: { file: name, line: 1, column: 1 },
          hint: 'A scenario needs at least `name: My scenario`; `placepool example` writes complete ones to start from.',
        },
      ]);
    }
    if (root.kind !== 'map') {
      throw new InputError([
        {
          message: `a scenario must be a map of fields (\`name: ...\`, \`horizon: ...\`), but this file holds ${describeNode(root)}`,
          loc: { file: name, line: root.line, column: root.column },
          hint: 'Start the file with `name: My scenario` and write each field on its own line as `field: value`.',
        },
      ]);
    }
    this.unknownKeys(root, [], TOP_LEVEL_KEYS, 'scenario field');
    const get = (key: string): DocEntry | undefined => root.entries.find((e) => e.key === key);

    const nameEntry = get('name');
    let scenarioName = '';
    if (!nameEntry) this.problem(root, ['name'], 'the scenario has no `name`', 'Add a line such as `name: Lambeth whole-place pool`.');
    else scenarioName = this.text(nameEntry.value, ['name'], true) ?? '';

    const descEntry = get('description');
    const description = descEntry && !isNull(descEntry.value) ? this.text(descEntry.value, ['description'], false) : undefined;

    const places = this.places(get('places'));
    const combine = this.boolean(get('combine'), ['combine'], false);
    const baseYear = this.baseYear(get('base_year'));
    const horizon = this.integer(get('horizon')?.value, ['horizon']) ?? 10;
    const discount = this.discount(get('discount'));
    const growth = this.growth(get('growth'));
    const pool = this.siloMap(get('pool')?.value, ['pool'], (n, p) => this.number(n, p));
    const investment = this.investment(get('investment'));
    const integration = this.integration(get('integration'));
    const optimismBiasTable = this.optimismBiasTable(get('optimism_bias_table'));
    const settlement = this.settlement(get('settlement'));
    const interventions = this.interventions(get('interventions'), optimismBiasTable);

    // Report in the order of the file, whatever order the fields were checked in.
    this.problems.problems.sort((a, b) => (a.loc?.line ?? 0) - (b.loc?.line ?? 0) || (a.loc?.column ?? 0) - (b.loc?.column ?? 0));
    this.problems.throwIfAny(`${name}: the scenario has ${this.problems.size === 1 ? 'a problem' : `${this.problems.size} problems`}`);

    const doc = this.doc;
    const scenario: Scenario = {
      name: scenarioName,
      combine,
      horizon,
      discount,
      growth,
      pool,
      investment,
      integration,
      optimismBiasTable,
      settlement,
      interventions,
      uncertain: this.uncertain,
      source: doc.source,
      locate: (path: string) => doc.locate(path),
      warnings: [...doc.warnings, ...this.warnings],
    };
    if (description !== undefined) scenario.description = description;
    if (places !== undefined) scenario.places = places;
    if (baseYear !== undefined) scenario.baseYear = baseYear;
    return scenario;
  }

  // ---- structure

  private unknownKeys(map: DocMap, path: readonly PathSeg[], allowed: readonly string[], what: string): void {
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

  private map(node: DocNode | undefined, path: readonly PathSeg[], example: string): DocMap | undefined {
    if (!node || isNull(node)) return undefined;
    if (node.kind === 'map') return node;
    this.problem(node, path, `\`${lastName(path)}\` must be a map, but it is ${describeNode(node)}`, `Write it as ${example}.`);
    return undefined;
  }

  private text(node: DocNode, path: readonly PathSeg[], required: boolean): string | undefined {
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

  private boolean(entry: DocEntry | undefined, path: readonly PathSeg[], fallback: boolean): boolean {
    if (!entry) return fallback;
    const v = entry.value;
    if (v.kind === 'scalar' && typeof v.value === 'boolean' && !v.quoted) return v.value;
    this.problem(v, path, `\`${lastName(path)}\` must be true or false, but it is ${describeNode(v)}`, `Write \`${lastName(path)}: true\` or \`${lastName(path)}: false\`.`);
    return fallback;
  }

  private places(entry: DocEntry | undefined): string[] | undefined {
    if (!entry || isNull(entry.value)) return undefined;
    const v = entry.value;
    const items = v.kind === 'seq' ? v.items : [v];
    if (v.kind === 'map') {
      this.problem(v, ['places'], '`places` must be a list of place names, but it is a map', 'Write it as `places: [Lambeth, Southwark]`.');
      return undefined;
    }
    if (items.length === 0) {
      this.problem(v, ['places'], '`places` is an empty list', 'Name at least one place, or leave `places` out to model every place in the budgets.');
      return undefined;
    }
    const out: string[] = [];
    items.forEach((item, i) => {
      const path = v.kind === 'seq' ? ['places', i] : ['places'];
      const t = this.text(item, path, true);
      if (t === undefined) return;
      if (out.includes(t)) this.problem(item, path, `the place \`${t}\` is listed twice`, 'List each place once.');
      else out.push(t);
    });
    return out;
  }

  private baseYear(entry: DocEntry | undefined): number | undefined {
    if (!entry) return undefined;
    const v = entry.value;
    if (v.kind === 'scalar' && typeof v.value === 'string') {
      const m = /^(\d{4})\s*[/-]\s*(\d{2})$/.exec(v.text.trim());
      if (m) {
        const y = Number(m[1]);
        const spec = field('base_year');
        if (!inRange(new D(y), spec)) {
          this.problem(v, ['base_year'], `\`base_year\` is ${describeNode(v)}, but it must be ${describeRange(spec)}`, spec.hint);
          return undefined;
        }
        if (String((y + 1) % 100).padStart(2, '0') === m[2]) return y;
        this.problem(v, ['base_year'], `\`base_year\` is ${describeNode(v)}, but ${m[2]} is not the year after ${y}`, `Write \`${y}/${String((y + 1) % 100).padStart(2, '0')}\`, or just \`${y}\`.`);
        return undefined;
      }
    }
    return this.integer(v, ['base_year']);
  }

  private discount(entry: DocEntry | undefined): DiscountSpec {
    if (!entry) return { kind: 'green-book' };
    const v = entry.value;
    if (v.kind === 'scalar' && typeof v.value === 'string') {
      const t = v.text.trim();
      if ((DISCOUNTS as readonly string[]).includes(t)) return { kind: t as 'green-book' | 'green-book-health' };
      const guess = suggest(t, DISCOUNTS);
      const hint = field('discount').hint;
      this.problem(v, ['discount'], `\`discount\` is ${describeNode(v)}`, guess ? `Did you mean \`${guess}\`? ${hint}` : hint);
      return { kind: 'green-book' };
    }
    const rate = this.number(v, ['discount']);
    return rate === undefined ? { kind: 'green-book' } : { kind: 'constant', rate };
  }

  private settlement(entry: DocEntry | undefined): SettlementRule {
    if (!entry) return 'proportional';
    const v = entry.value;
    const t = v.kind === 'scalar' ? v.text.trim() : '';
    if (v.kind === 'scalar' && (SETTLEMENTS as readonly string[]).includes(t)) return t as SettlementRule;
    const guess = v.kind === 'scalar' ? suggest(t, SETTLEMENTS) : undefined;
    this.problem(v, ['settlement'], `\`settlement\` is ${describeNode(v)}`, `${guess ? `Did you mean \`${guess}\`? ` : ''}Write one of: ${SETTLEMENTS.join(', ')}.`);
    return 'proportional';
  }

  // ---- numbers

  /** A number (or, where allowed, a distribution whose central value is returned) in its field's range. */
  private number(node: DocNode | undefined, path: readonly PathSeg[], options: NumberOptions = {}): D | undefined {
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
      else if (node.kind === 'scalar' && typeof node.value === 'string' && /^[£$]?[\d,]+(\.\d+)?%?$/.test(node.text.trim()))
        hint = `Write the plain number, without £, commas or %: e.g. ${node.text.replace(/[£$,%]/g, '')}${node.text.endsWith('%') ? ' as a share (divide by 100)' : ''}.`;
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

  private integer(node: DocNode | undefined, path: readonly PathSeg[]): number | undefined {
    const v = this.number(node, path);
    return v === undefined ? undefined : v.toNumber();
  }

  private distribution(node: DocMap, path: readonly PathSeg[], spec: FieldDef, options: NumberOptions): D | undefined {
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
  private numberList(entry: DocEntry | undefined, path: readonly PathSeg[], nonEmpty: boolean): D[] | undefined {
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
  private siloMap(
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

  // ---- sections

  private growth(entry: DocEntry | undefined): Scenario['growth'] {
    let def = ZERO;
    const bySilo = new Map<string, D>();
    const all = this.siloMap(entry?.value, ['growth'], (n, shown, canonical) => this.number(n, shown, { canonical, label: dottedPath(canonical) }));
    for (const [silo, v] of all) {
      if (silo === 'default') def = v;
      else bySilo.set(silo, v);
    }
    return { default: def, bySilo };
  }

  private investment(entry: DocEntry | undefined): Scenario['investment'] {
    const out: Scenario['investment'] = { shift: [ZERO], fixed: [], reinvest: ZERO, funding: 'pool' };
    const map = this.map(entry?.value, ['investment'], '`investment: {shift: [0.01, 0.02], reinvest: 0.5}`');
    if (!map) return out;
    this.unknownKeys(map, ['investment'], keysUnder('investment'), 'investment field');
    const get = (k: string): DocEntry | undefined => map.entries.find((e) => e.key === k);
    out.shift = this.numberList(get('shift'), ['investment', 'shift'], true) ?? out.shift;
    out.fixed = this.numberList(get('fixed'), ['investment', 'fixed'], false) ?? out.fixed;
    const reinvest = get('reinvest');
    if (reinvest) out.reinvest = this.number(reinvest.value, ['investment', 'reinvest'], { label: 'investment.reinvest' }) ?? ZERO;
    const funding = get('funding');
    if (funding) {
      const v = funding.value;
      if (v.kind === 'scalar' && v.text.trim() === 'pool') out.funding = 'pool';
      else if (v.kind !== 'map') {
        this.problem(v, ['investment', 'funding'], `\`funding\` is ${describeNode(v)}`, 'Write `funding: pool` (each silo pays in proportion to what it pools), or shares by silo that add up to 1: `funding: {health: 0.6, social_care: 0.4}`.');
      } else {
        const shares = this.siloMap(v, ['investment', 'funding'], (n, shown) => this.number(n, shown));
        const total = sum(shares.values());
        if (shares.size === v.entries.length && !total.equals(ONE)) {
          this.problem(v, ['investment', 'funding'], `the funding shares add up to ${total}, not exactly 1`, 'Adjust the shares so that they add up to exactly 1 (e.g. 0.6 and 0.4).');
        }
        out.funding = shares;
      }
    }
    return out;
  }

  private integration(entry: DocEntry | undefined): Scenario['integration'] {
    const out: Scenario['integration'] = { efficiency: ZERO, rampYears: 1, transitionCosts: [] };
    const map = this.map(entry?.value, ['integration'], '`integration: {efficiency: 0.02, ramp_years: 3}`');
    if (!map) return out;
    this.unknownKeys(map, ['integration'], keysUnder('integration'), 'integration field');
    const get = (k: string): DocEntry | undefined => map.entries.find((e) => e.key === k);
    const eff = get('efficiency');
    if (eff) out.efficiency = this.number(eff.value, ['integration', 'efficiency'], { label: 'integration.efficiency' }) ?? ZERO;
    const ramp = get('ramp_years');
    if (ramp) out.rampYears = this.integer(ramp.value, ['integration', 'ramp_years']) ?? 1;
    out.transitionCosts = this.numberList(get('transition_costs'), ['integration', 'transition_costs'], false) ?? [];
    return out;
  }

  private optimismBiasTable(entry: DocEntry | undefined): Map<number, D> {
    const table = new Map(DEFAULT_OPTIMISM_BIAS_TABLE);
    const map = this.map(entry?.value, ['optimism_bias_table'], '`optimism_bias_table: {5: 0.30}`');
    if (!map) return table;
    for (const e of map.entries) {
      const path = ['optimism_bias_table', e.key];
      if (!isEvidenceGrade(e.key)) {
        this.problem(e, path, `\`${e.key}\` is not an evidence grade`, 'The grades are the whole numbers 1 (strong evidence) to 6 (weak): e.g. `optimism_bias_table: {5: 0.30}`.', true);
        continue;
      }
      const v = this.number(e.value, path);
      if (v !== undefined) table.set(Number(e.key), v);
    }
    return table;
  }

  private interventions(entry: DocEntry | undefined, table: ReadonlyMap<number, D>): Intervention[] {
    if (!entry || isNull(entry.value)) return [];
    const v = entry.value;
    if (v.kind !== 'seq') {
      this.problem(v, ['interventions'], `\`interventions\` must be a list, but it is ${describeNode(v)}`, 'Write each intervention as an item starting with `- name: ...`.');
      return [];
    }
    const out: Intervention[] = [];
    v.items.forEach((item, i) => {
      const k = this.intervention(item, i, table);
      if (k) out.push(k);
    });
    // Names and shares are checked on what was written, so that these problems show alongside any others.
    const names = new Map<string, number>();
    const shares: D[] = [];
    let sharesReadable = true;
    let given = 0;
    v.items.forEach((item, i) => {
      if (item.kind !== 'map') {
        sharesReadable = false;
        return;
      }
      const nameNode = item.entries.find((e) => e.key === 'name')?.value;
      const name = nameNode?.kind === 'scalar' && nameNode.value !== null ? nameNode.text.trim() : undefined;
      if (name) {
        const first = names.get(name);
        if (first !== undefined) this.problem(nameNode, ['interventions', i, 'name'], `two interventions are called \`${name}\` (the first is interventions[${first}])`, 'Give each intervention its own name.');
        else names.set(name, i);
      }
      const shareNode = item.entries.find((e) => e.key === 'share')?.value;
      if (shareNode) given++;
      const share = shareNode ? scalarDecimal(shareNode) : ONE;
      if (share === undefined) sharesReadable = false;
      else shares.push(share);
    });
    if (v.items.length > 0 && sharesReadable) {
      const total = sum(shares);
      if (!total.equals(ONE)) {
        this.problem(
          v,
          ['interventions'],
          `the interventions' shares add up to ${total}, not exactly 1${given < v.items.length ? ' (a share left out counts as 1)' : ''}`,
          "Give each intervention a `share` of each year's investment so that the shares add up to exactly 1 (e.g. 0.6 and 0.4).",
        );
      }
    }
    return out;
  }

  private intervention(node: DocNode, i: number, table: ReadonlyMap<number, D>): Intervention | undefined {
    const base: PathSeg[] = ['interventions', i];
    if (node.kind !== 'map') {
      this.problem(node, base, `an intervention must be a map of fields, but it is ${describeNode(node)}`, 'Write it as `- name: ...` followed by its fields, indented.');
      return undefined;
    }
    this.unknownKeys(node, base, INTERVENTION_KEYS, 'intervention field');
    const get = (k: string): DocEntry | undefined => node.entries.find((e) => e.key === k);
    const nameEntry = get('name');
    let name: string | undefined;
    if (!nameEntry) this.problem(node, [...base, 'name'], `interventions[${i}] has no \`name\``, 'Add `name: ...` to the intervention; names must be unique.');
    else name = this.text(nameEntry.value, [...base, 'name'], true);
    const who = name ?? `interventions[${i}]`;
    let ok = name !== undefined;
    // Every number of the intervention by its schema entry (the maps by silo and the evidence grade follow).
    const values: Record<string, D | number | undefined> = {};
    for (const [key, f] of Object.entries(INTERVENTION_FIELDS) as [string, FieldDef][]) {
      if (f.shape !== 'one' || !isNumeric(f)) continue;
      const e = get(key);
      if (!e) {
        if (f.required) {
          this.problem(node, [...base, key], `${who} has no \`${key}\``, f.missing);
          ok = false;
        } else values[f.prop!] = f.default === undefined ? undefined : f.integer ? Number(f.default) : new D(String(f.default));
        continue;
      }
      const v = f.integer ? this.integer(e.value, [...base, key]) : this.number(e.value, [...base, key], { label: `${who}: ${key}` });
      if (v === undefined) ok = false;
      values[f.prop!] = v;
    }
    const confidence = values.confidence as number | undefined;
    const obEntry = get('optimism_bias');
    const confEntry = get('confidence');
    if (obEntry && confEntry) {
      this.problem(obEntry.value, [...base, 'optimism_bias'], `${who} has both \`confidence\` (line ${confEntry.keyLine}) and \`optimism_bias\``, 'Keep one: `confidence` takes the optimism bias from the table by evidence grade; `optimism_bias` gives it directly.');
      ok = false;
    }

    const avoidedEntry = get('avoided_cost_per_success');
    const cashableEntry = get('cashable');
    const before = this.problems.size;
    const avoided = this.siloMap(
      avoidedEntry?.value,
      [...base, 'avoided_cost_per_success'],
      (n, shown, canonical) => this.number(n, shown, { canonical, label: `${who}: avoided_cost_per_success.${String(canonical[canonical.length - 1])}` }),
    );
    const cashable = this.siloMap(
      cashableEntry?.value,
      [...base, 'cashable'],
      (n, shown, canonical) => this.number(n, shown, { canonical, label: `${who}: cashable.${String(canonical[canonical.length - 1])}` }),
    );
    if (this.problems.size !== before) ok = false;
    // Every silo with an avoided cost needs a cashable share, and no other silo may have one.
    const avoidedKeys = silosWritten(avoidedEntry?.value);
    const cashableKeys = silosWritten(cashableEntry?.value);
    const missing = [...avoidedKeys.keys()].filter((s) => !cashableKeys.has(s));
    if (missing.length) {
      ok = false;
      const at = cashableEntry?.value && cashableEntry.value.kind === 'map' ? cashableEntry.value : (cashableEntry?.value ?? node);
      const path = cashableEntry ? [...base, 'cashable'] : [...base, 'cashable'];
      this.problem(
        at,
        path,
        `${who}: \`cashable\` has no share for ${missing.map((s) => `\`${s}\``).join(', ')}, which ${missing.length === 1 ? 'has' : 'have'} an avoided cost`,
        `Give the cashable share (0 to 1) of every silo in avoided_cost_per_success, e.g. \`cashable: {${missing.map((s) => `${s}: 0.5`).join(', ')}}\`.`,
      );
    }
    for (const [silo, e] of cashableKeys) {
      if (avoidedKeys.has(silo)) continue;
      ok = false;
      const guess = suggest(e.key, [...avoidedKeys.values()].map((a) => a.key).filter((k) => !cashableKeys.has(normaliseSilo(k))));
      this.problem(
        e,
        [...base, 'cashable', e.key],
        `${who}: \`cashable\` has a share for \`${e.key}\`, which has no avoided cost`,
        guess ? `Did you mean \`${guess}\`?` : `Give \`${e.key}\` an avoided cost in avoided_cost_per_success, or remove it from cashable.`,
        true,
      );
    }

    const explicitOb = values.optimismBias as D | undefined;
    let optimismBias = ZERO;
    let optimismBiasSource: Intervention['optimismBiasSource'] = 'none';
    if (obEntry) {
      optimismBias = explicitOb ?? ZERO;
      optimismBiasSource = 'explicit';
    } else if (confidence !== undefined) {
      optimismBias = table.get(confidence) ?? ZERO;
      optimismBiasSource = 'confidence';
    }
    if (!ok || name === undefined) return undefined;
    if (optimismBiasSource === 'none') this.warnings.push(noOptimismBiasWarning(name, this.loc(node, base), dottedPath(base)));
    const dw = get('deadweight');
    if ((values.deadweight as D).isZero()) this.warnings.push(zeroDeadweightWarning(name, dw !== undefined, this.loc(dw?.value ?? node, dw ? [...base, 'deadweight'] : base), dottedPath(base)));
    const k = { ...values, name, optimismBias, optimismBiasSource, avoidedCost: avoided, cashable } as unknown as Intervention;
    if (confidence === undefined) delete k.confidence;
    return k;
  }
}

/** The silo keys written in a map (normalised -> first entry), whatever their values. */
function silosWritten(node: DocNode | undefined): Map<string, DocEntry> {
  const out = new Map<string, DocEntry>();
  if (node?.kind !== 'map') return out;
  for (const e of node.entries) {
    const s = normaliseSilo(e.key);
    if (!out.has(s)) out.set(s, e);
  }
  return out;
}

function isNull(node: DocNode): boolean {
  return node.kind === 'scalar' && node.value === null && !node.quoted;
}

/** The fields that are maps of numbers (by silo or by grade), by their own name: `growth`, `funding`, `cashable`... */
const SILO_MAPS = new Set(FIELDS.filter((f) => f.shape === 'silos' || f.shape === 'grades').map((f) => f.key.slice(f.key.lastIndexOf('.') + 1)));

/** The field a path ends in, as a message names it: `success_rate`, `growth.health`, `cashable.health`. */
function lastName(path: readonly PathSeg[]): string {
  const parent = path[path.length - 2];
  const last = path[path.length - 1];
  if (typeof parent === 'string' && typeof last === 'string' && SILO_MAPS.has(parent)) return `${parent}.${last}`;
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string' && !/^\d+$/.test(path[i] as string)) return path[i] as string;
  return String(path[path.length - 1] ?? '');
}
