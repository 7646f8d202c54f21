// A batch manifest (docs/ci.md, "The manifest"), read from YAML or JSON and checked in one pass that
// collects every problem with its file:line:column and path, like a scenario. This module only reads the
// document's shape; src/batch/plan.ts opens the files it names and checks the sweep paths against them.
import { D } from '../decimal.js';
import { InputError, ProblemList, suggest, type Location } from '../errors.js';
import type { InputSource } from '../model/types.js';
import { describeNode, scalarDecimal, type DocEntry, type DocMap, type DocNode, type ParsedDocument, type PathSeg } from '../io/document.js';
import { MAX_SEED } from '../uncertainty/rng.js';
import { ExpressionProblem, parseCondition, parseTarget, type Expectation } from './expect.js';

export const MANIFEST_KEYS = ['budgets', 'scenarios', 'places', 'sweep', 'simulate', 'expect'] as const;
export const SIMULATE_KEYS = ['draws', 'seed'] as const;
/** The most draws a batch may simulate for each run. */
export const MAX_DRAWS = 1_000_000;

export interface Located<T> {
  value: T;
  loc: Location;
}

export interface SweepKey {
  /** the path as written in the manifest (the runs.csv column name) */
  path: string;
  loc: Location;
  values: Located<D>[];
}

export interface LocatedExpectation extends Expectation {
  loc: Location;
}

export interface ManifestSpec {
  source: InputSource;
  budgets: Located<string>;
  scenarios: Located<string>[];
  places?: Located<string>[];
  sweep: SweepKey[];
  simulate?: { draws: number; seed: number; loc: Location };
  expect: LocatedExpectation[];
}

const EXAMPLE = [
  'budgets: budgets.csv',
  'scenarios: [scenarios/a.yaml, scenarios/b.yaml]',
  'places: [Lambeth, Southwark]        # optional',
  'sweep: {investment.reinvest: [0, 0.5]}   # optional',
  'expect: {npv_cashable: ">= 0"}     # optional',
].join('\n    ');

/** Check a parsed manifest's shape; throws one InputError (exit 65) listing every problem. */
export function parseManifest(doc: ParsedDocument): ManifestSpec {
  return new ManifestReader(doc).read();
}

function isNull(node: DocNode): boolean {
  return node.kind === 'scalar' && node.value === null;
}

class ManifestReader {
  private readonly problems = new ProblemList();
  constructor(private readonly doc: ParsedDocument) {}

  private at(node: { line: number; column: number } | undefined, path: readonly PathSeg[]): Location {
    return this.doc.nodeLoc(node, path);
  }

  private problem(node: { line: number; column: number } | undefined, path: readonly PathSeg[], message: string, hint?: string): void {
    this.problems.add({ message, loc: this.at(node, path), ...(hint ? { hint } : {}) });
  }

