// The smallest safe way to write markup: every piece of text goes through `esc`, every number through `num`.
// Shared by the SVG charts and the HTML pages (both are parsed as HTML5 when inlined, and as XML on their own).
import { visibleControls } from '../../terminal-text.js';

/** Escape text for element content and double-quoted attribute values (HTML and XML alike). */
export function esc(text: string): string {
  // a control character is not allowed in XML, and shows as nothing in HTML: shown escaped, as on a terminal
  return visibleControls(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A coordinate for SVG: at most one decimal, never `-0`, so that output is short and byte-stable. */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite coordinate: ${n}`);
  const r = Math.round(n * 10) / 10;
  return r === 0 ? '0' : String(r);
}

export type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue;
    out += ` ${k}="${typeof v === 'number' ? num(v) : esc(v)}"`;
  }
  return out;
}

/** An element with escaped attributes; `children` is markup already (build it with `el` or `text`). */
export function el(name: string, a: Attrs = {}, children?: string | string[]): string {
  const inner = Array.isArray(children) ? children.join('') : children;
  return inner === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${inner}</${name}>`;
}

/** An element whose content is plain text (escaped). */
export function textEl(name: string, a: Attrs, content: string): string {
  return el(name, a, esc(content));
}
