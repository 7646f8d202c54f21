// A YAML or JSON document as a tree of nodes that remember where they were written, for located errors.
// Scenario files and batch manifests are both read through here. JSON goes through the same YAML parser (JSON
// is YAML 1.2 flow syntax) after a strict JSON syntax check, so positions and the exact source text of every
// number survive: a number becomes a decimal from the digits the analyst wrote (`0.035`), never via a float.
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument as parseYaml, visit, type Node as YamlNode, type Document } from 'yaml';
import { D } from '../decimal.js';
import { InputError, ProblemList, type Location, type Warning } from '../errors.js';
import type { InputSource } from '../model/types.js';
import { formatPath, parsePath, walkPath } from './doc-paths.js';
import type { DocEntry, DocNode, DocScalar, PathSeg } from './doc-nodes.js';
import { checkJson } from './json-check.js';

export type { DocEntry, DocMap, DocNode, DocScalar, DocSeq, PathSeg } from './doc-nodes.js';
import { FORBIDDEN_KEYS } from './doc-nodes.js';
export { FORBIDDEN_KEYS };
export { dottedPath, findEntry, formatPath, parsePath } from './doc-paths.js';

/** A parsed YAML or JSON file. Immutable. */
export class ParsedDocument {
  constructor(
    readonly source: InputSource,
    readonly format: 'yaml' | 'json',
    /** null for a file with no content (empty, or only comments) */
    readonly root: DocNode | null,
    /** warnings from reading the file (e.g. its text encoding), passed on to whatever is built from it */
    readonly warnings: readonly Warning[] = [],
  ) {}

  /** The node at a path, or undefined. Accepts `a.b[1].c`, `a.b.1.c`, or segments. */
  get(path: string | readonly PathSeg[]): DocNode | undefined {
    const walk = walkPath(this.root, typeof path === 'string' ? parsePath(path) : path);
    return walk.missing === 0 && walk.node ? walk.node : undefined;
  }

  /**
   * Where a path was written: the position of its value, or of the nearest parent that exists. The path shown
   * is the one asked for, with list indices in brackets: `interventions[1].cashable.helth`.
   */
  locate(path: string | readonly PathSeg[]): Location {
    const segs = typeof path === 'string' ? parsePath(path) : path;
    const walk = walkPath(this.root, segs);
    const loc: Location = { file: this.source.name, line: walk.node?.line ?? 1, column: walk.node?.column ?? 1 };
    if (segs.length) loc.path = formatPath(walk.display);
    return loc;
  }

  /** The location of a node reached by `path` (for builders that walk the tree themselves). */
  nodeLoc(node: { line: number; column: number } | undefined, path: readonly PathSeg[]): Location {
    const loc: Location = { file: this.source.name, line: node?.line ?? 1, column: node?.column ?? 1 };
    if (path.length) loc.path = formatPath(path);
    return loc;
  }

  /** The location of a map entry's key (for unknown or duplicate keys). */
  keyLoc(entry: DocEntry, path: readonly PathSeg[]): Location {
    return { file: this.source.name, line: entry.keyLine, column: entry.keyColumn, path: formatPath(path) };
  }
}

/** Parse YAML or JSON. JSON (a `.json` name, or `format: 'json'`) is first checked strictly as JSON. */
export function parseDocument(text: string, source: InputSource, options: { format?: 'yaml' | 'json'; warnings?: readonly Warning[] } = {}): ParsedDocument {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // line ends of a lone carriage return (old Mac files, some exports) read as line feeds, as CSV reads them:
  // one character for one, so every line and column stays where it was
  text = text.replace(/\r(?!\n)/g, '\n');
  const format = options.format ?? (/\.json$/i.test(source.name) ? 'json' : 'yaml');
  const lines = new LineCounter();
  const pos = (offset: number): { line: number; column: number } => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (format === 'json') {
    const bad = checkJson(text);
    if (bad) {
      // LineCounter is filled by the YAML parser; count lines by hand here.
      const before = text.slice(0, bad.offset);
      const line = before.split('\n').length;
      const column = bad.offset - (before.lastIndexOf('\n') + 1) + 1;
      throw new InputError([
        {
          message: `JSON syntax error: ${bad.message}`,
          loc: { file: source.name, line, column },
          hint: 'JSON needs double-quoted keys and text, commas between items (none after the last) and matching brackets.',
        },
      ]);
    }
  }
  const ydoc = parseYaml(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, keepSourceTokens: true, version: '1.2' });
  const problems = new ProblemList();
  for (const e of [...ydoc.errors, ...ydoc.warnings]) {
    if (/maximum call stack/i.test(e.message)) {
      // The parser's own recursion limit: where it gave up depends on the stack, so point at the bracket that
      // goes past MAX_DEPTH instead, with the same message as any document nested too deeply.
      const at = deepBracket(text, MAX_DEPTH);
      throw new InputError({
        message: `the document is nested more than ${MAX_DEPTH} levels deep`,
        loc: { file: source.name, ...pos(at ?? e.pos[0]) },
        hint: 'Check the brackets and indentation: no placepool file needs more than a few levels.',
      });
    }
    // A quote never closed is noticed where the text ends: point at the quote that opens it instead.
    const quote = e.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(e.message)?.[1] : undefined;
    problems.add({
      message: `${format === 'json' ? 'JSON' : 'YAML'} syntax error: ${quote ? `a ${quote}quoted${quote} value is never closed (no closing ${quote})` : describeYamlError(e.code, e.message)}`,
      loc: { file: source.name, ...pos(quote ? openingQuote(text, e.pos[0], quote) : e.pos[0]) },
      hint: yamlHint(e.code),
    });
  }
  problems.throwIfAny(`${source.name} cannot be read`);
  const contents = ydoc.contents as YamlNode | null;
  const converter = new Converter(text, ydoc, source, pos, problems);
  const root = contents === null || contents === undefined ? null : converter.convert(contents);
  problems.throwIfAny(`${source.name} cannot be read`);
  return new ParsedDocument(source, format, root, options.warnings ?? []);
}

