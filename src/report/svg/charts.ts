// The report's charts, hand-built as SVG from the figures they show. Each function takes figures already
// chosen by the page (and the words that describe them) and returns a Chart; nothing here knows the model.
import { D, negative } from '../../decimal.js';
import type { YearInfo } from '../../model/types.js';
import { moneyShort } from '../numbers.js';
import { linearScale, moneyTicks as moneyTicksFor } from './scale.js';
import {
  GRID,
  INK,
  MUTED,
  PALETTE,
  axisTitle,
  chartRoot,
  label,
  legend,
  linePath,
  textWidth,
  verticalTitle,
  xAxis,
  yAxis,
  type Chart,
  type Swatch,
} from './frame.js';
import { el, textEl } from './xml.js';

const W = 720;
/** a white outline behind annotation text, so it stays readable where it crosses a line */
const HALO = { stroke: '#ffffff', 'stroke-width': 4, 'paint-order': 'stroke', 'stroke-linejoin': 'round' };

export interface ChartText {
  id: string;
  title: string;
  desc: string;
}

/** A data line; a single point (a one-year horizon) is drawn as a dot, since a one-point path shows nothing. */
function line(points: [number, number][], colour: string, dash?: string): string {
  if (points.length === 1) {
    const [x, y] = points[0]!;
    return el('circle', { cx: x, cy: y, r: 4, fill: dash ? '#ffffff' : colour, stroke: colour, 'stroke-width': 2, class: 'mark' });
  }
  return el('path', { d: linePath(points), fill: 'none', stroke: colour, 'stroke-width': 2.5, 'stroke-dasharray': dash, class: 'mark' });
}

