// What `placepool breakeven` does once its options are read (src/cli/commands/breakeven.ts registers it).
import { D } from '../../decimal.js';
import { PlacepoolError, UsageError } from '../../errors.js';
import { paramField, paramRange, resolveParamPath, setParam, valueAtPath } from '../../model/params.js';
import { runModel } from '../../model/engine.js';
import { renderBreakevenJson, renderBreakevenLongCsv, renderBreakevenMd, renderBreakevenTable, renderBreakevenWideCsv } from '../../report/breakeven.js';
import { reportMeta } from '../../report/meta.js';
import { renderBreakevenXlsx } from '../../report/xlsx/uncertainty.js';
import { breakeven as switchingValue } from '../../uncertainty/breakeven.js';
import { NPV_MEASURES, type BreakevenTarget } from '../../uncertainty/types.js';
import { loadOneScenario, provenance } from '../inputs.js';
import { emitWarnings, type CommandContext, type CommonOptions } from '../options.js';
import { emitReport } from '../output.js';
import { renderAs } from '../render.js';

export interface BreakevenCliOptions extends CommonOptions {
  scenario?: string;
  param?: string;
  target: string;
  min?: string;
  max?: string;
}

/** An NPV measure (`npv` is `npv_cashable`) or `payback:T` (T a year index, 0 or more). */
export function parseTarget(text: string): BreakevenTarget {
  const t = text.trim().toLowerCase();
  if (t === 'npv') return { kind: 'npv', measure: 'npv_cashable' };
  const measure = NPV_MEASURES.find((m) => m === t);
  if (measure) return { kind: 'npv', measure };
  const m = /^payback:(\d+)$/.exec(t);
  if (m) return { kind: 'payback', t: Number(m[1]) };
  throw new UsageError({
    message: `--target must be an NPV measure (${NPV_MEASURES.join(', ')}; \`npv\` is npv_cashable) or \`payback:T\` (T a year index from 0), not "${text}"`,
    hint: '`--target npv_public_value` finds where npv_public_value = 0; `--target payback:5` where the plan first pays back by year index 5.',
  });
}

function decimalOption(name: string, value: string | undefined): D | undefined {
  if (value === undefined) return undefined;
  const s = value.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) throw new UsageError({ message: `${name} must be a number, not "${value}"` });
  return new D(s);
}

export async function breakeven(ctx: CommandContext, budgetsArg: string, opts: BreakevenCliOptions): Promise<void> {
  if (opts.param === undefined) throw new UsageError({ message: 'breakeven needs the field to vary: --param PATH', hint: 'E.g. `--param interventions.0.success_rate`.' });
  const target = parseTarget(opts.target);
  const lo = decimalOption('--min', opts.min);
  const hi = decimalOption('--max', opts.max);
  const { inputs, scenario, runOptions } = await loadOneScenario(ctx, 'breakeven', budgetsArg, opts.scenario);
  const path = resolveParamPath(scenario, opts.param);
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
  // a money field's largest valid value (£1,000 trillion) only bounds what can be written: without --max the
  // search widens from the central value as for a field with no limit, never past that bound
  const cap = paramField(path)?.kind === 'money' ? range.max : null;
  const max = hi ?? (cap ? null : range.max);
  // a maximum that is itself not allowed (a constant discount rate below 1) is approached from just under it
  const maxExclusive = hi === undefined && range.maxExclusive;
  if (max !== null && !min.lessThan(max)) throw new UsageError({ message: `--min (${min.toString()}) must be below --max (${max.toString()})` });

  const centre = runModel(inputs.budgets, scenario, runOptions);
  emitWarnings(ctx, centre.warnings);
  const evaluate = (x: D) => {
    try {
      return runModel(inputs.budgets, setParam(scenario, path, x), runOptions);
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
  const result = switchingValue({ scenario: scenario.name, parameter: path, target, central: valueAtPath(scenario, path), min, max, maxExclusive, cap, integer: range.integer, centre, evaluate });
  const meta = reportMeta('breakeven', provenance(inputs.budgets, [scenario]), [scenario.name]);
  const content = await renderAs(ctx, {
    table: () => renderBreakevenTable(result, { chalk: ctx.chalk, width: ctx.width }),
    csv: (layout) => (layout === 'long' ? renderBreakevenLongCsv(result) : renderBreakevenWideCsv(result)),
    json: () => renderBreakevenJson(result, meta),
    md: () => renderBreakevenMd(result, meta),
    xlsx: () => renderBreakevenXlsx(result, meta, { scenario, env: ctx.io.env }),
  });
  await emitReport(ctx.io, opts.output, content, [inputs.budgetsArg, ...inputs.scenarioArgs]);
}
