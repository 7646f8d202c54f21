// Everything a batch needs before its first run: the manifest read and checked, the budgets and scenarios it
// names read and validated, each sweep path and value checked against every scenario (through the one scenario
// validator), the places checked against the budgets, and the grid's size. Any problem stops the batch here,
// before a single run, with its location.
import { dirname, isAbsolute } from 'node:path';
import { pathFrom } from '../io/args.js';
import type { Io } from '../io-types.js';
import { FileOpenError, InputError, PlacepoolError, suggest, type Location, type Problem, type Warning } from '../errors.js';
import type { Budgets, InputSource, Scenario } from '../model/types.js';
import { parseDocument, type ParsedDocument } from '../io/document.js';
import type { MoneyContext } from '../io/scenario-money.js';
import { readInputText, resolveInput } from '../io/input.js';
import { MAX_RUNS, gridSize, sweepPoints, type GridShape } from './grid.js';
import { parseManifest, type ManifestSpec } from './manifest.js';
import { count, noun } from '../words.js';

export interface BatchScenario {
  /** the argument it was read from (relative to the working folder, or `example:NAME`) */
  arg: string;
  /** the scenario's `name` */
  name: string;
  doc: ParsedDocument;
  /** the files its money values need (unit-cost library, deflators), read */
  money?: MoneyContext;
  /** the scenario as written (sweep values are checked on it before any run) */
  scenario: Scenario;
}

export interface BatchPlan {
  manifest: ManifestSpec;
  budgetsArg: string;
  budgets: Budgets;
  scenarios: BatchScenario[];
  places: string[];
  shape: GridShape;
  total: number;
  /** the inputs' provenance: manifest, budgets, then each scenario (and the files it names) */
  inputs: InputSource[];
  warnings: Warning[];
}

/** How a manifest's relative path is given to the readers: relative to the working folder, or `example:NAME`. */
function inputArg(written: string, manifestArg: string, manifestPath: string | undefined, cwd: string): string {
  if (written === '-') return written;
  const [file, sheet] = splitSheet(written);
  if (manifestArg.startsWith('example:') && !isAbsolute(file) && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file)) return `example:${file}${sheet}`;
  return `${pathFrom(manifestPath ? dirname(manifestPath) : cwd, file, cwd)}${sheet}`;
}

