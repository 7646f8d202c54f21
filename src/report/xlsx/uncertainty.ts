// `simulate`, `tornado` and `breakeven --format xlsx`: the figures of their CSV layouts as workbooks, with
// words beside the machine names, £ / percentage / ratio formats, and the Inputs sheet (provenance, seed and
// draws, the scenario). Simulation statistics are float64 (rounded as presented, like the CSV); tornado and
// breakeven values come from the exact engine.
import type { Cell, Worksheet } from 'exceljs';
import type { D } from '../../decimal.js';
import { paramField } from '../../model/params.js';
import type { Precision, Scenario } from '../../model/types.js';
import { PERCENTILES, PROBABILITIES, probabilityOf, type BreakevenResult, type SimulationResult, type TornadoResult } from '../../uncertainty/types.js';
import { STATISTICS } from '../../uncertainty/stats.js';
import { distributionText } from '../simulate.js';
import { statisticPrecision } from '../measures.js';
import type { ReportMeta } from '../meta.js';
import { plain } from '../numbers.js';
import { isMoneyField } from '../tornado.js';
import { FMT, finishWorkbook, fitColumns, formatOf, freeze, headerRow, label, newWorkbook, putMeasure, putNumber, putText, type XlsxOptions } from './book.js';
import { addInputsSheet } from './inputs.js';

export interface UncertaintyXlsxOptions extends XlsxOptions {
  /** the scenario, echoed on the Inputs sheet */
  scenario?: Scenario;
}

/** A value of a scenario field: money in pounds to the penny, shares and rates as percentages, anything else as it is. */
function putField(cell: Cell, path: string, value: D | null): void {
  if (value === null) return;
  if (isMoneyField(path)) return putNumber(cell, Number(plain(value, 'money')), FMT.money);
  const kind = paramField(path)?.kind;
  putNumber(cell, Number(value.toString()), kind === 'share' || kind === 'rate' ? FMT.share : FMT.number);
}

function putNum(cell: Cell, value: number | null, precision: Precision, fmt: string): void {
  const s = plain(value, precision);
  putNumber(cell, s === '' ? null : Number(s), fmt);
}

/** The format of a statistic of a measure: payback's mean and percentiles are fractional year indexes. */
function statisticFormat(measure: string): string {
  return statisticPrecision(measure) === 'ratio' && formatOf(measure) === FMT.int ? FMT.ratio : formatOf(measure);
}

// ---------------------------------------------------------------------------------------------------------
// simulate

/** Statistics: Place | Measure | Key | Centre | Draws with a value | Mean | P5 ... P95, one row per place and measure. */
function addStatisticsSheet(wb: import('exceljs').Workbook, result: SimulationResult): Worksheet {
  const ws = wb.addWorksheet('Statistics');
  headerRow(ws, 1, ['Place', 'Measure', 'Key', 'Centre (run)', 'Draws with a value', 'Mean', ...PERCENTILES.map((p) => `P${p}`)]);
  let r = 2;
  for (const e of result.entities) {
    for (const s of e.measures) {
      const row = ws.getRow(r++);
      putText(row.getCell(1), e.place);
      putText(row.getCell(2), label(s.measure));
      putText(row.getCell(3), s.measure);
      putMeasure(row.getCell(4), s.measure, e.centre[s.measure]);
      putNumber(row.getCell(5), s.count, '#,##0');
      STATISTICS.forEach((st, i) => {
        const v = st === 'mean' ? s.mean : s.percentiles[st];
        putNum(row.getCell(6 + i), v, statisticPrecision(s.measure), statisticFormat(s.measure));
      });
    }
  }
  freeze(ws, 1, 3);
  fitColumns(ws, 10, 48);
  return ws;
}

