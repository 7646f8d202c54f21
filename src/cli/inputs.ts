// Loading the inputs of the commands that model scenarios (run, compare, simulate, tornado, breakeven).
// Imported by their actions (src/cli/actions/), never when the commands are registered, so `--help` stays fast.
import { UsageError } from '../errors.js';
import { readBudgets } from '../io/budgets.js';
import { loadScenario } from '../io/scenario.js';
import type { Budgets, InputSource, Scenario } from '../model/types.js';
import { checkPlaces, emitWarnings, type CommandContext } from './options.js';
import { precheckOutput } from './output.js';

export const EXAMPLE_BUDGETS = 'example:budgets.csv';
export const EXAMPLE_SCENARIO = 'example:whole-place.yaml';

export interface ScenarioInputs {
  budgets: Budgets;
  budgetsArg: string;
  scenarios: Scenario[];
  scenarioArgs: string[];
}

/**
 * Standard input can be read once: two inputs given as `-` (or `-#Sheet`) would leave the second one empty,
 * and it would be reported as an empty file. Refuse it as a usage error instead.
 */
export function assertStdinOnce(args: readonly string[]): void {
  if (args.filter((a) => a === '-' || a.startsWith('-#')).length > 1) {
    throw new UsageError({
      message: 'more than one input is read from standard input (-)',
      hint: 'Standard input can be read once: give the other inputs as files.',
    });
  }
}

/** Where to start when a command is missing its inputs: the bundled example, as files or as a run. */
const EXAMPLE_FILES_HINT = '`placepool example DIR` writes example budgets and scenarios to DIR to start from';
const EXAMPLE_HINT = `${EXAMPLE_FILES_HINT}; a bare \`placepool run\` runs the bundled example.`;

/**
 * Read the budgets and scenarios of a command. With neither budgets nor a scenario (a bare `placepool run`)
 * the bundled example is run, saying so on stderr; with only one of them it is a usage error: the example's
 * budgets are never used for a scenario of the user's own (they would not have its places or years).
 */
export async function loadScenarioInputs(ctx: CommandContext, budgetsArg: string | undefined, scenarioArgs: string[], command = 'run'): Promise<ScenarioInputs> {
  assertStdinOnce([...(budgetsArg === undefined ? [] : [budgetsArg]), ...scenarioArgs]);
  let bArg = budgetsArg;
  let sArgs = scenarioArgs;
  if (bArg === undefined) {
    if (sArgs.length > 0) {
      throw new UsageError({
        message: `${command} needs the budgets the scenario is modelled on: placepool ${command} BUDGETS -s ${sArgs[0]}`,
        hint: `Name the budgets file (CSV, or book.xlsx) before -s. ${EXAMPLE_HINT}`,
      });
    }
    bArg = EXAMPLE_BUDGETS;
    sArgs = [EXAMPLE_SCENARIO];
    ctx.msg.info('placepool: no budgets or scenario given, so running the bundled example (`placepool example DIR` writes its files)');
  }
  await precheckOutput(ctx.opts.output, [bArg, ...sArgs], ctx.io.cwd, ctx.io.stdinFd);
  const budgets = await readBudgets(bArg, ctx.io);
  emitWarnings(ctx, budgets.warnings);
  const scenarios: Scenario[] = [];
  for (const arg of sArgs) scenarios.push(await loadScenario(arg, ctx.io));
  ctx.named = namedFiles(scenarios);
  return { budgets, budgetsArg: bArg, scenarios, scenarioArgs: sArgs };
}

export interface OneScenario {
  inputs: ScenarioInputs;
  scenario: Scenario;
  /** the --place selection, checked against the budgets, as options for the model */
  runOptions: { places?: string[] };
}

/**
 * The inputs of a command that models one scenario (run, simulate, tornado, breakeven): the budgets, the
 * scenario (required, unless `exampleAllowed` and no budgets are given either) and the checked --place names.
 */
export async function loadOneScenario(
  ctx: CommandContext,
  command: string,
  budgetsArg: string | undefined,
  scenarioArg: string | undefined,
  options: { exampleAllowed?: boolean } = {},
): Promise<OneScenario> {
  // only a bare `placepool run` (no budgets either) runs the bundled example
  if (scenarioArg === undefined && !(options.exampleAllowed && budgetsArg === undefined)) {
    throw new UsageError({
      message: `${command} needs a scenario as well as the budgets: add -s SCENARIO`,
      hint: `E.g. \`placepool ${command} ${budgetsArg ?? 'budgets.csv'} -s ${command === 'run' ? 'whole-place' : 'uncertain'}.yaml\`. ${command === 'run' ? EXAMPLE_HINT : `${EXAMPLE_FILES_HINT}.`}`,
    });
  }
  const inputs = await loadScenarioInputs(ctx, budgetsArg, scenarioArg === undefined ? [] : [scenarioArg], command);
  const places = ctx.opts.place ? checkPlaces(ctx.opts.place, inputs.budgets) : undefined;
  return { inputs, scenario: inputs.scenarios[0]!, runOptions: places ? { places } : {} };
}

/** The inputs' provenance: the budgets, then each scenario and the files it names (each file once). */
export function provenance(budgets: Budgets, scenarios: readonly Scenario[]): InputSource[] {
  const out: InputSource[] = [budgets.source];
  for (const s of scenarios) {
    out.push(s.source);
    for (const f of s.inputs ?? []) if (!out.some((o) => o.name === f.name && o.sha256 === f.sha256)) out.push(f);
  }
  return out;
}

/** The files the scenarios name (unit-cost libraries, deflators), as read: what --watch watches beside the arguments. */
export function namedFiles(scenarios: readonly Scenario[]): string[] {
  return scenarios.flatMap((s) => (s.inputs ?? []).map((f) => f.name));
}