export const MAX_NODES = 200_000;
export const MAX_DEPTH = 100;
/** More aliases than any hand-written file needs: a file with more is refused (each costs work to expand). */
export const MAX_ALIASES = 10_000;

/**
 * The opening quote of a quoted scalar that ends, unclosed, at `end`: the nearest quote before it that is not
 * escaped (`\"`) or doubled (`''`), since an unclosed scalar holds no other.
 */
function openingQuote(text: string, end: number, quote: string): number {
  let i = Math.min(end, text.length) - 1;
  while (i >= 0) {
    if (text[i] === quote) {
      if (quote === '"' && text[i - 1] === '\\') i -= 2;
      else if (quote === "'" && text[i - 1] === "'") i -= 2;
      else return i;
    } else i--;
  }
  return end;
}

/** The offset of the first `[` or `{` more than `limit` levels deep (quotes and comments skipped, roughly). */
function deepBracket(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      const eol = text.indexOf('\n', i + 1);
      if (end > 0 && (eol < 0 || end < eol)) i = end;
    } else if (c === '#') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

class Converter {
  private count = 0;
  /** the aliases written in the file (each counted once, however often an expansion repeats it) */
  private readonly aliases = new Set<unknown>();
  /** every anchor by name, in document order (an alias names the last one before it): built once, not per alias */
  private anchors: Map<string, { start: number; node: YamlNode }[]> | undefined;
  constructor(
    private readonly text: string,
    private readonly ydoc: Document.Parsed,
    private readonly source: InputSource,
    private readonly pos: (offset: number) => { line: number; column: number },
    private readonly problems: ProblemList,
  ) {}

  convert(node: unknown, depth = 0): DocNode {
    if (++this.count > MAX_NODES || depth > MAX_DEPTH) {
      const at = this.pos((node as YamlNode | undefined)?.range?.[0] ?? 0);
      throw new InputError([
        depth > MAX_DEPTH
          ? { message: `the document is nested more than ${MAX_DEPTH} levels deep`, loc: { file: this.source.name, ...at }, hint: 'Check the brackets and indentation: no placepool file needs more than a few levels.' }
          : {
              message: `the document holds more than ${MAX_NODES} values (aliases expanding without end?)`,
              loc: { file: this.source.name, ...at },
              hint: 'Write the values out instead of repeating anchors and aliases.',
            },
      ]);
    }
    if (isAlias(node)) {
      const start = node.range?.[0] ?? 0;
      this.aliases.add(node);
      if (this.aliases.size > MAX_ALIASES) {
        throw new InputError({
          message: `the document holds more than ${MAX_ALIASES.toLocaleString('en-GB')} aliases (*name)`,
          loc: { file: this.source.name, ...this.pos(start) },
          hint: 'Write the values out instead of repeating anchors and aliases.',
        });
      }
      const target = this.resolveAlias(node.source, start);
      if (!target) {
        this.problems.add({
          message: `the alias *${node.source} names no anchor (no \`&${node.source}\` before it)`,
          loc: { file: this.source.name, ...this.pos(start) },
          hint: `Define the anchor before its use (\`key: &${node.source} value\`), or check the spelling of the alias.`,
        });
        return this.scalarAt(start, null, '', false);
      }
      return this.convert(target, depth + 1);
    }
    const start = (node as YamlNode).range?.[0] ?? 0;
    const at = this.pos(start);
    if (isMap(node)) {
      const entries: DocEntry[] = [];
      const seen = new Map<string, DocEntry>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const keyStart = keyNode?.range?.[0] ?? start;
        const kp = this.pos(keyStart);
        if (!isScalar(keyNode) || keyNode.value === null) {
          this.problems.add({
            message: 'a key must be a plain name or number',
            loc: { file: this.source.name, ...kp },
            hint: 'Write `name: value`; lists and maps cannot be keys.',
          });
          continue;
        }
        const key = this.scalarText(keyNode).trim();
        if (FORBIDDEN_KEYS.has(key)) {
          this.problems.add({
            message: `the key \`${key}\` is not allowed`,
            loc: { file: this.source.name, ...kp },
            hint: 'Remove it: no field of a placepool file has this name.',
          });
          continue;
        }
        const previous = seen.get(key);
        if (previous) {
          this.problems.add({
            message: `the key \`${key}\` appears twice in the same map (first at line ${previous.keyLine}, column ${previous.keyColumn})`,
            loc: { file: this.source.name, ...kp },
            hint: 'Keep one of them: a later value would silently replace the earlier one.',
          });
          continue;
        }
        const value =
          pair.value === null || pair.value === undefined
            ? this.scalarAt(keyNode.range?.[1] ?? keyStart, null, '', false)
            : this.convert(pair.value, depth + 1);
        const entry: DocEntry = { key, keyLine: kp.line, keyColumn: kp.column, value };
        seen.set(key, entry);
        entries.push(entry);
      }
      return { kind: 'map', entries, ...at };
    }
    if (isSeq(node)) {
      return { kind: 'seq', items: node.items.map((item) => this.convert(item, depth + 1)), ...at };
    }
    if (isScalar(node)) {
      const v = node.value;
      const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      return { kind: 'scalar', value, text: this.scalarText(node), quoted, ...at };
    }
    return this.scalarAt(start, null, '', false);
  }

  /** The node an alias at `start` names: the last anchor of that name before it (as YAML resolves it). */
  private resolveAlias(name: string, start: number): YamlNode | undefined {
    if (!this.anchors) {
      const anchors = new Map<string, { start: number; node: YamlNode }[]>();
      visit(this.ydoc, (_key, n) => {
        const anchor = (n as { anchor?: string } | null)?.anchor;
        if (anchor && !isAlias(n)) {
          const list = anchors.get(anchor) ?? [];
          list.push({ start: (n as YamlNode).range?.[0] ?? 0, node: n as YamlNode });
          anchors.set(anchor, list);
        }
      });
      this.anchors = anchors;
    }
    const list = this.anchors.get(name);
    if (!list) return undefined;
    // binary search: the last anchor that starts before the alias
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : list[lo - 1]!.node;
  }

  private scalarAt(offset: number, value: null, text: string, quoted: boolean): DocScalar {
    return { kind: 'scalar', value, text, quoted, ...this.pos(offset) };
  }

  /** The exact text of a plain scalar; the value of a quoted or block one. */
  private scalarText(node: YamlNode & { value: unknown; type?: string | undefined }): string {
    if (node.type === 'PLAIN' && node.range) return this.text.slice(node.range[0], node.range[1]).trim();
    return node.value === null || node.value === undefined ? '' : String(node.value);
  }
}