/** Probabilities: Place | Measure | Key | Statistic | Value (a share of the draws). */
function addProbabilitiesSheet(wb: import('exceljs').Workbook, result: SimulationResult): Worksheet {
  const ws = wb.addWorksheet('Probabilities');
  headerRow(ws, 1, ['Place', 'What', 'Key', 'Statistic', 'Share of draws']);
  const words: Record<string, string> = {
    'npv_cashable prob_positive': 'Cashable net present value above zero',
    'npv_public_value prob_positive': 'Net present public value above zero',
    'payback_t prob_never': 'No payback within the horizon',
  };
  let r = 2;
  for (const e of result.entities) {
    for (const p of PROBABILITIES) {
      const row = ws.getRow(r++);
      putText(row.getCell(1), e.place);
      putText(row.getCell(2), words[`${p.measure} ${p.statistic}`] ?? p.measure);
      putText(row.getCell(3), p.measure);
      putText(row.getCell(4), p.statistic);
      putNum(row.getCell(5), probabilityOf(e, p), 'ratio', FMT.percent);
    }
  }
  freeze(ws, 1, 2);
  fitColumns(ws, 10, 48);
  return ws;
}

/** Payback: Place | Payback year | t | Draws | Share of draws; `never` last. */
function addPaybackSheet(wb: import('exceljs').Workbook, result: SimulationResult): Worksheet {
  const ws = wb.addWorksheet('Payback');
  headerRow(ws, 1, ['Place', 'Payback year', 't', 'Draws', 'Share of draws']);
  let r = 2;
  for (const e of result.entities) {
    for (const b of e.payback) {
      const row = ws.getRow(r++);
      putText(row.getCell(1), e.place);
      putText(row.getCell(2), b.label);
      putNumber(row.getCell(3), b.t, FMT.int);
      putNumber(row.getCell(4), b.count, '#,##0');
      putNum(row.getCell(5), b.share, 'ratio', FMT.percent);
    }
  }
  freeze(ws, 1, 2);
  fitColumns(ws, 10, 40);
  return ws;
}

/** Uncertain values: Parameter | Key | Distribution | Central | Valid from | Valid to | Draws clamped. */
function addParametersSheet(wb: import('exceljs').Workbook, result: SimulationResult): Worksheet {
  const ws = wb.addWorksheet('Uncertain values');
  headerRow(ws, 1, ['Parameter', 'Key', 'Distribution', 'Central value', 'Valid from', 'Valid to', 'Draws clamped']);
  let r = 2;
  for (const p of result.parameters) {
    const row = ws.getRow(r++);
    putText(row.getCell(1), p.label);
    putText(row.getCell(2), p.path);
    putText(row.getCell(3), distributionText(p.dist));
    putField(row.getCell(4), p.path, p.central);
    putField(row.getCell(5), p.path, p.min);
    putField(row.getCell(6), p.path, p.max);
    putNumber(row.getCell(7), p.clamped, '#,##0');
  }
  freeze(ws, 1, 1);
  fitColumns(ws, 10, 60);
  return ws;
}

/** simulate's workbook: Statistics, Probabilities, Payback, Uncertain values and Inputs. */
export async function renderSimulateXlsx(result: SimulationResult, meta: ReportMeta, options: UncertaintyXlsxOptions = {}): Promise<Buffer> {
  const { wb, date } = await newWorkbook(meta, `placepool simulate: ${result.scenario}`, options);
  addStatisticsSheet(wb, result);
  addProbabilitiesSheet(wb, result);
  addPaybackSheet(wb, result);
  addParametersSheet(wb, result);
  addInputsSheet(wb, {
    meta,
    scenarios: options.scenario ? [options.scenario] : [],
    warnings: result.warnings,
    extra: [
      ['base_year', result.baseYear],
      ['horizon', result.horizon],
      ['draws clamped', result.clamped],
    ],
  });
  return finishWorkbook(wb, date);
}

// ---------------------------------------------------------------------------------------------------------
// tornado

