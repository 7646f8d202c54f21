// The Inputs sheet: provenance (tool, version, command, scenarios, inputs with their SHA-256, seed), warnings,
// and the scenario echoed as key/value rows in the names of the scenario file.
import type { Worksheet } from 'exceljs';
import type { D } from '../../decimal.js';
import { formatLocation, type Warning } from '../../errors.js';
import { echo } from '../../model/schema.js';
import type { Distribution, Scenario } from '../../model/types.js';
import type { ReportMeta } from '../meta.js';
import { boldText, fitColumns, freeze, headerRow, putNumber, putText } from './book.js';

type Value = string | number | boolean | null;

const num = (d: D): number => Number(d.toString());

function distText(d: Distribution): string {
  switch (d.kind) {
    case 'triangular':
    case 'pert':
      return `${d.kind}(${d.low.toString()}, ${d.mode.toString()}, ${d.high.toString()})`;
    case 'uniform':
      return `uniform(${d.low.toString()}, ${d.high.toString()})`;
    case 'normal':
      return `normal(${d.mean.toString()}, ${d.sd.toString()})`;
  }
}

/** The scenario as key/value rows, keys in the scenario file's names (from the scenario schema), central values. */
export function scenarioRows(s: Scenario): [string, Value][] {
  const rows: [string, Value][] = echo(s).map(([k, v]) => [k, typeof v === 'object' ? num(v) : v]);
  for (const u of s.uncertain) rows.push([`uncertain: ${u.path}`, distText(u.dist)]);
  return rows;
}

function putValue(ws: Worksheet, r: number, col: number, v: Value): void {
  const cell = ws.getRow(r).getCell(col);
  if (typeof v === 'number') putNumber(cell, v, 'General');
  else if (typeof v === 'boolean') cell.value = v;
  else if (v !== null) putText(cell, v);
}

export interface InputsSheet {
  meta: ReportMeta;
  scenarios: Scenario[];
  warnings: readonly Warning[];
  /** extra provenance rows, e.g. base year and horizon */
  extra?: [string, Value][];
}

/** Add the Inputs sheet. */
export function addInputsSheet(wb: import('exceljs').Workbook, spec: InputsSheet): Worksheet {
  const ws = wb.addWorksheet('Inputs');
  headerRow(ws, 1, ['Key', 'Value', 'SHA-256']);
  let r = 2;
  const section = (title: string): void => {
    r++;
    boldText(ws.getRow(r++).getCell(1), title);
  };
  const kv = (key: string, value: Value, third?: string): void => {
    putText(ws.getRow(r).getCell(1), key);
    putValue(ws, r, 2, value);
    if (third !== undefined) putText(ws.getRow(r).getCell(3), third);
    r++;
  };
  const { meta } = spec;
  boldText(ws.getRow(r++).getCell(1), 'Provenance');
  kv('tool', meta.tool);
  kv('version', meta.version);
  kv('command', meta.command);
  for (const name of meta.scenarios) kv('scenario', name);
  for (const input of meta.inputs) kv('input', input.name, input.sha256);
  if (meta.seed !== undefined) kv('seed', meta.seed);
  if (meta.draws !== undefined) kv('draws', meta.draws);
  for (const [k, v] of spec.extra ?? []) kv(k, v);
  if (spec.warnings.length > 0) {
    section('Warnings');
    for (const w of spec.warnings) kv(w.code, w.loc ? `${formatLocation(w.loc)}: ${w.message}` : w.message);
  }
  spec.scenarios.forEach((s, i) => {
    section(spec.scenarios.length > 1 ? `Scenario ${i + 1}: ${s.name}` : 'Scenario');
    for (const [k, v] of scenarioRows(s)) kv(k, v);
  });
  freeze(ws, 1, 1);
  fitColumns(ws, 10, 80);
  return ws;
}