  read(): ManifestSpec {
    const root = this.doc.root;
    const file = this.doc.source.name;
    if (root === null || isNull(root)) {
      throw new InputError({ message: 'the manifest is empty', loc: { file, line: 1, column: 1 }, hint: `A manifest names the budgets and the scenarios to run, e.g.\n    ${EXAMPLE}` });
    }
    if (root.kind !== 'map') {
      throw new InputError({
        message: `a manifest must be a map of fields (\`budgets: ...\`, \`scenarios: ...\`), but this file holds ${describeNode(root)}`,
        loc: { file, line: root.line, column: root.column },
        hint: `Write each field on its own line, e.g.\n    ${EXAMPLE}`,
      });
    }
    for (const e of root.entries) {
      if ((MANIFEST_KEYS as readonly string[]).includes(e.key)) continue;
      const guess = suggest(e.key, MANIFEST_KEYS);
      this.problems.add({
        message: `unknown manifest field \`${e.key}\``,
        loc: this.doc.keyLoc(e, [e.key]),
        hint: guess ? `Did you mean \`${guess}\`?` : `The manifest's fields are: ${MANIFEST_KEYS.join(', ')}.`,
      });
    }
    const get = (key: string): DocEntry | undefined => root.entries.find((e) => e.key === key);

    const budgetsEntry = get('budgets');
    let budgets: Located<string> | undefined;
    if (!budgetsEntry) this.problem(root, ['budgets'], 'the manifest has no `budgets`', 'Add `budgets: budgets.csv` (a path relative to the manifest).');
    else budgets = this.path(budgetsEntry.value, ['budgets'], 'budgets file');

    const scenariosEntry = get('scenarios');
    let scenarios: Located<string>[] = [];
    if (!scenariosEntry) this.problem(root, ['scenarios'], 'the manifest has no `scenarios`', 'Add `scenarios: [scenarios/a.yaml]` (paths relative to the manifest).');
    else scenarios = this.list(scenariosEntry.value, ['scenarios'], 'scenario file', (n, p) => this.path(n, p, 'scenario file'));

    const placesEntry = get('places');
    const places = placesEntry && !isNull(placesEntry.value) ? this.list(placesEntry.value, ['places'], 'place', (n, p) => this.placeName(n, p)) : undefined;
    if (places) this.duplicates(places, 'place');

    const simulateEntry = get('simulate');
    const simulate = simulateEntry && !isNull(simulateEntry.value) ? this.simulate(simulateEntry.value) : undefined;

    const sweepEntry = get('sweep');
    const sweep = sweepEntry && !isNull(sweepEntry.value) ? this.sweep(sweepEntry.value) : [];

    const expectEntry = get('expect');
    const expect = expectEntry && !isNull(expectEntry.value) ? this.expect(expectEntry.value, simulate !== undefined) : [];

    this.problems.throwIfAny(`${file}: the manifest has ${this.problems.size === 1 ? 'a problem' : `${this.problems.size} problems`}`);
    const spec: ManifestSpec = { source: this.doc.source, budgets: budgets!, scenarios, sweep, expect };
    if (places) spec.places = places;
    if (simulate) spec.simulate = simulate;
    return spec;
  }

  /** A list (or a single item, meaning a list of one); never empty. */
  private list<T>(node: DocNode, path: readonly PathSeg[], what: string, item: (n: DocNode, p: PathSeg[]) => T | undefined): T[] {
    if (node.kind === 'map') {
      this.problem(node, path, `\`${String(path[0])}\` must be a list of ${what}s, but it is a map`, `Write it as \`${String(path[0])}: [first, second]\`, or one item a line starting with \`- \`.`);
      return [];
    }
    const items = node.kind === 'seq' ? node.items : [node];
    if (items.length === 0) {
      this.problem(node, path, `\`${String(path[0])}\` is an empty list`, path[0] === 'places' ? 'Name at least one place, or leave `places` out to run every place in the budgets.' : `Name at least one ${what}.`);
      return [];
    }
    const out: T[] = [];
    items.forEach((n, i) => {
      const v = item(n, node.kind === 'seq' ? [...path, i] : [...path]);
      if (v !== undefined) out.push(v);
    });
    return out;
  }

  private text(node: DocNode, path: readonly PathSeg[], what: string): string | undefined {
    if (node.kind !== 'scalar' || node.value === null || node.text.trim() === '') {
      this.problem(node, path, `expected ${what}, but found ${describeNode(node)}`, `Write ${what} as plain text.`);
      return undefined;
    }
    return node.text.trim();
  }

  private path(node: DocNode, path: readonly PathSeg[], what: string): Located<string> | undefined {
    const t = this.text(node, path, `the path of a ${what}`);
    return t === undefined ? undefined : { value: t, loc: this.at(node, path) };
  }

  private placeName(node: DocNode, path: readonly PathSeg[]): Located<string> | undefined {
    const t = this.text(node, path, 'a place name');
    return t === undefined ? undefined : { value: t, loc: this.at(node, path) };
  }

  private duplicates(items: Located<string>[], what: string): void {
    const seen = new Set<string>();
    for (const it of items) {
      if (seen.has(it.value)) this.problems.add({ message: `the ${what} \`${it.value}\` is listed twice`, loc: it.loc, hint: `List each ${what} once.` });
      seen.add(it.value);
    }
  }

  private integer(node: DocNode | undefined, path: readonly PathSeg[], min: number, max: number, hint: string): number | undefined {
    const v = scalarDecimal(node);
    if (v === undefined || !v.isInteger() || v.lessThan(min) || v.greaterThan(max)) {
      this.problem(node, path, `\`${String(path[path.length - 1])}\` must be a whole number from ${min} to ${max}, but it is ${describeNode(node)}`, hint);
      return undefined;
    }
    return v.toNumber();
  }