/** tornado's workbook: Tornado (Place | Parameter | Key | Low | High | NPV central, low, high | Swing), largest swing first, and Inputs. */
export async function renderTornadoXlsx(result: TornadoResult, meta: ReportMeta, options: UncertaintyXlsxOptions = {}): Promise<Buffer> {
  const { wb, date } = await newWorkbook(meta, `placepool tornado: ${result.scenario}`, options);
  const ws = wb.addWorksheet('Tornado');
  const npv = label(result.measure);
  headerRow(ws, 1, ['Place', 'Parameter', 'Key', 'Low value (P10)', 'High value (P90)', `${npv} at the centre`, `${npv} at the low value`, `${npv} at the high value`, 'Swing']);
  let r = 2;
  for (const e of result.entities) {
    for (const b of e.bars) {
      const row = ws.getRow(r++);
      putText(row.getCell(1), e.place);
      putText(row.getCell(2), b.label);
      putText(row.getCell(3), b.path);
      putField(row.getCell(4), b.path, b.low);
      putField(row.getCell(5), b.path, b.high);
      putMeasure(row.getCell(6), result.measure, e.centralNpv);
      putMeasure(row.getCell(7), result.measure, b.npvLow);
      putMeasure(row.getCell(8), result.measure, b.npvHigh);
      putMeasure(row.getCell(9), result.measure, b.swing);
    }
  }
  freeze(ws, 1, 2);
  fitColumns(ws, 10, 60);
  addInputsSheet(wb, { meta, scenarios: options.scenario ? [options.scenario] : [], warnings: result.warnings, extra: [['measure', result.measure]] });
  return finishWorkbook(wb, date);
}

// ---------------------------------------------------------------------------------------------------------
// breakeven

const OUTCOME: Record<'found' | 'none' | 'all', string> = {
  found: 'switching value found',
  none: 'no value in the range meets the target',
  all: 'every value in the range meets the target',
};

/** breakeven's workbook: Breakeven (one row per place: the range, the central and switching values, the change) and Inputs. */
export async function renderBreakevenXlsx(result: BreakevenResult, meta: ReportMeta, options: UncertaintyXlsxOptions = {}): Promise<Buffer> {
  const { wb, date } = await newWorkbook(meta, `placepool breakeven: ${result.scenario}`, options);
  const ws = wb.addWorksheet('Breakeven');
  const atSwitch = result.targetSpec.kind === 'npv' ? 'npv_cashable' : 'payback_t';
  headerRow(ws, 1, ['Place', 'Parameter', 'Target', 'Searched from', 'Searched to', 'Central value', 'Switching value', 'Change from central', 'Outcome', `${label(atSwitch)} at the switching value`]);
  let r = 2;
  for (const e of result.entities) {
    const row = ws.getRow(r++);
    putText(row.getCell(1), e.place);
    putText(row.getCell(2), result.parameter);
    putText(row.getCell(3), result.target);
    putField(row.getCell(4), result.parameter, result.min);
    putField(row.getCell(5), result.parameter, result.max);
    putField(row.getCell(6), result.parameter, result.central);
    putField(row.getCell(7), result.parameter, e.switchingValue);
    const change = plain(e.change, 'ratio');
    putNumber(row.getCell(8), change === '' ? null : Number(change), FMT.percent);
    putText(row.getCell(9), OUTCOME[e.outcome]);
    putMeasure(row.getCell(10), atSwitch, e.valueAtSwitch);
  }
  freeze(ws, 1, 1);
  fitColumns(ws, 10, 48);
  addInputsSheet(wb, {
    meta,
    scenarios: options.scenario ? [options.scenario] : [],
    warnings: result.warnings,
    extra: [
      ['parameter', result.parameter],
      ['target', result.target],
      ...(result.maxExclusive ? ([['searched to', 'just below the maximum (the maximum itself is not valid)']] as [string, string][]) : []),
    ],
  });
  return finishWorkbook(wb, date);
}
