// placepool breakeven BUDGETS -s SCENARIO --param PATH [--target npv|payback:T] [--min X --max Y]:
// the switching value of one numeric scenario field.
import type { Command } from 'commander';
import type { D } from '../../decimal.js';
import { PlacepoolError, UsageError } from '../../errors.js';
import type { Io } from '../../io-types.js';
import { addCommonOptions, commandContext, emitWarnings, renderAs, type CommonOptions } from '../options.js';
import type { Format } from '../output.js';
import type { BreakevenTarget } from '../../uncertainty/types.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md'];

interface BreakevenCliOptions extends CommonOptions {
  scenario?: string;
  param?: string;
  target: string;
  min?: string;
  max?: string;
}

/** `npv` or `payback:T` (T a year index, 0 or more). */
export function parseTarget(text: string): BreakevenTarget {
  const t = text.trim().toLowerCase();
  if (t === 'npv') return { kind: 'npv' };
  const m = /^payback:(\d+)$/.exec(t);
  if (m) return { kind: 'payback', t: Number(m[1]) };
  throw new UsageError({
    message: `--target must be \`npv\` or \`payback:T\` (T a year index from 0), not "${text}"`,
    hint: '`--target npv` finds where npv_cashable = 0; `--target payback:5` where the plan first pays back by year index 5.',
  });
}

function decimalOption(name: string, value: string | undefined, Decimal: typeof D): D | undefined {
  if (value === undefined) return undefined;
  const s = value.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) throw new UsageError({ message: `${name} must be a number, not "${value}"` });
  return new Decimal(s);
}

export function registerBreakeven(program: Command, io: Io): void {
  const cmd = program
    .command('breakeven')
    .argument('<budgets>', 'budgets file (CSV, or .xlsx[#Sheet]); - reads stdin')
    .option('-s, --scenario <file>', 'scenario file (YAML or JSON)')
    .option('--param <path>', 'the scenario field to vary, e.g. interventions.0.success_rate or integration.efficiency')
    .option('--target <target>', 'npv (npv_cashable >= 0) or payback:T (pays back by year index T)', 'npv')
    .option('--min <x>', 'lowest value to search (default: the field\'s lowest valid value)')
    .option('--max <y>', 'highest value to search (default: the field\'s highest valid value)')
    .summary('switching value of one scenario field')
    .description(
      'The Green Book\'s switching value: the value of one numeric scenario field at which the target is just\n' +
        'met (by default npv_cashable = 0), found by bisection on the exact model to 6 significant digits,\n' +
        'within the field\'s valid range or --min/--max. Says so plainly when no value there meets the target.',
    );
  addCommonOptions(cmd, { formats: FORMATS, place: true, layout: true });
  cmd.addHelpText(
    'after',
    '\nExamples:\n' +
      '  placepool breakeven budgets.csv -s pool.yaml --param interventions.0.success_rate\n' +
      '  placepool breakeven budgets.csv -s pool.yaml \\\n' +
      '      --param "interventions.Family intervention.deadweight" --target payback:5',
  );
  cmd.action(async (budgetsArg: string, opts: BreakevenCliOptions) => {
    const ctx = commandContext(io, opts, FORMATS);
    if (opts.param === undefined) throw new UsageError({ message: 'breakeven needs the field to vary: --param PATH', hint: 'E.g. `--param interventions.0.success_rate`.' });
    const target = parseTarget(opts.target);
    // decimal.js is loaded here, not at the top, so that `placepool --help` does not load it
    const { D } = await import('../../decimal.js');
    const lo = decimalOption('--min', opts.min, D);
    const hi = decimalOption('--max', opts.max, D);
    const { loadOneScenario } = await import('../inputs.js');
    const { inputs, scenario, runOptions } = await loadOneScenario(ctx, 'breakeven', budgetsArg, opts.scenario);
    const { documentOf, scenarioFromDocument } = await import('../../io/scenario.js');
    const { paramRange, resolveParamPath, setParam } = await import('../../io/scenario-paths.js');
    const doc = documentOf(scenario);
    if (!doc) throw new Error('breakeven: the scenario has no document to vary');
    const path = resolveParamPath(doc, opts.param);
    const range = paramRange(path);
    const describe = (v: D) => v.toString();
    for (const [name, v] of [['--min', lo], ['--max', hi]] as const) {
      if (v === undefined) continue;
      const below = v.lessThan(range.min);
      const above = range.max !== null && (range.maxExclusive ? v.greaterThanOrEqualTo(range.max) : v.greaterThan(range.max));
      if (below || above || (range.integer && !v.isInteger())) {
        const valid = `${range.integer ? 'whole numbers ' : ''}from ${describe(range.min)}${range.max === null ? ' up' : `${range.maxExclusive ? ' to below ' : ' to '}${describe(range.max)}`}`;
        throw new UsageError({ message: `${name} ${v.toString()} is outside the valid values of ${path}`, hint: `Valid: ${valid}.` });
      }
    }
    const min = lo ?? range.min;
    // a maximum that is itself not allowed (a constant discount rate below 1) is approached from just under it
    const max = hi ?? (range.max === null ? null : range.maxExclusive ? range.max.minus('1e-9') : range.max);
    if (max !== null && !min.lessThan(max)) throw new UsageError({ message: `--min (${min.toString()}) must be below --max (${max.toString()})` });

    const { runModel } = await import('../../model/engine.js');
    const centre = runModel(inputs.budgets, scenario, runOptions);
    emitWarnings(ctx, centre.warnings);
    const evaluate = (x: D) => {
      try {
        return runModel(inputs.budgets, scenarioFromDocument(setParam(doc, path, x)), runOptions);
      } catch (err) {
        if (err instanceof PlacepoolError && !(err instanceof UsageError)) {
          throw new UsageError({
            message: `setting ${path} to ${x.toString()} makes the scenario invalid, so its switching value cannot be searched for: ${err.problems[0]?.message ?? err.message}`,
            hint: 'Narrow the search with --min and --max, or vary another field.',
          });
        }
        throw err;
      }
    };
    const { breakeven, valueAtPath } = await import('../../uncertainty/breakeven.js');
    const result = breakeven({ scenario: scenario.name, parameter: path, target, central: valueAtPath(scenario, path), min, max, integer: range.integer, centre, evaluate });
    const { reportMeta } = await import('../../report/meta.js');
    const meta = reportMeta('breakeven', [inputs.budgets.source, scenario.source], [scenario.name]);
    const report = await import('../../report/breakeven.js');
    const content = await renderAs(ctx, {
      table: () => report.renderBreakevenTable(result, { chalk: ctx.chalk }),
      csv: (layout) => (layout === 'long' ? report.renderBreakevenLongCsv(result) : report.renderBreakevenWideCsv(result)),
      json: () => report.renderBreakevenJson(result, meta),
      md: () => report.renderBreakevenMd(result, meta),
    });
    const { emitReport } = await import('../output.js');
    await emitReport(io, opts.output, content, [inputs.budgetsArg, ...inputs.scenarioArgs]);
  });
}
