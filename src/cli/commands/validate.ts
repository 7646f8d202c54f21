// `placepool validate BUDGETS [-s SCENARIO ...]`: check the inputs and list every problem with its location
// and how to mend it; change nothing. Exit 0 when valid, 65 with problems, 66 when a file cannot be opened.
import type { Command } from 'commander';
import { InputError, formatLocation, type Problem, type Warning } from '../../errors.js';
import type { Budgets } from '../../model/types.js';
import type { Io } from '../../io-types.js';
import { addCommonOptions, commandContext, emitWarnings, type CommandContext, type CommonOptions } from '../options.js';
import { emitReport, type Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'json'];

interface ValidateOpts extends CommonOptions {
  scenario?: string[];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const HELP = `
On success, prints what was found: places, years, silos, the number of budget lines, the spend
by year and the sum of the amount column (to check against your spreadsheet), and any columns
that were ignored. With problems, lists every one (up to 100) as FILE:LINE:COLUMN, what is wrong
and how to mend it, and exits 65. With --format json the same findings are written as JSON (also
on failure).

Examples:
  placepool validate budgets.csv
  placepool validate budgets.csv --format json > check.json`;

export function registerValidate(program: Command, io: Io): void {
  const cmd = program
    .command('validate')
    .description('check inputs; list every problem with its file, line and column; change nothing')
    .argument('<budgets>', 'budgets file (CSV, or book.xlsx[#Sheet]; - for stdin)');
  addCommonOptions(cmd, { formats: FORMATS });
  cmd
    .option('-s, --scenario <file>', 'a scenario file to check as well (repeatable)', collect)
    .addHelpText('after', HELP)
    .action(async (budgetsArg: string, opts: ValidateOpts) => {
      const ctx = commandContext(io, opts, FORMATS);
      const { readBudgets } = await import('../../io/budgets.js');
      const { assertStdinOnce } = await import('../inputs.js');
      assertStdinOnce([budgetsArg, ...(opts.scenario ?? [])]);
      const { assertReadable } = await import('../../io/input.js');
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
      // Each scenario is checked in full (METHOD.md 1.2); the problems of every scenario are listed together.
      const { loadScenario } = await import('../../io/scenario.js');
      const { runModel } = await import('../../model/engine.js');
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
              `${scenario.interventions.length} interventions, ${scenario.uncertain.length} uncertain values`,
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
      const content = ctx.format === 'json' ? await successJson(budgets) : await successText(budgets, ctx);
      await emitReport(io, opts.output, content, [budgetsArg, ...(opts.scenario ?? [])]);
    });
}

interface Summary {
  byPlace: { place: string; lines: number }[];
  byYear: { year: number; lines: number; amount: import('../../decimal.js').D }[];
  total: import('../../decimal.js').D;
}

async function summarise(b: Budgets): Promise<Summary> {
  const { AmountSum } = await import('../../model/amounts.js');
  const byPlace = new Map(b.places.map((p) => [p, 0]));
  const byYear = new Map(b.years.map((y) => [y, { lines: 0, amount: new AmountSum() }]));
  const total = new AmountSum();
  for (const l of b.lines) {
    byPlace.set(l.place, byPlace.get(l.place)! + 1);
    const y = byYear.get(l.year)!;
    y.lines++;
    y.amount.add(l);
    total.add(l);
  }
  return {
    byPlace: [...byPlace].map(([place, lines]) => ({ place, lines })),
    byYear: [...byYear].map(([year, v]) => ({ year, lines: v.lines, amount: v.amount.value })),
    total: total.value,
  };
}

function list(items: readonly string[], max = 12): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, ... (${items.length} in all)`;
}

async function successText(b: Budgets, ctx: CommandContext): Promise<string> {
  const { money, yearLabel } = await import('../../report/numbers.js');
  const { renderTable } = await import('../../report/table.js');
  const s = await summarise(b);
  const out: string[] = [];
  out.push(`${ctx.chalk.bold(b.source.name)}: valid budgets, ${b.lines.length} ${b.lines.length === 1 ? 'line' : 'lines'}`);
  out.push(`  places  ${b.places.length}: ${list(s.byPlace.map((p) => `${p.place} (${p.lines})`))}`);
  out.push(`  years   ${b.years.length}: ${list(b.years.map(yearLabel))}`);
  out.push(`  silos   ${b.silos.length}: ${list(b.silos)}`);
  out.push(`  ignored columns: ${b.ignoredColumns.length ? b.ignoredColumns.map((c) => `"${c}"`).join(', ') : 'none'}`);
  out.push('');
  out.push('Spend as given, by year (all places):');
  out.push(
    renderTable(
      [{ header: 'year' }, { header: 'lines', numeric: true }, { header: 'amount', numeric: true }],
      [...s.byYear.map((y) => [yearLabel(y.year), String(y.lines), money(y.amount)]), ['sum', String(b.lines.length), money(s.total)]],
      { chalk: ctx.chalk, boldRows: new Set([s.byYear.length]) },
    ),
  );
  out.push(`The sum is of the whole amount column, to check against your spreadsheet.`);
  return `${out.join('\n')}\n`;
}

function jsonWarning(w: Warning): Record<string, unknown> {
  return { code: w.code, message: w.message, location: w.loc ? formatLocation(w.loc) : null };
}

function jsonProblem(p: Problem): Record<string, unknown> {
  return {
    location: p.loc ? formatLocation(p.loc) : null,
    file: p.loc?.file ?? null,
    line: p.loc?.line ?? null,
    column: p.loc?.column ?? null,
    cell: p.loc?.cell ?? null,
    message: p.message,
    hint: p.hint ?? null,
  };
}

async function successJson(b: Budgets): Promise<string> {
  const { plain, yearLabel } = await import('../../report/numbers.js');
  const { metaJson, reportMeta } = await import('../../report/meta.js');
  const { jsonWithNumbers } = await import('../../report/baseline.js');
  const s = await summarise(b);
  const n = (v: import('../../decimal.js').D): string => `\u0000num:${plain(v, 'money')}`;
  return jsonWithNumbers({
    ...metaJson(reportMeta('validate', [b.source])),
    result: {
      valid: true,
      file: b.source.name,
      lines: b.lines.length,
      places: s.byPlace,
      years: s.byYear.map((y) => ({ year: y.year, label: yearLabel(y.year), lines: y.lines, amount: n(y.amount) })),
      silos: b.silos,
      total_amount: n(s.total),
      ignored_columns: b.ignoredColumns,
      warnings: b.warnings.map(jsonWarning),
      problems: [],
    },
  });
}

async function failureJson(arg: string, problems: readonly Problem[], io: Io): Promise<string> {
  const { metaJson, reportMeta } = await import('../../report/meta.js');
  const { readInputBytes } = await import('../../io/input.js');
  const name = arg === '-' ? '<stdin>' : arg;
  // the input's hash for provenance (stdin has been read already and cannot be read again)
  const { splitXlsxArg } = await import('../../io/args.js');
  const file = splitXlsxArg(arg).file;
  const inputs = file.startsWith('-') ? [] : [(await readInputBytes(file, io).catch(() => undefined))?.source].filter((x) => x !== undefined);
  return `${JSON.stringify(
    { ...metaJson(reportMeta('validate', inputs.map((i) => ({ ...i, name })))), result: { valid: false, file: name, problems: problems.map(jsonProblem) } },
    null,
    2,
  )}\n`;
}
