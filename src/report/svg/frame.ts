// The parts every chart shares: the root element with its text alternative, the palette, axes and legends.
import type { D } from '../../decimal.js';
import { el, esc, num, textEl } from './xml.js';
import { moneyTicks, type Scale } from './scale.js';

/**
 * Okabe & Ito (2008), "Color Universal Design": eight colours told apart with every common kind of colour
 * blindness. Series also differ by line style or position, never by colour alone.
 */
export const PALETTE = {
  black: '#000000',
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const GRID = '#d9d9d9';
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** A rendered chart: its SVG markup plus the words that stand for it. */
export interface Chart {
  id: string;
  title: string;
  desc: string;
  svg: string;
}

/** The root `<svg>`: scalable (viewBox), an image to assistive technology, titled and described. */
export function chartRoot(id: string, width: number, height: number, title: string, desc: string, body: string[]): Chart {
  const svg = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': `${id}-title ${id}-desc`,
      class: 'chart',
      id,
      'font-family': FONT,
      'font-size': 12,
    },
    [
      textEl('title', { id: `${id}-title` }, title),
      textEl('desc', { id: `${id}-desc` }, desc),
      el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }),
      textEl('text', { x: 12, y: 22, 'font-size': 15, 'font-weight': 'bold', fill: INK }, title),
      ...body,
    ],
  );
  return { id, title, desc, svg };
}

/** Horizontal grid lines with tick labels on the left, for a vertical value axis. */
export function yAxis(scale: Scale, x0: number, x1: number, format: (v: D) => string = moneyTicks(scale.ticks)): string {
  return scale.ticks
    .map((t) => {
      const y = scale.at(t);
      return (
        el('line', { x1: x0, x2: x1, y1: y, y2: y, stroke: t.isZero() ? MUTED : GRID, 'stroke-width': t.isZero() ? 1.2 : 1 }) +
        textEl('text', { x: x0 - 6, y, dy: '0.32em', 'text-anchor': 'end', fill: MUTED, 'font-size': 11 }, format(t))
      );
    })
    .join('');
}

/** Vertical grid lines with tick labels below, for a horizontal value axis. */
export function xAxis(scale: Scale, y0: number, y1: number, format: (v: D) => string = moneyTicks(scale.ticks)): string {
  return scale.ticks
    .map((t) => {
      const x = scale.at(t);
      return (
        el('line', { x1: x, x2: x, y1: y0, y2: y1, stroke: t.isZero() ? MUTED : GRID, 'stroke-width': t.isZero() ? 1.2 : 1 }) +
        textEl('text', { x, y: y1 + 16, 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 }, format(t))
      );
    })
    .join('');
}

/** A rotated axis title, centred on the given point. */
export function verticalTitle(x: number, y: number, text: string): string {
  return textEl('text', { x, y, transform: `rotate(-90 ${num(x)} ${num(y)})`, 'text-anchor': 'middle', fill: INK, 'font-size': 11 }, text);
}

export function axisTitle(x: number, y: number, text: string, anchor: 'start' | 'middle' | 'end' = 'middle'): string {
  return textEl('text', { x, y, 'text-anchor': anchor, fill: INK, 'font-size': 11 }, text);
}

export type Swatch =
  | { kind: 'line'; colour: string; dash?: string; label: string }
  | { kind: 'box'; colour: string; label: string }
  | { kind: 'dot'; colour: string; label: string };

/** A one-line legend starting at (x, y); items are spaced by an estimate of their text width. */
export function legend(x: number, y: number, items: Swatch[]): string {
  let at = x;
  const out: string[] = [];
  for (const item of items) {
    if (item.kind === 'line') {
      out.push(el('line', { x1: at, x2: at + 24, y1: y, y2: y, stroke: item.colour, 'stroke-width': 2.5, 'stroke-dasharray': item.dash }));
    } else if (item.kind === 'box') {
      out.push(el('rect', { x: at + 4, y: y - 6, width: 16, height: 12, fill: item.colour }));
    } else {
      out.push(el('circle', { cx: at + 12, cy: y, r: 5, fill: '#ffffff', stroke: item.colour, 'stroke-width': 2 }));
    }
    out.push(textEl('text', { x: at + 30, y, dy: '0.32em', fill: INK, 'font-size': 11 }, item.label));
    at += 30 + textWidth(item.label, 11) + 18;
  }
  return out.join('');
}

/** A rough width of text in a sans-serif face, for layout (no font metrics in Node). */
export function textWidth(text: string, size: number): number {
  return [...text].length * size * 0.56;
}

/** Shorten a label to about `max` characters; the full text goes in a tooltip. */
export function label(x: number, y: number, text: string, max: number, a: Record<string, string | number> = {}): string {
  const chars = [...text];
  const short = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
  const tip = short === text ? '' : textEl('title', {}, text);
  return el('text', { x, y, fill: INK, ...a }, esc(short) + tip);
}

/** A path through points (a polyline as `M x y L x y ...`). */
export function linePath(points: [number, number][]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`).join(' ');
}
