// Scenario files (METHOD.md 1.2): every field with its default and valid range, checked in one pass that
// collects every problem with its path and file:line:column. The same validator serves a file as written and a
// document changed by --param or a batch sweep (src/io/scenario-paths.ts), so both obey the same rules.
import { D, ZERO, ONE, sum } from '../decimal.js';
import { InputError, ProblemList, suggest, type Location, type Warning } from '../errors.js';
import type { DiscountSpec, Distribution, InputSource, Intervention, Scenario, SettlementRule, UncertainParam } from '../model/types.js';
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

// ---------------------------------------------------------------------------------------------------------
// Valid ranges, by field kind. Shared with src/io/scenario-paths.ts (breakeven bounds, sweeps).

export interface NumSpec {
  min: D;
  max: D | null;
  /** the maximum itself is not allowed (a discount rate below 1) */
  maxExclusive?: boolean;
  integer?: boolean;
  /** may be written as a distribution (METHOD.md 1.2 "Uncertain values") */
  uncertain?: boolean;
  /**
   * How the field holds its numbers when not as one: `silos`, a map by silo (`growth: {health: 0.02}`); `list`,
   * one value a year, or one number for every year (`shift: [0.01, 0.02]`); `grades`, a map by evidence grade
   * (`optimism_bias_table: {5: 0.30}`). Absent: a single number. Parameter paths (src/io/scenario-paths.ts)
   * follow this shape: `growth.health`, `investment.shift.1`, `optimism_bias_table.5`.
   */
  shape?: 'silos' | 'list' | 'grades';
  /** how to mend a bad value */
  hint: string;
}

const d = (s: string): D => new D(s);
const SHARE_HINT = 'Write a share between 0 and 1: 0.3 means 30%.';

/** Keys: a top-level field (`horizon`), `section.field` (`investment.reinvest`), or `interventions.FIELD`. */
export const NUMERIC_FIELDS: Readonly<Record<string, NumSpec>> = {
  horizon: { min: d('1'), max: d('100'), integer: true, hint: 'Give the number of years to model, e.g. `horizon: 10`.' },
  base_year: { min: d('1000'), max: d('9998'), integer: true, hint: 'Write the starting calendar year of a financial year: `2025` or `2025/26`.' },
  discount: { min: d('0'), max: d('1'), maxExclusive: true, hint: 'Write `green-book`, `green-book-health`, or a constant rate such as 0.035.' },
  growth: { min: d('-0.5'), max: d('1'), uncertain: true, shape: 'silos', hint: 'Write a real annual growth rate between -0.5 and 1: 0.02 means 2% a year.' },
  pool: { min: d('0'), max: d('1'), shape: 'silos', hint: SHARE_HINT },
  'investment.shift': { min: d('0'), max: d('1'), uncertain: true, shape: 'list', hint: 'Write the share of pooled reactive spend moved to prevention, between 0 and 1.' },
  'investment.fixed': { min: d('0'), max: null, shape: 'list', hint: 'Write an amount in pounds, 0 or more.' },
  'investment.reinvest': { min: d('0'), max: d('1'), uncertain: true, hint: SHARE_HINT },
  'investment.funding': { min: d('0'), max: d('1'), shape: 'silos', hint: 'Give each silo its share of the funding; the shares must add up to exactly 1.' },
  'integration.efficiency': { min: d('0'), max: d('1'), uncertain: true, hint: SHARE_HINT },
  'integration.ramp_years': { min: d('1'), max: null, integer: true, hint: 'Write the whole number of years to reach full effect, 1 or more.' },
  'integration.transition_costs': { min: d('0'), max: null, shape: 'list', hint: 'Write an amount in pounds, 0 or more.' },
  optimism_bias_table: { min: d('0'), max: d('1'), shape: 'grades', hint: 'Write an optimism bias between 0 and 1: 0.25 means 25%.' },
  'interventions.share': { min: d('0'), max: d('1'), hint: "Write the intervention's share of each year's investment, between 0 and 1." },
  'interventions.cost_per_participant': { min: d('0.01'), max: null, uncertain: true, hint: 'Write the cost per participant in pounds, at least 0.01.' },
  'interventions.cost_optimism_bias': { min: d('0'), max: d('10'), uncertain: true, hint: 'Write the uplift to the cost, between 0 and 10: 0.2 means +20%.' },
  'interventions.success_rate': { min: d('0'), max: d('1'), uncertain: true, hint: SHARE_HINT },
  'interventions.deadweight': { min: d('0'), max: d('1'), uncertain: true, hint: SHARE_HINT },
  'interventions.attribution': { min: d('0'), max: d('1'), uncertain: true, hint: SHARE_HINT },
  'interventions.optimism_bias': { min: d('0'), max: d('1'), uncertain: true, hint: 'Write an optimism bias between 0 and 1: 0.1 means 10%.' },
  'interventions.drop_off': { min: d('0'), max: d('1'), uncertain: true, hint: SHARE_HINT },
  'interventions.confidence': { min: d('1'), max: d('6'), integer: true, hint: 'Write the evidence grade, a whole number from 1 (strong) to 6 (weak).' },
  'interventions.lag': { min: d('0'), max: d('99'), integer: true, hint: 'Write the whole number of years before the first benefit, 0 to 99.' },
  'interventions.duration': { min: d('1'), max: d('100'), integer: true, hint: 'Write the whole number of years the benefit lasts, 1 to 100.' },
  'interventions.avoided_cost_per_success': { min: d('0'), max: null, uncertain: true, shape: 'silos', hint: 'Write the pounds a year avoided per net success, 0 or more.' },
  'interventions.cashable': { min: d('0'), max: d('1'), uncertain: true, shape: 'silos', hint: 'Write the cashable share of the avoided cost, between 0 and 1.' },
};