  private simulate(node: DocNode): ManifestSpec['simulate'] {
    if (node.kind !== 'map') {
      this.problem(node, ['simulate'], `\`simulate\` must be a map, but it is ${describeNode(node)}`, 'Write it as `simulate: { draws: 2000, seed: 7 }`.');
      return undefined;
    }
    this.unknownIn(node, ['simulate'], SIMULATE_KEYS, 'field of `simulate`');
    const get = (key: string): DocEntry | undefined => node.entries.find((e) => e.key === key);
    const drawsEntry = get('draws');
    const seedEntry = get('seed');
    let draws: number | undefined;
    let seed: number | undefined;
    if (!drawsEntry) this.problem(node, ['simulate', 'draws'], '`simulate` has no `draws`', 'Give the number of draws for each run, e.g. `simulate: { draws: 2000, seed: 7 }`.');
    else draws = this.integer(drawsEntry.value, ['simulate', 'draws'], 1, MAX_DRAWS, 'Give the number of draws for each run, e.g. 2000.');
    if (!seedEntry) this.problem(node, ['simulate', 'seed'], '`simulate` has no `seed`', 'Give a seed so that every run (and every shard) draws the same numbers, e.g. `seed: 7`.');
    else seed = this.integer(seedEntry.value, ['simulate', 'seed'], 0, MAX_SEED, 'Give a whole number, e.g. 7.');
    return draws === undefined || seed === undefined ? undefined : { draws, seed, loc: this.at(node, ['simulate']) };
  }

  private unknownIn(map: DocMap, path: readonly PathSeg[], allowed: readonly string[], what: string): void {
    for (const e of map.entries) {
      if (allowed.includes(e.key)) continue;
      const guess = suggest(e.key, allowed);
      this.problems.add({
        message: `unknown ${what} \`${e.key}\``,
        loc: this.doc.keyLoc(e, [...path, e.key]),
        hint: guess ? `Did you mean \`${guess}\`?` : `Use: ${allowed.join(', ')}.`,
      });
    }
  }

  private sweep(node: DocNode): SweepKey[] {
    if (node.kind !== 'map') {
      this.problem(node, ['sweep'], `\`sweep\` must be a map of scenario paths to lists of values, but it is ${describeNode(node)}`, 'Write it as `sweep: { interventions.0.success_rate: [0.3, 0.4, 0.5] }`.');
      return [];
    }
    if (node.entries.length === 0) {
      this.problem(node, ['sweep'], '`sweep` is empty', 'Give at least one scenario path with its values, or leave `sweep` out.');
      return [];
    }
    const out: SweepKey[] = [];
    for (const e of node.entries) {
      const path: PathSeg[] = ['sweep', e.key];
      const keyLoc = this.doc.keyLoc(e, path);
      const v = e.value;
      const items = v.kind === 'seq' ? v.items : v.kind === 'scalar' && !isNull(v) ? [v] : [];
      if (items.length === 0) {
        this.problem(v, path, `the sweep of \`${e.key}\` has no values`, `Give a list of numbers, e.g. \`${e.key}: [0.3, 0.4, 0.5]\`.`);
        continue;
      }
      const values: Located<D>[] = [];
      // each value's canonical text (equal decimals have one: 0.10 and 1e-1 are both 0.1), so that a repeated
      // value is found in linear time, not by comparing every pair of a sweep of thousands
      const seen = new Set<string>();
      items.forEach((item, i) => {
        const p = v.kind === 'seq' ? [...path, i] : path;
        const d = scalarDecimal(item);
        if (d === undefined) {
          this.problem(item, p, `a sweep value must be a number, but it is ${describeNode(item)}`, 'Write plain numbers (no quotes, % or £): 0.3 for 30%. To compare choices such as `discount: green-book`, list one scenario file per choice.');
          return;
        }
        const key = d.isZero() ? '0' : d.toString();
        if (seen.has(key)) {
          this.problem(item, p, `the value ${d.toString()} is listed twice in the sweep of \`${e.key}\``, 'List each value once: a repeated value would repeat every run.');
          return;
        }
        seen.add(key);
        values.push({ value: d, loc: this.at(item, p) });
      });
      out.push({ path: e.key, loc: keyLoc, values });
    }
    return out;
  }