function splitSheet(path: string): [string, string] {
  const m = /^(.*\.xls[xm])(#.*)$/is.exec(path);
  return m ? [m[1]!, m[2]!] : [path, ''];
}

/** Read the manifest only (for `merge`'s checks and for tests). */
export async function readManifest(arg: string, io: Io): Promise<{ spec: ManifestSpec; path: string | undefined; warnings: Warning[] }> {
  const where = resolveInput(arg, io, 'manifest');
  const { text, source, warnings } = await readInputText(arg, io, 'manifest');
  const spec = parseManifest(parseDocument(text, source));
  return { spec, path: 'path' in where ? where.path : undefined, warnings };
}

/** A located copy of a problem raised while reading a file the manifest names. */
function reLocate(err: unknown, loc: Problem['loc'], prefix: string): never {
  if (err instanceof InputError) {
    throw new InputError(
      err.problems.map((p) => ({ ...p, message: `${prefix}${p.message}`, loc: loc ?? p.loc })),
      err.problems.length > 1 ? `${prefix}${err.message}` : undefined,
    );
  }
  throw err;
}

/** Open a file the manifest names; if it cannot be opened, say where the manifest names it. */
async function opening<T>(loc: Location, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (err) {
    if (!(err instanceof FileOpenError)) throw err;
    const p = err.problems[0]!;
    throw new FileOpenError({
      message: p.message,
      loc,
      hint: `Paths in a manifest are relative to the manifest's folder.${p.hint && /^Did you mean/.test(p.hint) ? ` ${p.hint.replace(/ Check the .*$/, '')}` : ''}`,
    });
  }
}

export interface PlanOptions {
  /** called with the grid's description before the (potentially long) sweep checks */
  onGrid?: (text: string) => void;
}

export async function loadPlan(manifestArg: string, io: Io, options: PlanOptions = {}): Promise<BatchPlan> {
  const { spec, path: manifestPath, warnings } = await readManifest(manifestArg, io);
  const file = spec.source.name;

  // The grid without places is known already: refuse an impossible batch before reading any data.
  const sweepShape = { sweep: spec.sweep.map((k) => k.values.length) };
  const points = sweepPoints(sweepShape);
  const minPlaces = spec.places?.length ?? 1;
  if (spec.scenarios.length * points * minPlaces > MAX_RUNS) {
    throw tooLarge(file, spec, spec.scenarios.length * points * minPlaces, spec.places?.length);
  }

  const { readBudgets } = await import('../io/budgets.js');
  const { loadScenarioDocument, loadScenarioMoney, scenarioFromDocument } = await import('../io/scenario.js');
  const { resolveParamPath, setParam } = await import('../model/params.js');

  const budgetsArg = inputArg(spec.budgets.value, manifestArg, manifestPath, io.cwd);
  const budgets = await opening(spec.budgets.loc, () => readBudgets(budgetsArg, io));
  warnings.push(...budgets.warnings);

  const scenarios: BatchScenario[] = [];
  const names = new Map<string, string>();
  for (const s of spec.scenarios) {
    const arg = inputArg(s.value, manifestArg, manifestPath, io.cwd);
    const doc = await opening(s.loc, () => loadScenarioDocument(arg, io));
    const money = await loadScenarioMoney(doc, arg, io);
    const scenario = scenarioFromDocument(doc, money);
    warnings.push(...scenario.warnings);
    if (scenario.combine) {
      warnings.push({ code: 'batch-combine', message: `${arg} sets \`combine: true\`, which does not apply in a batch: each run models one place`, loc: s.loc });
    }
    const other = names.get(scenario.name);
    if (other !== undefined) {
      warnings.push({ code: 'batch-duplicate-name', message: `${arg} and ${other} are both named "${scenario.name}": their runs can be told apart only by run_id`, loc: s.loc });
    } else names.set(scenario.name, arg);
    scenarios.push({ arg, name: scenario.name, doc, ...(money ? { money } : {}), scenario });
  }

  // Places: as listed (checked against the budgets), else every place in order of first appearance.
  let places: string[];
  if (spec.places) {
    const problems: Problem[] = [];
    for (const p of spec.places) {
      if (budgets.places.includes(p.value)) continue;
      const near = suggest(p.value, budgets.places);
      problems.push({
        message: `the place "${p.value}" is not in the budgets (${budgets.source.name})`,
        loc: p.loc,
        hint: near ? `Did you mean "${near}"?` : `The budgets have: ${budgets.places.join(', ')}.`,
      });
    }
    if (problems.length) throw new InputError(problems, `${file}: ${count(problems.length, 'place')} ${noun(problems.length, 'is', 'are')} not in the budgets`);
    places = spec.places.map((p) => p.value);
  } else places = [...budgets.places];

  const shape: GridShape = { scenarios: scenarios.length, sweep: sweepShape.sweep, places: places.length };
  const total = gridSize(shape);
  if (total > MAX_RUNS) throw tooLarge(file, spec, total, places.length);
  options.onGrid?.(describeGrid(shape, total));

  // Each sweep path must name a number of every scenario, and each value must be valid there. A value is
  // checked alone (the others as written): a combination can still fail, which is reported with its run.
  // Two paths naming one field (`interventions.2.success_rate` and `interventions.Reablement.success_rate`)
  // would both be listed in runs.csv while only the last applies: refused, naming both.
  const canonical = scenarios.map(() => new Map<string, (typeof spec.sweep)[number]>());
  for (const key of spec.sweep) {
    for (const [i, s] of scenarios.entries()) {
      let path: string;
      try {
        path = resolveParamPath(s.scenario, key.path, { from: 'manifest', loc: key.loc });
      } catch (err) {
        reLocate(err, key.loc, `in ${s.arg}: `);
      }
      const other = canonical[i]!.get(path);
      if (other) {
        throw new InputError({
          message: `the sweep paths \`${other.path}\` and \`${key.path}\` name the same field (${path}) of ${s.arg}`,
          loc: key.loc,
          hint: 'Sweep each field once: keep one of the two paths, with every value to try.',
        });
      }
      canonical[i]!.set(path, key);
      for (const v of key.values) {
        try {
          setParam(s.scenario, key.path, v.value, { from: 'manifest', loc: key.loc });
        } catch (err) {
          if (!(err instanceof PlacepoolError)) throw err;
          reLocate(err, v.loc, `the sweep value ${v.value.toString()} of \`${key.path}\` is not valid in ${s.arg}: `);
        }
      }
    }
  }

  // Provenance names the inputs as the manifest writes them (relative to it), whatever folder the batch ran from.
  const inputs: InputSource[] = [
    spec.source,
    { name: spec.budgets.value, sha256: budgets.source.sha256 },
    ...scenarios.flatMap((s, i) => [{ name: spec.scenarios[i]!.value, sha256: s.doc.source.sha256 }, ...(s.scenario.inputs ?? [])]),
  ];
  return { manifest: spec, budgetsArg, budgets, scenarios, places, shape, total, inputs, warnings };
}

function tooLarge(file: string, spec: ManifestSpec, runs: number, places: number | undefined): InputError {
  const sweep = spec.sweep.map((k) => `${count(k.values.length, 'value')} of ${k.path}`).join(' x ');
  return new InputError({
    message: `the batch would make ${runs.toLocaleString('en-GB')} runs (${count(spec.scenarios.length, 'scenario')}${sweep ? ` x ${sweep}` : ''}${places ? ` x ${count(places, 'place')}` : ' x the places'}); at most ${MAX_RUNS.toLocaleString('en-GB')} are allowed`,
    loc: spec.sweep[0]?.loc ?? { file, line: 1, column: 1 },
    hint: 'Use fewer sweep values (a coarser grid), or split the manifest into several batches.',
  });
}

export function describeGrid(shape: GridShape, total: number): string {
  const parts = [count(shape.scenarios, 'scenario')];
  if (shape.sweep.length) parts.push(count(sweepPoints(shape), 'sweep point'));
  parts.push(count(shape.places, 'place'));
  return `${parts.join(' x ')} = ${count(total, 'run')}`;
}
