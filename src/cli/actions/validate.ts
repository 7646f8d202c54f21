// What `placepool validate` does once its options are read (src/cli/commands/validate.ts registers it).
import { InputError, type Problem, type Warning } from '../../errors.js';
import type { Io } from '../../io-types.js';
import { splitXlsxArg } from '../../io/args.js';
import { readBudgets } from '../../io/budgets.js';
import { assertReadable, readInputBytes } from '../../io/input.js';
import { loadScenario } from '../../io/scenario.js';
import { runModel } from '../../model/engine.js';
import type { Budgets } from '../../model/types.js';
import { invalidJson, validJson, validText } from '../../report/validate.js';
import { assertStdinOnce } from '../inputs.js';
import { emitWarnings, type CommandContext, type CommonOptions } from '../options.js';
import { emitReport } from '../output.js';
import { forPeople } from '../render.js';
import { count } from '../../words.js';

export interface ValidateOpts extends CommonOptions {
  scenario?: string[];
}

export async function validate(ctx: CommandContext, budgetsArg: string, opts: ValidateOpts): Promise<void> {
  const io = ctx.io;
  assertStdinOnce([budgetsArg, ...(opts.scenario ?? [])]);
  for (const s of opts.scenario ?? []) await assertReadable(s, io, 'scenario');
  let budgets: Budgets;
  try {
    budgets = await readBudgets(budgetsArg, io);
  } catch (err) {
    if (!(err instanceof InputError) || ctx.format !== 'json') throw err;
    await emitReport(io, opts.output, await failureJson(budgetsArg, err.problems, io), [budgetsArg]);
    const n = err.problems.filter((p) => !p.message.startsWith('... and ')).length;
    throw new InputError({
      message: `${budgetsArg} is not valid: ${err.problems.length === 1 ? '1 problem' : `${n}${n !== err.problems.length ? '+' : ''} problems`}, listed in the JSON report`,
    });
  }
  // Each scenario is checked in full; the problems of every scenario are listed together.
  const failed: InputError[] = [];
  const scenarioWarnings: Warning[] = [];
  for (const s of opts.scenario ?? []) {
    try {
      const scenario = await loadScenario(s, io);
      // the scenario against these budgets: places, base year, pooled and funding silos, someone to pay
      const result = runModel(budgets, scenario);
      scenarioWarnings.push(...result.warnings);
      const places = result.places.map((p) => p.place).join(', ');
      ctx.msg.info(
        `placepool: ${s}: valid scenario "${scenario.name}" for ${places}, ${result.years[0]!.label} to ${result.years[result.years.length - 1]!.label}, ` +
          `${count(scenario.interventions.length, 'intervention')}, ${count(scenario.uncertain.length, 'uncertain value')}`,
      );
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      failed.push(err);
    }
  }
  if (failed.length === 1) throw failed[0]!;
  if (failed.length > 1) {
    const problems = failed.flatMap((e) => e.problems);
    throw new InputError(problems, `${problems.length} problems in ${failed.length} scenarios`);
  }
  emitWarnings(ctx, [...budgets.warnings, ...scenarioWarnings]);
  const content = ctx.format === 'json' ? validJson(budgets) : forPeople(ctx, validText(budgets, ctx.chalk, ctx.width));
  await emitReport(io, opts.output, content, [budgetsArg, ...(opts.scenario ?? [])]);
}

/** The problems as JSON, with the file's hash for provenance when it can be read again. */
async function failureJson(arg: string, problems: readonly Problem[], io: Io): Promise<string> {
  const name = arg === '-' ? '<stdin>' : arg;
  // stdin has been read already and cannot be read again
  const file = splitXlsxArg(arg).file;
  const inputs = file.startsWith('-') ? [] : [(await readInputBytes(file, io).catch(() => undefined))?.source].filter((x) => x !== undefined);
  return invalidJson(name, inputs, problems);
}
