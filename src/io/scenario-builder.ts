// The scenario reader: a document's fields, sections and interventions read into a typed Scenario, with the
// rules across fields (shares that add up to 1, a cashable share for every avoided cost, `confidence` or
// `optimism_bias`) beside the reading, and the warnings a scenario gives. Values set later by --param, a sweep
// or tornado are checked by the same schema entries (src/model/params.ts).
import { D, ZERO, ONE, sum } from '../decimal.js';
import { InputError, suggest } from '../errors.js';
import type { DiscountSpec, Funder, Intervention, Partner, Scenario, SettlementRule } from '../model/types.js';
import {
  INTERVENTION_FIELDS,
  fieldDef,
  isEvidenceGrade,
  isNumeric,
  keysUnder,
  noDisplacementWarning,
  noOptimismBiasWarning,
  zeroDeadweightWarning,
  type FieldDef,
} from '../model/schema.js';
import { isValidSilo, normaliseSilo } from '../model/silo.js';
import {
  describeNode,
  dottedPath,
  scalarDecimal,
  type DocEntry,
  type DocNode,
  type PathSeg,
} from './document.js';
import { ValueReader, isNull } from './scenario-values.js';

const TOP_LEVEL_KEYS = keysUnder('');
const INTERVENTION_KEYS = keysUnder('interventions');
const field = (key: string): FieldDef => {
  const f = fieldDef(key);
  if (!f) throw new Error(`the scenario schema has no field ${key}`);
  return f;
};
const SETTLEMENTS = field('settlement').choices as readonly SettlementRule[];
const DISCOUNTS = field('discount').choices!;

/** The default optimism bias table: evidence grade 1 (strong) .. 6 (weak), from the schema's default. */
export const DEFAULT_OPTIMISM_BIAS_TABLE: ReadonlyMap<number, D> = new Map(
  Object.entries(field('optimism_bias_table').default as Record<string, number>).map(([g, v]) => [Number(g), new D(String(v))]),
);