/** Which year labels to print when there is room for about `room` of them: always the first and the last. */
function yearTicks(n: number, room: number): number[] {
  const every = Math.max(1, Math.ceil(n / Math.max(1, room)));
  const out: number[] = [];
  for (let t = 0; t < n; t += every) out.push(t);
  if (out[out.length - 1] !== n - 1) {
    // keep the last year; drop the one before it if they would collide
    if (n - 1 - out[out.length - 1]! < every / 2 + 0.5 && out.length > 1) out.pop();
    out.push(n - 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// (a) Spend by silo over the years, baseline against scenario: small multiples, one panel per silo.

export interface SpendPanel {
  name: string;
  baseline: D[];
  scenario: D[];
}

/** Words of the panels: the funding gap's chart reuses them with its own legend (every panel shares one scale from zero). */
export interface PanelOptions {
  legend?: [string, string];
}

export function spendBySiloChart(text: ChartText, years: YearInfo[], panels: SpendPanel[], opts: PanelOptions = {}): Chart {
  const cols = panels.length > 1 ? 2 : 1;
  const rows = Math.max(1, Math.ceil(panels.length / cols));
  const panelW = W / cols;
  const panelH = 200;
  const top = 58;
  const height = top + rows * panelH + 30;
  const body: string[] = [
    legend(12, 42, [
      { kind: 'line', colour: PALETTE.blue, label: opts.legend?.[0] ?? 'Baseline' },
      { kind: 'line', colour: PALETTE.vermillion, dash: '6 4', label: opts.legend?.[1] ?? 'Scenario' },
    ]),
    textEl('text', { x: W - 12, y: 42, dy: '0.32em', 'text-anchor': 'end', fill: MUTED, 'font-size': 11 }, 'Every panel on one scale, from £0'),
  ];
  // one scale for every panel, from zero, so that silos compare by eye and a small change looks small
  const all = panels.flatMap((p) => [...p.baseline, ...p.scenario]);
  panels.forEach((p, i) => {
    const ox = (i % cols) * panelW;
    const oy = top + Math.floor(i / cols) * panelH;
    const left = ox + 78;
    const right = ox + panelW - 30;
    const y0 = oy + 28;
    const y1 = oy + panelH - 34;
    const scale = linearScale(all, y1, y0, { zero: true, count: 4 });
    const step = years.length > 1 ? (right - left) / (years.length - 1) : 0;
    const xAt = (t: number): number => (years.length > 1 ? left + t * step : (left + right) / 2);
    const series = (values: D[]): [number, number][] => values.map((v, t) => [xAt(t), scale.at(v)]);
    body.push(
      label(left, oy + 16, p.name, 40, { 'font-weight': 'bold', 'font-size': 12 }),
      yAxis(scale, left, right),
      verticalTitle(ox + 14, (y0 + y1) / 2, '£ a year'),
      ...yearTicks(years.length, 4).map((t) =>
        textEl('text', { x: xAt(t), y: y1 + 16, 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 }, years[t]!.label),
      ),
      line(series(p.baseline), PALETTE.blue),
      line(series(p.scenario), PALETTE.vermillion, '6 4'),
    );
  });
  body.push(axisTitle(W / 2, height - 10, 'Financial year'));
  return chartRoot(text.id, W, height, text.title, text.desc, body);
}

// ---------------------------------------------------------------------------------------------------------
// (b) The cumulative net cashable position, with the payback year and the peak funding requirement marked.

export interface CumulativeFigures {
  /** net cashable in each year (bars) */
  net: D[];
  /** running sum of `net`, undiscounted (solid line) */
  cumulative: D[];
  /** running sum of the discounted net (dashed line): the payback test */
  discounted: D[];
  paybackT: number | null;
  peak: D | null;
}

export function cumulativeChart(text: ChartText, years: YearInfo[], f: CumulativeFigures): Chart {
  const height = 400;
  const left = 86;
  const right = W - 24;
  const top = 78;
  const bottom = height - 58;
  const values = [...f.net, ...f.cumulative, ...f.discounted];
  // leave room under the lowest point for the peak funding label
  const lowest = values.reduce((a, v) => (v.lessThan(a) ? v : a), new D(0));
  const highest = values.reduce((a, v) => (v.greaterThan(a) ? v : a), new D(0));
  if (negative(lowest)) values.push(lowest.minus(highest.minus(lowest).times('0.1')));
  const scale = linearScale(values, bottom, top, { zero: true, count: 6 });
  const band = (right - left) / Math.max(1, years.length);
  const xAt = (t: number): number => left + band * (t + 0.5);
  const barW = Math.min(48, Math.max(2, band * 0.55));
  const zeroY = scale.at(new D(0));
  const body: string[] = [
    legend(12, 44, [
      { kind: 'box', colour: PALETTE.sky, label: 'Net cashable in the year' },
      { kind: 'line', colour: PALETTE.blue, label: 'Cumulative, cash' },
      { kind: 'line', colour: PALETTE.purple, dash: '6 4', label: 'Cumulative, discounted' },
    ]),
    yAxis(scale, left, right),
    verticalTitle(18, (top + bottom) / 2, '£ (real terms)'),
    axisTitle((left + right) / 2, height - 12, 'Financial year'),
    ...yearTicks(years.length, 10).map((t) =>
      textEl('text', { x: xAt(t), y: bottom + 18, 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 }, years[t]!.label),
    ),
  ];
  f.net.forEach((v, t) => {
    const y = scale.at(v);
    body.push(el('rect', { x: xAt(t) - barW / 2, y: Math.min(y, zeroY), width: barW, height: Math.max(0.5, Math.abs(y - zeroY)), fill: PALETTE.sky, class: 'mark' }));
  });
  body.push(el('line', { x1: left, x2: right, y1: zeroY, y2: zeroY, stroke: MUTED, 'stroke-width': 1.2 }));
  const pts = (values: D[]): [number, number][] => values.map((v, t) => [xAt(t), scale.at(v)]);
  body.push(
    line(pts(f.discounted), PALETTE.purple, '6 4'),
    line(pts(f.cumulative), PALETTE.blue),
  );
  if (f.paybackT !== null && years[f.paybackT]) {
    const x = xAt(f.paybackT);
    const anchor = f.paybackT > years.length / 2 ? 'end' : 'start';
    body.push(
      el('line', { x1: x, x2: x, y1: top - 10, y2: bottom, stroke: INK, 'stroke-width': 1.5, 'stroke-dasharray': '2 3' }),
      textEl(
        'text',
        { x: anchor === 'end' ? x - 6 : x + 6, y: top - 2, 'text-anchor': anchor, fill: INK, 'font-size': 12, 'font-weight': 'bold', ...HALO },
        `Payback ${years[f.paybackT]!.label}`,
      ),
    );
  }
  if (f.peak !== null && f.peak.greaterThan(0)) {
    // the trough of the cash line: the first year the cumulative position is at its lowest
    let at = 0;
    f.cumulative.forEach((v, t) => {
      if (v.lessThan(f.cumulative[at]!)) at = t;
    });
    const x = xAt(at);
    const y = scale.at(f.cumulative[at]!);
    const anchor = at > years.length / 2 ? 'end' : 'start';
    body.push(
      el('line', { x1: left, x2: x, y1: y, y2: y, stroke: INK, 'stroke-width': 1, 'stroke-dasharray': '1 3' }),
      el('circle', { cx: x, cy: y, r: 6, fill: '#ffffff', stroke: INK, 'stroke-width': 2, class: 'mark' }),
      textEl(
        'text',
        { x: anchor === 'end' ? x - 10 : x + 10, y: Math.min(bottom - 6, y + 20), 'text-anchor': anchor, fill: INK, 'font-size': 12, 'font-weight': 'bold', ...HALO },
        `Peak funding requirement ${moneyShort(f.peak)}`,
      ),
    );
  }
  return chartRoot(text.id, W, height, text.title, text.desc, body);
}

// ---------------------------------------------------------------------------------------------------------
// (c) and compare: horizontal bars from zero, several series per row (diverging when values change sign).

export interface BarRow {
  label: string;
  /** a second, smaller line under the label (e.g. "wrong pocket") */
  note?: string;
  values: (D | null)[];
}

export interface BarSeries {
  name: string;
  colour: string;
}

export interface BarOptions {
  axisTitle: string;
  /** how a bar's value is written beside it */
  format: (v: D) => string;
  /** how the axis ticks are written (default: money, one unit for the axis) */
  tickFormat?: (ticks: D[]) => (v: D) => string;
  /** a reference line (e.g. an ROI of 1) */
  reference?: { value: D; label: string };
  /** where bars start (default zero; a tornado's bars start at the central value) */
  base?: D;
  /** colour of the second line under a row's label (default: vermillion, a warning) */
  noteColour?: string;
}

const LABEL_MAX = 44;
const WRAP_AT = 34;

/** A row label in one or two lines: split after the last `: ` (or else a `, `, or a space) when it is long. */
export function wrapLabel(text: string): string[] {
  if ([...text].length <= WRAP_AT) return [text];
  const colon = text.lastIndexOf(': ');
  const comma = text.lastIndexOf(', ', WRAP_AT);
  const cut = colon > 0 ? colon + 1 : comma > 0 ? comma + 1 : text.lastIndexOf(' ', WRAP_AT);
  if (cut <= 0) return [text];
  return [text.slice(0, cut).trim(), text.slice(cut).trim()];
}

export function barChart(text: ChartText, rows: BarRow[], series: BarSeries[], opts: BarOptions): Chart {
  const barH = 14;
  const lineH = 13;
  // a long label is broken in two (after "Intervention:" when it has one); its note goes on the next line
  const texts = rows.map((r) => [...wrapLabel(r.label), ...(r.note ? [r.note] : [])]);
  const lines = Math.max(1, ...texts.map((t) => t.length));
  const rowH = Math.max(series.length * barH + 18, lines * lineH + 12);
  const top = 64;
  // the label column grows with the longest line, within limits (longer lines are shortened)
  const longest = Math.max(8, ...texts.flat().map((t) => [...t].length));
  const labelChars = Math.min(LABEL_MAX, longest);
  const labelX = 12 + Math.max(110, Math.min(300, textWidth('x'.repeat(labelChars), 12)));
  const left = labelX + 72;
  const right = W - 72;
  const bottom = top + Math.max(1, rows.length) * rowH;
  const height = bottom + 52;
  const base = opts.base ?? new D(0);
  const values = rows.flatMap((r) => r.values.filter((v): v is D => v !== null));
  if (opts.reference) values.push(opts.reference.value);
  values.push(base);
  // bars from zero need zero on the axis; a tornado's bars start at the central value, and zero is shown
  // only when the figures reach it
  const scale = linearScale(values, left, right, { zero: opts.base === undefined, count: 5 });
  const zeroX = scale.at(base);
  const body: string[] = [
    legend(12, 44, series.map((s): Swatch => ({ kind: 'box', colour: s.colour, label: s.name }))),
    xAxis(scale, top - 6, bottom, opts.tickFormat ? opts.tickFormat(scale.ticks) : undefined),
    axisTitle((left + right) / 2, height - 12, opts.axisTitle),
  ];
  rows.forEach((r, i) => {
    const rowTop = top + i * rowH;
    const y = rowTop + (rowH - series.length * barH) / 2;
    const mid = rowTop + rowH / 2;
    if (i > 0) body.push(el('line', { x1: 12, x2: right, y1: rowTop, y2: rowTop, stroke: GRID, 'stroke-width': 0.6 }));
    const own = texts[i]!;
    const first = mid - ((own.length - 1) * lineH) / 2;
    own.forEach((t, k) => {
      const isNote = r.note !== undefined && k === own.length - 1;
      const at = first + k * lineH;
      if (!isNote) body.push(label(labelX, at, t, LABEL_MAX, { 'text-anchor': 'end', dy: '0.32em', 'font-size': 12 }));
      else {
        const style = { fill: opts.noteColour ?? PALETTE.vermillion, 'font-size': 11, 'font-weight': opts.noteColour ? 'normal' : 'bold' };
        body.push(textEl('text', { x: labelX, y: at, dy: '0.32em', 'text-anchor': 'end', ...style }, t));
      }
    });
    r.values.forEach((v, j) => {
      if (v === null) return;
      const x = scale.at(v);
      const by = y + j * barH;
      body.push(
        el('rect', {
          x: Math.min(x, zeroX),
          y: by + 1,
          width: Math.max(0.5, Math.abs(x - zeroX)),
          height: barH - 2,
          fill: series[j]!.colour,
          class: 'mark',
        }),
        textEl(
          'text',
          { x: v.lessThan(base) ? Math.min(x, zeroX) - 4 : Math.max(x, zeroX) + 4, y: by + barH / 2, dy: '0.32em', 'text-anchor': v.lessThan(base) ? 'end' : 'start', fill: INK, 'font-size': 10 },
          opts.format(v),
        ),
      );
    });
  });
  if (opts.reference) {
    const x = scale.at(opts.reference.value);
    const anchor = x > (left + right) / 2 ? 'end' : 'start';
    body.push(
      el('line', { x1: x, x2: x, y1: top - 6, y2: bottom, stroke: INK, 'stroke-width': 1.5, 'stroke-dasharray': '4 3' }),
      textEl('text', { x: anchor === 'end' ? x - 4 : x + 4, y: top - 10, 'text-anchor': anchor, fill: INK, 'font-size': 11, ...HALO }, opts.reference.label),
    );
  }
  return chartRoot(text.id, W, height, text.title, text.desc, body);
}

// ---------------------------------------------------------------------------------------------------------
// (d) The distribution of a simulated measure: a histogram of the draws, with marked values.

export interface HistogramFigures {
  bins: { from: D; to: D; count: number }[];
  draws: number;
  /** vertical lines: break-even, the central value, percentiles */
  markers: { value: D; label: string; colour: string; dash?: string }[];
}

export function histogramChart(text: ChartText, f: HistogramFigures, axisTitleText: string): Chart {
  const height = 400;
  const left = 70;
  const right = W - 24;
  const top = 70 + 16 * Math.max(0, f.markers.length - 1);
  const bottom = height - 58;
  const lo = f.bins[0]?.from ?? new D(0);
  const hi = f.bins[f.bins.length - 1]?.to ?? new D(0);
  const xs = [lo, hi, ...f.markers.map((m) => m.value)];
  const x = linearScale(xs, left, right, { count: 6 });
  const tallest = Math.max(1, ...f.bins.map((b) => b.count));
  const shares = f.bins.map((b) => new D(b.count).dividedBy(Math.max(1, f.draws)));
  const y = linearScale([new D(tallest).dividedBy(Math.max(1, f.draws))], bottom, top, { zero: true, count: 4 });
  const pct = (v: D): string => `${v.times(100).toDecimalPlaces(1, D.ROUND_HALF_UP).toString()}%`;
  const body: string[] = [
    legend(12, 44, [
      { kind: 'box', colour: PALETTE.vermillion, label: 'Draws below £0' },
      { kind: 'box', colour: PALETTE.blue, label: 'Draws at or above £0' },
    ]),
    yAxis(y, left, right, pct),
    verticalTitle(16, (top + bottom) / 2, 'Share of draws'),
    axisTitle((left + right) / 2, height - 12, axisTitleText),
  ];
  const fmt = moneyTicksFor(x.ticks);
  for (const t of x.ticks) {
    body.push(textEl('text', { x: x.at(t), y: bottom + 18, 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 }, fmt(t)));
  }
  f.bins.forEach((b, i) => {
    // every draw equal: one bin of no width, drawn as a narrow bar centred on the value
    const x0 = b.from.equals(b.to) ? x.at(b.from) - 6 : x.at(b.from);
    const x1 = b.from.equals(b.to) ? x.at(b.to) + 6 : x.at(b.to);
    const yTop = y.at(shares[i]!);
    if (b.count === 0) return;
    // a bin that straddles zero is split in two at zero, each part coloured by its side
    const zero = new D(0);
    const parts: [number, number, string][] =
      b.from.lessThan(zero) && b.to.greaterThan(zero)
        ? [
            [x0, x.at(zero), PALETTE.vermillion],
            [x.at(zero), x1, PALETTE.blue],
          ]
        : [[x0, x1, b.to.lessThanOrEqualTo(zero) && !b.from.isZero() ? PALETTE.vermillion : PALETTE.blue]];
    for (const [a, c, colour] of parts) {
      body.push(el('rect', { x: a + 0.5, y: yTop, width: Math.max(0.5, c - a - 1), height: Math.max(0.5, bottom - yTop), fill: colour, class: 'mark' }));
    }
  });
  f.markers.forEach((m, i) => {
    const mx = x.at(m.value);
    const ly = top - 8 - 16 * (f.markers.length - 1 - i);
    const anchor = mx > (left + right) / 2 ? 'end' : 'start';
    body.push(
      el('line', { x1: mx, x2: mx, y1: ly + 4, y2: bottom, stroke: m.colour, 'stroke-width': 1.8, 'stroke-dasharray': m.dash }),
      textEl('text', { x: anchor === 'end' ? mx - 4 : mx + 4, y: ly, 'text-anchor': anchor, fill: INK, 'font-size': 11, 'font-weight': 'bold', ...HALO }, m.label),
    );
  });
  return chartRoot(text.id, W, height, text.title, text.desc, body);
}