  private expect(node: DocNode, simulated: boolean): LocatedExpectation[] {
    if (node.kind !== 'map') {
      this.problem(node, ['expect'], `\`expect\` must be a map of measures to conditions, but it is ${describeNode(node)}`, 'Write it as `expect: { npv_cashable: ">= 0", payback_t: "<= 6" }`.');
      return [];
    }
    const out: LocatedExpectation[] = [];
    for (const e of node.entries) {
      const path: PathSeg[] = ['expect', e.key];
      const target = parseTarget(e.key, simulated);
      if (target instanceof ExpressionProblem) {
        this.problems.add({ message: target.message, loc: this.doc.keyLoc(e, path), hint: target.hint });
        continue;
      }
      const v = e.value;
      const items = v.kind === 'seq' ? v.items : [v];
      if (v.kind === 'map' || items.length === 0) {
        this.problem(v, path, `the expectation for \`${e.key}\` must be a condition such as ">= 0", but it is ${describeNode(v)}`, 'Write `OP NUMBER` in quotes, e.g. `npv_cashable: ">= 0"`; several as a list: `[">= 0", "<= 5000000"]`.');
        continue;
      }
      items.forEach((item, i) => {
        const p = v.kind === 'seq' ? [...path, i] : path;
        if (item.kind !== 'scalar' || item.value === null) {
          this.problem(item, p, `the expectation for \`${e.key}\` must be a condition such as ">= 0", but it is ${describeNode(item)}`, 'Write `OP NUMBER` in quotes, e.g. `">= 0"`.');
          return;
        }
        if (!item.quoted && typeof item.value === 'number') {
          this.problem(item, p, `the expectation for \`${e.key}\` is the number ${item.text}, with no comparison`, `Write the comparison too, in quotes: \`${e.key}: ">= ${item.text}"\` (operators: >= <= > < == !=).`);
          return;
        }
        const parsed = parseCondition(target, item.text);
        if (parsed instanceof ExpressionProblem) {
          this.problem(item, p, parsed.message, parsed.hint);
          return;
        }
        out.push({ ...parsed, loc: this.at(item, p) });
      });
    }
    return out;
  }
}

/** The JSON Schema (draft 2020-12) of a batch manifest, for editors (`placepool schema manifest`). */
export function manifestJsonSchema(): Record<string, unknown> {
  const text = { type: 'string', pattern: '\\S' };
  const oneOrMore = (item: Record<string, unknown>) => ({ anyOf: [item, { type: 'array', items: item, minItems: 1 }] });
  const condition = { type: 'string', pattern: '^\\s*(>=|<=|==|!=|>|<)\\s*\\S', description: 'A comparison in quotes: `">= 0"`, `"<= 6"`.' };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'placepool batch manifest',
    description: 'Many runs of placepool (scenarios x sweep points x places) with expectations, for CI. See docs/ci.md.',
    type: 'object',
    properties: {
      budgets: { ...text, description: 'The budgets file (CSV or Excel), relative to the manifest.' },
      scenarios: { ...oneOrMore(text), description: 'The scenario files, relative to the manifest.' },
      places: { ...oneOrMore(text), description: 'The places to run (default: every place in the budgets).' },
      sweep: {
        type: 'object',
        description: 'Scenario parameter paths (`integration.efficiency`, `interventions.0.success_rate`), each with the values to try; every combination is run.',
        minProperties: 1,
        additionalProperties: { type: 'array', items: { type: 'number' }, minItems: 1, uniqueItems: true },
      },
      simulate: {
        type: 'object',
        description: "Add each measure's mean and percentiles to every run.",
        properties: {
          draws: { type: 'integer', minimum: 1, maximum: MAX_DRAWS, description: 'Draws for each run.' },
          seed: { type: 'integer', minimum: 0, maximum: MAX_SEED, description: 'The seed, so that every run and shard draws the same numbers.' },
        },
        required: [...SIMULATE_KEYS],
        additionalProperties: false,
      },
      expect: {
        type: 'object',
        description: 'Conditions every run must meet, by measure (`npv_cashable: ">= 0"`); a failure makes `batch` exit 1.',
        additionalProperties: oneOrMore(condition),
      },
    },
    required: ['budgets', 'scenarios'],
    additionalProperties: false,
  };
}