function describeYamlError(code: string, message: string): string {
  switch (code) {
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one document (a second `---`)';
    case 'TAG_RESOLVE_FAILED':
      return message.replace(/^Unresolved tag/, 'unknown tag');
    default:
      // the parser's own recursion limit, reached by brackets or indentation thousands of levels deep
      if (/maximum call stack/i.test(message)) return 'the document is nested too deeply to read';
      return message.charAt(0).toLowerCase() + message.slice(1);
  }
}

function yamlHint(code: string): string {
  switch (code) {
    case 'MULTIPLE_DOCS':
      return 'Keep one scenario per file: remove the `---` line and what follows, or move it to its own file.';
    case 'TAG_RESOLVE_FAILED':
      return 'Remove the `!tag`: placepool files use plain values only.';
    case 'TAB_AS_INDENT':
      return 'Indent with spaces, not tabs.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'Check the indentation and that every bracket and quote is closed; the mistake may be on the line before.';
    default:
      return 'Check the line (and the one before it) for a missing colon, quote or bracket, or uneven indentation.';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Numbers

const DECIMAL_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * The exact decimal a scalar was written as, or undefined when it is not a plain decimal number (text in quotes,
 * `0x1F`, `.inf`, `yes`). `-0` is read as 0.
 */
export function scalarDecimal(node: DocNode | undefined): D | undefined {
  if (!node || node.kind !== 'scalar' || node.quoted || typeof node.value !== 'number') return undefined;
  if (!DECIMAL_TEXT.test(node.text)) return undefined;
  const d = new D(node.text);
  return d.isZero() ? new D(0) : d;
}


/** How a node reads in a message: `0.35`, `"abc"`, `a list`, `a map`, `nothing`. */
export function describeNode(node: DocNode | undefined): string {
  if (!node) return 'nothing';
  if (node.kind === 'map') return 'a map';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'nothing';
  if (node.quoted || typeof node.value === 'string') return `the text "${node.text.length > 40 ? `${node.text.slice(0, 37)}...` : node.text}"`;
  return node.text;
}

/**
 * The document as plain data: maps become null-prototype objects, numbers their exact decimal text, for
 * callers that want a plain value (e.g. to print it). Lossless for numbers; positions are dropped.
 */
export function toPlain(node: DocNode | null): unknown {
  if (!node) return null;
  if (node.kind === 'seq') return node.items.map(toPlain);
  if (node.kind === 'map') {
    const out = Object.create(null) as Record<string, unknown>;
    for (const e of node.entries) out[e.key] = toPlain(e.value);
    return out;
  }
  const d = scalarDecimal(node);
  if (d) return d;
  return node.value;
}