export class ScenarioBuilder extends ValueReader {
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
    const baseYear = this.year(get('base_year'), 'base_year');
    const priceBase = this.year(get('price_base'), 'price_base');
    this.priceBase = priceBase !== undefined ? { year: priceBase, node: get('price_base')!.value, written: true } : { year: baseYear, node: get('base_year')?.value, written: false };
    const files = { deflators: this.optionalText(get('deflators'), 'deflators'), unitCosts: this.optionalText(get('unit_costs'), 'unit_costs') };
    const horizon = this.integer(get('horizon')?.value, ['horizon']) ?? 10;
    const discount = this.discount(get('discount'));
    const growth = this.growth(get('growth'));
    const pool = this.siloMap(get('pool')?.value, ['pool'], (n, p) => this.number(n, p));
    const investment = this.investment(get('investment'));
    const integration = this.integration(get('integration'));
    const optimismBiasTable = this.optimismBiasTable(get('optimism_bias_table'));
    const settlement = this.settlement(get('settlement'));
    const interventions = this.interventions(get('interventions'), optimismBiasTable);
    const funders = this.funders(get('funders'), get('interventions'));
    const partners = this.partners(get('partners'), funders);
    const envelope = get('envelope') && !isNull(get('envelope')!.value) ? this.ratesBySilo(get('envelope'), 'envelope') : undefined;

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
      funders,
      partners,
      uncertain: this.uncertain,
      source: doc.source,
      locate: (path: string) => doc.locate(path),
      warnings: [...doc.warnings, ...this.warnings],
    };
    if (description !== undefined) scenario.description = description;
    if (places !== undefined) scenario.places = places;
    if (baseYear !== undefined) scenario.baseYear = baseYear;
    if (priceBase !== undefined) scenario.priceBase = priceBase;
    if (files.deflators !== undefined) scenario.deflators = files.deflators;
    if (files.unitCosts !== undefined) scenario.unitCosts = files.unitCosts;
    const { index, library } = this.money ?? {};
    // the library when named; the deflators when named, or when a value was converted with them
    const inputs = [...(library ? [library.source] : []), ...(index?.source && (this.converted || files.deflators !== undefined) ? [index.source] : [])];
    if (inputs.length) scenario.inputs = inputs;
    if (this.converted && index) scenario.prices = { deflators: index.name, ...(index.note ? { note: index.note } : {}) };
    if (envelope !== undefined) scenario.envelope = envelope;
    return scenario;
  }

  // ---- structure

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

  /** `base_year` or `price_base`: a financial year, `2025` or `2025/26`. */
  private year(entry: DocEntry | undefined, key: 'base_year' | 'price_base'): number | undefined {
    if (!entry) return undefined;
    return this.financialYear(entry.value, [key], field(key), (v) => this.integer(v, [key]));
  }

  private optionalText(entry: DocEntry | undefined, key: string): string | undefined {
    return entry && !isNull(entry.value) ? this.text(entry.value, [key], true) : undefined;
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

  private growth(entry: DocEntry | undefined): Scenario['growth'] {
    return this.ratesBySilo(entry, 'growth');
  }

  /** Rates by silo with a `default` for the others (`growth`, `envelope`). */
  private ratesBySilo(entry: DocEntry | undefined, key: 'growth' | 'envelope'): { default: D; bySilo: Map<string, D> } {
    let def = ZERO;
    const bySilo = new Map<string, D>();
    const all = this.siloMap(entry?.value, [key], (n, shown, canonical) => this.number(n, shown, { canonical, label: dottedPath(canonical) }));
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

  // ---- outside money and organisations

  /** The funders: names unique, grants by year, outcome payments by intervention name (docs/method.md, "Funders and partners"). */
  private funders(entry: DocEntry | undefined, interventionsEntry: DocEntry | undefined): Funder[] {
    if (!entry || isNull(entry.value)) return [];
    const v = entry.value;
    if (v.kind !== 'seq') {
      this.problem(v, ['funders'], `\`funders\` must be a list, but it is ${describeNode(v)}`, 'Write each funder as an item starting with `- name: ...`.');
      return [];
    }
    // intervention names as written (trimmed), by index, for outcome payments
    const ks = interventionsEntry?.value.kind === 'seq' ? interventionsEntry.value.items : [];
    const names = ks.map((item) => {
      const n = item.kind === 'map' ? item.entries.find((e) => e.key === 'name')?.value : undefined;
      return n?.kind === 'scalar' && n.value !== null ? n.text.trim() : undefined;
    });
    const out: Funder[] = [];
    const seen = new Map<string, { i: number; line: number }>();
    v.items.forEach((item, i) => {
      const base: PathSeg[] = ['funders', i];
      if (item.kind !== 'map') {
        this.problem(item, base, `a funder must be a map of fields, but it is ${describeNode(item)}`, 'Write it as `- name: ...` followed by `grant: [...]` or `outcome_payment: {...}`, indented.');
        return;
      }
      this.unknownKeys(item, base, keysUnder('funders'), 'funder field');
      const get = (k: string): DocEntry | undefined => item.entries.find((e) => e.key === k);
      const nameEntry = get('name');
      let name: string | undefined;
      if (!nameEntry) this.problem(item, [...base, 'name'], `funders[${i}] has no \`name\``, 'Add `name: ...` to the funder; names must be unique.');
      else name = this.text(nameEntry.value, [...base, 'name'], true);
      if (name !== undefined) {
        const first = seen.get(name);
        if (first !== undefined) this.problem(nameEntry!.value, [...base, 'name'], `two funders are called \`${name}\` (the first is funders[${first.i}], line ${first.line})`, 'Give each funder its own name: it heads its rows in every table.');
        else seen.set(name, { i, line: nameEntry!.value.line });
      }
      const who = name ?? `funders[${i}]`;
      const before = this.problems.size;
      const grant = this.numberList(get('grant'), [...base, 'grant'], false) ?? [];
      const outcomePayment = new Map<number, D>();
      const opEntry = get('outcome_payment');
      const op = this.map(opEntry?.value, [...base, 'outcome_payment'], '`outcome_payment: {Family intervention: 800}`');
      for (const e of op?.entries ?? []) {
        const k = names.indexOf(e.key.trim());
        if (k < 0) {
          const guess = suggest(e.key.trim(), names.filter((n): n is string => n !== undefined));
          this.problem(
            e,
            [...base, 'outcome_payment', e.key],
            `${who}: \`outcome_payment\` names \`${e.key.trim()}\`, which is not an intervention of the scenario`,
            guess ? `Did you mean \`${guess}\`?` : `Name an intervention of \`interventions\`${names.length ? ` (${names.filter(Boolean).join(', ')})` : ''}.`,
            true,
          );
          continue;
        }
        if (outcomePayment.has(k)) {
          this.problem(e, [...base, 'outcome_payment', e.key], `${who}: \`outcome_payment\` names \`${e.key.trim()}\` twice`, 'Give each intervention one payment.', true);
          continue;
        }
        const value = this.number(e.value, [...base, 'outcome_payment', e.key], { canonical: [...base, 'outcome_payment', k], label: `${who}: outcome_payment.${e.key.trim()}` });
        if (value !== undefined) outcomePayment.set(k, value);
      }
      const basisEntry = get('basis');
      let basis: Funder['basis'] = 'gross';
      if (basisEntry) {
        const t = basisEntry.value.kind === 'scalar' ? basisEntry.value.text.trim() : '';
        if (t === 'gross' || t === 'net') basis = t;
        else this.problem(basisEntry.value, [...base, 'basis'], `\`basis\` is ${describeNode(basisEntry.value)}`, field('funders.basis').hint);
      }
      if (name !== undefined && this.problems.size === before) out.push({ name, grant, outcomePayment, basis });
    });
    return out;
  }

  /** The partners: each a name and the silos it holds, no silo in two (docs/method.md, "Funders and partners"). */
  private partners(entry: DocEntry | undefined, funders: readonly Funder[]): Partner[] {
    const map = this.map(entry?.value, ['partners'], '`partners: {Lambeth Council: [social_care, childcare], NHS: [health]}`');
    if (!map) return [];
    const out: Partner[] = [];
    const owner = new Map<string, { name: string; line: number }>();
    const funderNames = new Set(funders.map((f) => f.name));
    for (const e of map.entries) {
      const name = e.key.trim();
      const path: PathSeg[] = ['partners', e.key];
      if (name === '') {
        this.problem(e, path, 'a partner has an empty name', 'Give each partner the name of the organisation.', true);
        continue;
      }
      if (funderNames.has(name)) {
        this.problem(e, path, `\`${name}\` is both a funder and a partner`, 'Give the partner and the funder different names: each heads its own rows in the settlement and the yearly table.', true);
        continue;
      }
      const v = e.value;
      const items = v.kind === 'seq' ? v.items : v.kind === 'scalar' && v.value !== null ? [v] : undefined;
      if (!items || items.length === 0) {
        this.problem(v, path, `the partner \`${name}\` must name its silos as a list, but it is ${describeNode(v)}`, `Write it as \`${name}: [social_care, childcare]\`.`);
        continue;
      }
      const silos: string[] = [];
      items.forEach((item, j) => {
        const at: PathSeg[] = v.kind === 'seq' ? [...path, j] : path;
        const t = this.text(item, at, true);
        if (t === undefined) return;
        const silo = normaliseSilo(t);
        if (!isValidSilo(silo)) {
          this.problem(item, at, `\`${t}\` is not a silo name`, 'A silo name starts with a letter, then letters, digits, spaces, hyphens or `_` (e.g. `social_care`).');
          return;
        }
        const other = owner.get(silo);
        if (other !== undefined) {
          this.problem(item, at, `the silo \`${silo}\` is in two partners, \`${other.name}\` (line ${other.line}) and \`${name}\``, 'A silo belongs to one partner at most: take it out of one of them.');
          return;
        }
        owner.set(silo, { name, line: item.line });
        silos.push(silo);
      });
      out.push({ name, silos });
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

    // The maps by silo (avoided cost, cashable and transfer shares), each value read by its schema entry.
    const before = this.problems.size;
    const maps: Record<string, Map<string, D>> = {};
    for (const [key, f] of Object.entries(INTERVENTION_FIELDS) as [string, FieldDef][]) {
      if (f.shape !== 'silos') continue;
      maps[f.prop!] = this.siloMap(get(key)?.value, [...base, key], (n, shown, canonical) => this.number(n, shown, { canonical, label: `${who}: ${key}.${String(canonical[canonical.length - 1])}` }));
    }
    if (this.problems.size !== before) ok = false;
    // Every silo with an avoided cost needs a cashable share; a cashable or transfer share needs an avoided cost.
    const avoidedKeys = silosWritten(get('avoided_cost_per_success')?.value);
    const cashableEntry = get('cashable');
    const cashableKeys = silosWritten(cashableEntry?.value);
    const missing = [...avoidedKeys.keys()].filter((s) => !cashableKeys.has(s));
    if (missing.length) {
      ok = false;
      this.problem(
        cashableEntry?.value ?? node,
        [...base, 'cashable'],
        `${who}: \`cashable\` has no share for ${missing.map((s) => `\`${s}\``).join(', ')}, which ${missing.length === 1 ? 'has' : 'have'} an avoided cost`,
        `Give the cashable share (0 to 1) of every silo in avoided_cost_per_success, e.g. \`cashable: {${missing.map((s) => `${s}: 0.5`).join(', ')}}\`.`,
      );
    }
    for (const key of ['cashable', 'transfer']) {
      const keys = silosWritten(get(key)?.value);
      for (const [silo, e] of keys) {
        if (avoidedKeys.has(silo)) continue;
        ok = false;
        const guess = suggest(e.key, [...avoidedKeys.values()].map((a) => a.key).filter((k) => !keys.has(normaliseSilo(k))));
        this.problem(
          e,
          [...base, key, e.key],
          `${who}: \`${key}\` has a share for \`${e.key}\`, which has no avoided cost`,
          guess ? `Did you mean \`${guess}\`?` : `Give \`${e.key}\` an avoided cost in avoided_cost_per_success, or remove it from ${key}.`,
          true,
        );
      }
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
    if (!(values.economicValue as D).isZero() && !get('displacement')) this.warnings.push(noDisplacementWarning(name, this.loc(get('economic_value_per_success')!.value, [...base, 'economic_value_per_success']), dottedPath(base)));
    const k = { ...values, ...maps, name, optimismBias, optimismBiasSource } as unknown as Intervention;
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