/** The fields that may be written as a distribution, as METHOD.md lists them. */
export const UNCERTAIN_FIELDS: readonly string[] = Object.entries(NUMERIC_FIELDS)
  .filter(([, s]) => s.uncertain)
  .map(([k]) => k);

/** The default optimism bias table (METHOD.md 1.2): evidence grade 1 (strong) .. 6 (weak). */
export const DEFAULT_OPTIMISM_BIAS_TABLE: ReadonlyMap<number, D> = new Map([
  [1, d('0')],
  [2, d('0.05')],
  [3, d('0.10')],
  [4, d('0.15')],
  [5, d('0.25')],
  [6, d('0.40')],
]);

/** Whether a key of `optimism_bias_table` names an evidence grade (`1` to `6`, as written: not `01` or `5.0`). */
export function isEvidenceGrade(key: string): boolean {
  return /^\d$/.test(key) && DEFAULT_OPTIMISM_BIAS_TABLE.has(Number(key));
}

export const TOP_LEVEL_KEYS = [
  'name',
  'description',
  'places',
  'combine',
  'base_year',
  'horizon',
  'discount',
  'growth',
  'pool',
  'investment',
  'integration',
  'optimism_bias_table',
  'settlement',
  'interventions',
] as const;
export const INVESTMENT_KEYS = ['shift', 'fixed', 'reinvest', 'funding'] as const;
export const INTEGRATION_KEYS = ['efficiency', 'ramp_years', 'transition_costs'] as const;
/** The sections whose fields are keyed `section.field` in NUMERIC_FIELDS, with their fields. */
export const SECTION_KEYS: Readonly<Record<'investment' | 'integration', readonly string[]>> = { investment: INVESTMENT_KEYS, integration: INTEGRATION_KEYS };

/** Whether `key` is a section of SECTION_KEYS (`investment`, `integration`). */
export function isSection(key: unknown): key is keyof typeof SECTION_KEYS {
  return typeof key === 'string' && Object.hasOwn(SECTION_KEYS, key);
}

export const INTERVENTION_KEYS = [
  'name',
  'share',
  'cost_per_participant',
  'cost_optimism_bias',
  'success_rate',
  'deadweight',
  'attribution',
  'confidence',
  'optimism_bias',
  'lag',
  'duration',
  'drop_off',
  'avoided_cost_per_success',
  'cashable',
] as const;
const SETTLEMENTS: readonly SettlementRule[] = ['none', 'proportional', 'no-worse-off'];
const DISCOUNTS = ['green-book', 'green-book-health'] as const;
const DIST_KINDS = ['triangular', 'pert', 'uniform', 'normal'] as const;
type DistKind = (typeof DIST_KINDS)[number];
const DIST_ARITY: Record<DistKind, number> = { triangular: 3, pert: 3, uniform: 2, normal: 2 };
const DIST_FORM: Record<DistKind, string> = {
  triangular: '{triangular: [low, mode, high]}',
  pert: '{pert: [low, mode, high]}',
  uniform: '{uniform: [low, high]}',
  normal: '{normal: [mean, sd]}',
};

/** A valid range in words: `between 0 and 1`, `0.01 or more`, `a whole number from 1 to 100`. */
export function describeRange(spec: NumSpec): string {
  const lo = spec.min.toString();
  const hi = spec.max?.toString();
  if (spec.integer) return hi === undefined ? `a whole number, ${lo} or more` : `a whole number from ${lo} to ${hi}`;
  if (hi === undefined) return `${lo} or more`;
  if (spec.maxExclusive) return `${lo} or more and below ${hi}`;
  return `between ${lo} and ${hi}`;
}

export function inRange(value: D, spec: NumSpec): boolean {
  if (value.lessThan(spec.min)) return false;
  if (spec.max && (spec.maxExclusive ? value.greaterThanOrEqualTo(spec.max) : value.greaterThan(spec.max))) return false;
  return true;
}

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

