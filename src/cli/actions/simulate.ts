// What `placepool simulate` does once its options are read (src/cli/commands/simulate.ts registers it).
import { UsageError } from '../../errors.js';
import { reportMeta } from '../../report/meta.js';
import { renderSimulateXlsx } from '../../report/xlsx/uncertainty.js';
import { renderSimulateJson, renderSimulateLongCsv, renderSimulateMd, renderSimulateTable, renderSimulateWideCsv } from '../../report/simulate.js';
import { DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAW_BYTES, MAX_DRAWS, MAX_SEED, drawBytes } from '../../uncertainty/limits.js';
import { MEASURE_COUNT } from '../../uncertainty/compiled.js';
import { beginDraws, DrawThreads } from '../../uncertainty/pool.js';
import { compileFirst, prepareSimulation, runSimulation } from '../../uncertainty/simulate.js';
import { progressEnabled } from '../context.js';
import { loadOneScenario, provenance } from '../inputs.js';
import { emitWarnings, intOption, jobsOption, type CommandContext, type CommonOptions } from '../options.js';
import { emitReport } from '../output.js';
import { ProgressBar } from '../progress.js';
import { renderAs } from '../render.js';
import { runOrWatch } from '../watch.js';
import { count } from '../../words.js';

export const MAX_JOBS = 256;

export interface SimulateCliOptions extends CommonOptions {
  watch?: boolean;
  scenario?: string;
  draws?: string;
  seed?: string;
  jobs?: string;
}

/**
 * Every draw is kept (percentiles are exact), so the draws of many places can need more memory than there is:
 * refused before the first draw, saying how many draws would fit.
 */
function checkDrawMemory(entities: number, places: number, draws: number): void {
  const budget = MAX_DRAW_BYTES;
  const need = drawBytes(entities, draws, MEASURE_COUNT);
  if (fitsDrawMemory(entities, draws)) return;
  const fit = Math.max(1, Math.floor(budget / drawBytes(entities, 1, MEASURE_COUNT)));
  const gb = (b: number) => `${(b / 1024 ** 3).toFixed(1)} GB`;
  throw new UsageError({
    message: `${draws.toLocaleString('en-GB')} draws of ${places} place${places === 1 ? '' : 's'}${entities > places ? ' and all places' : ''} would hold ${gb(need)} of draws; at most ${gb(budget)} is allowed`,
    hint: `Use --draws ${fit.toLocaleString('en-GB').replace(/,/g, '')} or fewer, or fewer places (--place).`,
  });
}

function fitsDrawMemory(entities: number, draws: number): boolean {
  return drawBytes(entities, draws, MEASURE_COUNT) <= MAX_DRAW_BYTES;
}

/** The command, once, or with --watch again each time its budgets or scenario file is saved. */
export async function simulate(ctx: CommandContext, budgetsArg: string, opts: SimulateCliOptions): Promise<void> {
  await runOrWatch(ctx, opts.watch, [budgetsArg, opts.scenario], () => simulateOnce(ctx, budgetsArg, opts));
}

async function simulateOnce(ctx: CommandContext, budgetsArg: string, opts: SimulateCliOptions): Promise<void> {
  const draws = intOption('--draws', opts.draws, 1, MAX_DRAWS) ?? DEFAULT_DRAWS;
  const seed = intOption('--seed', opts.seed, 0, MAX_SEED) ?? DEFAULT_SEED;
  const jobs = jobsOption(ctx, opts.jobs, MAX_JOBS);
  // the worker threads start now, loading their modules while this thread reads the inputs and runs the centre
  const threads = await DrawThreads.start(jobs, draws);
  try {
    await simulateWith(ctx, budgetsArg, opts, { draws, seed, jobs, threads });
  } finally {
    await threads?.destroy();
  }
}

async function simulateWith(
  ctx: CommandContext,
  budgetsArg: string,
  opts: SimulateCliOptions,
  { draws, seed, jobs, threads }: { draws: number; seed: number; jobs: number; threads: DrawThreads | undefined },
): Promise<void> {
  const io = ctx.io;
  const { inputs, scenario, runOptions } = await loadOneScenario(ctx, 'simulate', budgetsArg, opts.scenario);
  // with worker threads the model is compiled before the exact centre run, and they begin the draws while this
  // thread runs it (and stop with it if it finds the inputs wrong)
  const first = threads ? compileFirst(inputs.budgets, scenario, runOptions) : undefined;
  const begun = first && fitsDrawMemory(first.model.entities.length, draws) ? beginDraws(threads!, first.model, draws, seed) : undefined;
  const prepared = prepareSimulation(inputs.budgets, scenario, runOptions, first);
  checkDrawMemory(prepared.model.entities.length, prepared.centre.places.length, draws);
  emitWarnings(ctx, prepared.centre.warnings);
  if (scenario.uncertain.length === 0) ctx.msg.warn('the scenario has no uncertain values (no distributions), so every draw is the same');
  // quick simulations print nothing: the bar appears once one has taken a second
  const bar = progressEnabled(io, opts.quiet === true) ? new ProgressBar(io.stderr, draws, { label: 'draws', delayMs: 1000 }) : undefined;
  let result;
  try {
    result = await runSimulation(prepared, { draws, seed, jobs, threads, begun, onProgress: (done) => bar?.update(done) });
  } finally {
    bar?.clear();
  }
  // npv_cashable is defined for every draw unless the floating-point evaluation overflowed (values near
  // 1e300); such draws are left out of the statistics, and would read as "not positive" and "never pays back"
  for (const e of result.entities) {
    const left = draws - (e.measures.find((m) => m.measure === 'npv_cashable')?.count ?? draws);
    if (left > 0) {
      emitWarnings(ctx, [
        {
          code: 'draws-overflow',
          message: `${e.place}: ${left} of ${count(draws, 'draw')} could not be computed (the scenario's values are too large for floating point) and are left out of the statistics; check the scenario's amounts`,
          loc: { file: scenario.source.name },
        },
      ]);
    }
  }
  const meta = reportMeta('simulate', provenance(inputs.budgets, [scenario]), [scenario.name], { seed, draws });
  const content = await renderAs(ctx, {
    table: () => renderSimulateTable(result, { chalk: ctx.chalk, width: ctx.width }),
    csv: (layout) => (layout === 'long' ? renderSimulateLongCsv(result) : renderSimulateWideCsv(result)),
    json: () => renderSimulateJson(result, meta),
    md: () => renderSimulateMd(result, meta),
    html: async (date) => {
      // the HTML report also shows which uncertain values matter most (the tornado, on the exact engine);
      // both are loaded only for this format
      const [{ renderSimulateHtml }, { tornado }] = await Promise.all([import('../../report/html/simulate.js'), import('../../uncertainty/tornado.js')]);
      const swings = scenario.uncertain.length ? tornado(inputs.budgets, scenario, runOptions) : undefined;
      return renderSimulateHtml(result, meta, date, swings);
    },
    xlsx: () => renderSimulateXlsx(result, meta, { scenario, env: ctx.io.env }),
  });
  await emitReport(io, opts.output, content, [inputs.budgetsArg, ...inputs.scenarioArgs]);
}
