// Paths into a parsed document: `interventions[1].cashable.helth` as segments and back, and the walk that
// finds where a path was written (for located errors).
import { FIELDS } from '../model/schema.js';
import { normaliseSilo } from '../model/silo.js';
import type { DocEntry, DocMap, DocNode, DocSeq, PathSeg } from './doc-nodes.js';

/**
 * Parse `interventions[1].cashable.helth` or `interventions.1.cashable.helth` into segments. Bracketed
 * indices become numbers; dotted segments stay text (a walk treats digits as an index when it meets a list).
 */
export function parsePath(path: string): PathSeg[] {
  const segs: PathSeg[] = [];
  let i = 0;
  let cur = '';
  let pending = false;
  const flush = (): void => {
    if (pending || cur !== '') segs.push(cur);
    cur = '';
    pending = false;
  };
  while (i < path.length) {
    const c = path[i]!;
    if (c === '.') {
      flush();
      pending = true;
      i++;
    } else if (c === '[') {
      const close = path.indexOf(']', i);
      const inner = close < 0 ? '' : path.slice(i + 1, close);
      if (close > 0 && /^\d+$/.test(inner)) {
        if (cur !== '') segs.push(cur);
        cur = '';
        pending = false;
        segs.push(Number(inner));
        i = close + 1;
      } else {
        cur += c;
        i++;
      }
    } else {
      cur += c;
      i++;
    }
  }
  if (cur !== '' || pending) segs.push(cur);
  return segs;
}

/** `interventions[1].cashable.helth` (the form shown to users). */
export function formatPath(segs: readonly PathSeg[]): string {
  let out = '';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

/** `interventions.1.cashable.health` (the canonical dotted form of uncertain values and sweeps). */
export function dottedPath(segs: readonly PathSeg[]): string {
  return segs.map(String).join('.');
}

/** A map's entry by key: exactly, else by normalised silo identifier (`Social care` finds `social_care`). */
export function findEntry(map: DocMap, key: string): DocEntry | undefined {
  const exact = map.entries.find((e) => e.key === key);
  if (exact) return exact;
  const norm = normaliseSilo(key);
  return map.entries.find((e) => normaliseSilo(e.key) === norm);
}

interface Walk {
  /** the deepest node reached */
  node: DocNode | null;
  /** segments not found */
  missing: number;
  /** the path for display: indices resolved to numbers */
  display: PathSeg[];
}

export function walkPath(root: DocNode | null, segs: readonly PathSeg[]): Walk {
  let node = root;
  const display: PathSeg[] = [];
  let i = 0;
  for (; i < segs.length && node; i++) {
    const seg = segs[i]!;
    let next: DocNode | undefined;
    if (node.kind === 'seq') {
      const index = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : itemByName(node, seg);
      if (index !== undefined && index < node.items.length) {
        next = node.items[index];
        display.push(index);
      }
    } else if (node.kind === 'map') {
      next = findEntry(node, String(seg))?.value;
      if (next) display.push(String(seg));
    }
    if (!next) break;
    node = next;
  }
  for (let j = i; j < segs.length; j++) {
    const s = segs[j]!;
    display.push(typeof s === 'string' && /^\d+$/.test(s) && j > 0 && isListField(display) ? Number(s) : s);
  }
  return { node, missing: segs.length - i, display };
}

/** After a walk fails, whether the last displayed segment names a list (to show a later digit as `[n]`). */
function isListField(display: readonly PathSeg[]): boolean {
  const last = display[display.length - 1];
  return typeof last === 'string' && LIST_FIELDS.has(last);
}
/** The scenario fields that are lists (by their own name), from the schema. */
const LIST_FIELDS: ReadonlySet<string> = new Set(FIELDS.filter((f) => f.shape === 'list' || f.kind === 'items' || f.kind === 'places').map((f) => f.key.slice(f.key.lastIndexOf('.') + 1)));

/** The index of the list item (a map) whose `name` is `name`. */
function itemByName(seq: DocSeq, name: string): number | undefined {
  const i = seq.items.findIndex((item) => item.kind === 'map' && item.entries.some((e) => e.key === 'name' && e.value.kind === 'scalar' && e.value.text.trim() === name.trim()));
  return i < 0 ? undefined : i;
}