/** A field key for NUMERIC_FIELDS from a path: `interventions.3.lag` -> `interventions.lag`. */
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
        const spec = NUMERIC_FIELDS.base_year!;
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
      this.problem(v, ['discount'], `\`discount\` is ${describeNode(v)}`, guess ? `Did you mean \`${guess}\`? ${NUMERIC_FIELDS.discount!.hint}` : NUMERIC_FIELDS.discount!.hint);
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
    const spec = NUMERIC_FIELDS[specKey(path)];
    if (!spec) throw new Error(`no range for ${dottedPath(path)}`);
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
    if (spec.integer && !value.isInteger()) {
      this.problem(node, path, `\`${field}\` is ${node.kind === 'scalar' ? node.text : value.toString()}, but it must be a whole number`, spec.hint);
      return undefined;
    }
    if (!inRange(value, spec)) {
      this.problem(node, path, `\`${field}\` is ${node.kind === 'scalar' ? node.text : value.toString()}, outside its valid range: ${describeRange(spec)}`, spec.hint);
      return undefined;
    }
    return value;
  }

  private integer(node: DocNode | undefined, path: readonly PathSeg[]): number | undefined {
    const v = this.number(node, path);
    return v === undefined ? undefined : v.toNumber();
  }

  private distribution(node: DocMap, path: readonly PathSeg[], spec: NumSpec, options: NumberOptions): D | undefined {
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
      min: spec.min,
      max: spec.max,
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
    this.unknownKeys(map, ['investment'], INVESTMENT_KEYS, 'investment field');
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
    this.unknownKeys(map, ['integration'], INTEGRATION_KEYS, 'integration field');
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
    const num = (field: string, fallback: D | undefined): D | undefined => {
      const e = get(field);
      if (!e) return fallback;
      const v = this.number(e.value, [...base, field], { label: `${who}: ${field}` });
      if (v === undefined) ok = false;
      return v;
    };
    const int = (field: string, fallback: number | undefined): number | undefined => {
      const e = get(field);
      if (!e) return fallback;
      const v = this.integer(e.value, [...base, field]);
      if (v === undefined) ok = false;
      return v;
    };
    const share = num('share', ONE);
    const cost = num('cost_per_participant', undefined);
    if (!get('cost_per_participant')) {
      this.problem(node, [...base, 'cost_per_participant'], `${who} has no \`cost_per_participant\``, 'Add the cost per participant in pounds, e.g. `cost_per_participant: 5214`.');
      ok = false;
    }
    const costOb = num('cost_optimism_bias', ZERO);
    const successRate = num('success_rate', ZERO);
    const deadweight = num('deadweight', ZERO);
    const attribution = num('attribution', ONE);
    const explicitOb = num('optimism_bias', undefined);
    const confidence = int('confidence', undefined);
    const lag = int('lag', 0);
    const duration = int('duration', 1);
    const dropOff = num('drop_off', ZERO);
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

    let optimismBias = ZERO;
    let optimismBiasSource: Intervention['optimismBiasSource'] = 'none';
    if (obEntry) {
      optimismBias = explicitOb ?? ZERO;
      optimismBiasSource = 'explicit';
    } else if (confidence !== undefined) {
      optimismBias = table.get(confidence) ?? ZERO;
      optimismBiasSource = 'confidence';
    }
    if (!ok || name === undefined || share === undefined || cost === undefined) return undefined;
    if (optimismBiasSource === 'none') {
      this.warnings.push({
        code: 'no-optimism-bias',
        message: `${name} has neither \`confidence\` nor \`optimism_bias\`: its outcomes are not adjusted for optimism bias (taken as 0). Give its evidence grade, e.g. \`confidence: 3\`.`,
        loc: this.loc(node, base),
      });
    }
    if (deadweight!.isZero()) {
      const dw = get('deadweight');
      this.warnings.push({
        code: 'zero-deadweight',
        message: `${name} has deadweight 0${dw ? '' : ' (the default)'}: savings without a counterfactual are overstated. Give the share who would have achieved the outcome anyway.`,
        loc: this.loc(dw?.value ?? node, dw ? [...base, 'deadweight'] : base),
      });
    }
    const k: Intervention = {
      name,
      share,
      costPerParticipant: cost,
      costOptimismBias: costOb!,
      successRate: successRate!,
      deadweight: deadweight!,
      attribution: attribution!,
      optimismBias,
      optimismBiasSource,
      lag: lag!,
      duration: duration!,
      dropOff: dropOff!,
      avoidedCost: avoided,
      cashable,
    };
    if (confidence !== undefined) k.confidence = confidence;
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
const SILO_MAPS = new Set(
  Object.entries(NUMERIC_FIELDS)
    .filter(([, s]) => s.shape === 'silos' || s.shape === 'grades')
    .map(([k]) => k.slice(k.lastIndexOf('.') + 1)),
);

/** The field a path ends in, as a message names it: `success_rate`, `growth.health`, `cashable.health`. */
function lastName(path: readonly PathSeg[]): string {
  const parent = path[path.length - 2];
  const last = path[path.length - 1];
  if (typeof parent === 'string' && typeof last === 'string' && SILO_MAPS.has(parent)) return `${parent}.${last}`;
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string' && !/^\d+$/.test(path[i] as string)) return path[i] as string;
  return String(path[path.length - 1] ?? '');
}
