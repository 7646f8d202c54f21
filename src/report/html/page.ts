// The page around every HTML report: one self-contained file (inline CSS, no scripts, fonts or requests; a
// Content-Security-Policy that forbids them), readable on a phone and printable, plus the parts every report
// shares: tables, headline cards, warnings and the provenance block.
import type { Warning } from '../../errors.js';
import { formatLocation } from '../../errors.js';
import type { ReportMeta } from '../meta.js';
import { FONT } from '../svg/frame.js';
import type { Chart } from '../svg/frame.js';
import { esc } from '../svg/xml.js';

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font-family: ${FONT}; color: #1a1a1a; background: #ffffff; line-height: 1.45; font-size: 15px; }
main { max-width: 1100px; margin: 0 auto; padding: 20px 16px 40px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; line-height: 1.2; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin: 2.2em 0 0.6em; padding-bottom: 4px; border-bottom: 3px solid #0072B2; overflow-wrap: anywhere; }
h3 { font-size: 1.1rem; margin: 1.8em 0 0.4em; }
p { margin: 0.4em 0; max-width: 75ch; }
.sub, .note { color: #555555; }
.lede { font-size: 1.05rem; max-width: 80ch; }
.note { font-size: 0.85rem; }
nav ul { padding-left: 1.2em; margin: 0.4em 0; }
a { color: #0058a3; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(175px, 1fr)); gap: 10px; margin: 12px 0 18px; }
.card { border: 1px solid #cccccc; border-left: 5px solid #0072B2; border-radius: 4px; padding: 8px 10px; background: #fafafa; break-inside: avoid; }
.card .k { font-size: 0.8rem; color: #444444; }
.card .v { font-size: 1.5rem; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.3; }
.card .x { font-size: 0.78rem; color: #555555; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.card.bad { border-left-color: #D55E00; }
.card.wide { grid-column: span 2; }
figure { margin: 18px 0 8px; break-inside: avoid; page-break-inside: avoid; overflow-x: auto; }
svg.chart { display: block; width: 100%; height: auto; max-width: 760px; }
.table-wrap { overflow-x: auto; margin: 6px 0 18px; }
table { border-collapse: collapse; font-size: 0.84rem; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 4px 0 6px; }
th, td { padding: 3px 9px; border-bottom: 1px solid #dddddd; text-align: right; white-space: nowrap; vertical-align: top; }
thead th { background: #f2f2f2; border-bottom: 2px solid #888888; }
th.l, td.l { text-align: left; }
tbody th { font-weight: 600; text-align: left; }
tr.total th, tr.total td { border-top: 2px solid #888888; font-weight: 700; }
tr.wrong th, tr.wrong td { background: #fde8d9; }
tr.change th, tr.change td { color: #444444; font-style: italic; }
.words table { width: 100%; max-width: 60rem; }
.words th, .words td { white-space: normal; overflow-wrap: anywhere; }
.words tbody th { width: 16em; }
.flag { color: #a33c00; font-weight: 700; }
.warnings li { margin: 4px 0; }
.warnings code, .prov code { font-size: 0.85em; }
.prov { border: 1px solid #cccccc; border-radius: 4px; padding: 10px 14px; background: #fafafa; }
.prov dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 18px; margin: 4px 0 10px; }
.prov dt { font-weight: 600; }
.prov dd { margin: 0; overflow-wrap: anywhere; }
.hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.8rem; white-space: normal; word-break: break-all; min-width: 12ch; }
@media (max-width: 600px) {
  body { font-size: 14px; }
  main { padding: 12px 10px 30px; }
  h1 { font-size: 1.35rem; }
  .headline { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .card .v { font-size: 1.2rem; }
  tbody th { white-space: normal; min-width: 9em; }
  svg.chart { min-width: 560px; }
}
@page { size: A4 portrait; margin: 14mm 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  html, body { width: auto; }
  body { font-size: 9pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  section.break { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  h2 { margin-top: 0.4em; }
  .table-wrap { overflow: visible; max-width: 100%; }
  table { font-size: 7pt; max-width: 100%; }
  .words table { font-size: 8pt; }
  th, td { padding: 1px 3px; }
  tbody th { white-space: normal; min-width: 8em; }
  thead th { white-space: normal; vertical-align: bottom; }
  caption { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  figure { overflow: visible; }
  svg.chart { max-width: min(100%, 15.5cm); min-width: 0; }
  .headline { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .card .v { font-size: 1.2rem; }
  .prov dl { grid-template-columns: max-content minmax(0, 1fr); }
  a { color: inherit; text-decoration: none; }
}
`;

/** The whole document. `body` is markup already. */
export function page(title: string, body: string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="generator" content="placepool">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Tables

/** A table cell: text (escaped here), with an optional class; `th` makes it a row header. */
export interface Cell {
  text: string;
  cls?: string;
  th?: boolean;
}

export type CellLike = Cell | string;

function cell(c: CellLike, inHead: boolean): string {
  const x = typeof c === 'string' ? { text: c } : c;
  const tag = inHead ? 'th' : x.th ? 'th' : 'td';
  const scope = inHead ? ' scope="col"' : x.th ? ' scope="row"' : '';
  const cls = x.cls ? ` class="${esc(x.cls)}"` : '';
  return `<${tag}${scope}${cls}>${esc(x.text)}</${tag}>`;
}

export interface TableRow {
  cells: CellLike[];
  cls?: string;
}

/** A captioned table in a horizontally scrolling wrapper (wide year-across tables on a phone). */
export function table(caption: string, head: CellLike[], rows: (TableRow | CellLike[])[], id?: string): string {
  const body = rows
    .map((r) => {
      const row = Array.isArray(r) ? { cells: r } : r;
      const cls = row.cls ? ` class="${esc(row.cls)}"` : '';
      return `<tr${cls}>${row.cells.map((c) => cell(c, false)).join('')}</tr>`;
    })
    .join('\n');
  const idAttr = id ? ` id="${esc(id)}"` : '';
  return [
    `<div class="table-wrap"><table${idAttr}>`,
    `<caption>${esc(caption)}</caption>`,
    `<thead><tr>${head.map((c) => cell(c, true)).join('')}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>`,
    '</table></div>',
  ].join('\n');
}

/** A chart with the table of its figures right below it. */
export function figure(chart: Chart, figuresTable: string): string {
  return `<figure class="chart-figure" aria-labelledby="${esc(chart.id)}-title">\n${chart.svg}\n</figure>\n${figuresTable}`;
}

// ---------------------------------------------------------------------------------------------------------
// Headline cards

export interface Card {
  key: string;
  value: string;
  detail?: string;
  bad?: boolean;
  /** spans two columns (a range of values) */
  wide?: boolean;
}

export function cards(list: Card[]): string {
  const items = list.map(
    (c) =>
      `<div class="card${c.bad ? ' bad' : ''}${c.wide ? ' wide' : ''}"><div class="k">${esc(c.key)}</div><div class="v">${esc(c.value)}</div>` +
      (c.detail ? `<div class="x">${esc(c.detail)}</div>` : '') +
      '</div>',
  );
  return `<div class="headline">\n${items.join('\n')}\n</div>`;
}

// ---------------------------------------------------------------------------------------------------------
// Warnings and provenance

export function warningsSection(groups: { heading?: string; warnings: Warning[] }[]): string {
  const out = ['<section class="warnings break" id="warnings">', '<h2>Warnings</h2>'];
  const any = groups.some((g) => g.warnings.length > 0);
  if (!any) out.push('<p>None.</p>');
  for (const g of groups) {
    if (g.warnings.length === 0) continue;
    if (g.heading !== undefined) out.push(`<h3>${esc(g.heading)}</h3>`);
    out.push('<ul>');
    for (const w of g.warnings) {
      const where = formatLocation(w.loc);
      out.push(`<li><code>${esc(w.code)}</code> ${where ? `<span class="note">${esc(where)}:</span> ` : ''}${esc(w.message)}</li>`);
    }
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}

export function provenanceSection(meta: ReportMeta, date: string, extra: [string, string][] = []): string {
  const rows: [string, string][] = [
    ['Tool', `${meta.tool} ${meta.version}`],
    ['Command', meta.command],
    ['Date', date],
  ];
  if (meta.scenarios.length > 0) rows.push([meta.scenarios.length > 1 ? 'Scenarios' : 'Scenario', meta.scenarios.join('; ')]);
  if (meta.seed !== undefined) rows.push(['Seed', String(meta.seed)]);
  if (meta.draws !== undefined) rows.push(['Draws', String(meta.draws)]);
  rows.push(...extra);
  const dl = rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('\n');
  const inputs =
    meta.inputs.length === 0
      ? '<p>No input files.</p>'
      : table(
          'Inputs and their SHA-256',
          [{ text: 'Input', cls: 'l' }, { text: 'SHA-256', cls: 'l' }],
          meta.inputs.map((i) => [
            { text: i.name, th: true },
            { text: i.sha256, cls: 'l hash' },
          ]),
        );
  return ['<section class="prov-section" id="provenance">', '<h2>Provenance</h2>', '<div class="prov">', `<dl>\n${dl}\n</dl>`, inputs, '</div>', '</section>'].join('\n');
}
