// The import graph of src/ points only downwards and has no cycles. The layers, top to bottom:
//   cli -> batch -> report -> uncertainty -> io -> model -> ground (the files at the top of src/)
// An import may go to its own layer or a lower one, except that report and uncertainty never import io: they
// work on typed model values, whatever file or document those came from.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

const LAYERS = ['ground', 'model', 'io', 'uncertainty', 'report', 'batch', 'cli'] as const;
type Layer = (typeof LAYERS)[number];

/** Imports allowed in spite of the rules, as `from -> to` (paths under src/). */
const ALLOWED = new Set<string>([]);

interface Edge {
  from: string;
  to: string;
  line: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
    });
}

const rel = (path: string): string => relative(SRC, path).split(sep).join('/');

/** Every relative import of every file: static, `export ... from`, `import type`, and `import('...')`. */
function importGraph(files: readonly string[], read: (path: string) => string): { edges: Edge[]; unresolved: string[] } {
  const known = new Set(files);
  const edges: Edge[] = [];
  const unresolved: string[] = [];
  for (const file of files) {
    const text = read(file);
    for (const spec of ts.preProcessFile(text, true, true).importedFiles) {
      if (!spec.fileName.startsWith('.')) continue;
      const line = text.slice(0, spec.pos).split('\n').length;
      const target = resolve(dirname(file), spec.fileName).replace(/\.js$/, '.ts');
      if (!known.has(target)) unresolved.push(`${rel(file)}:${line}: ${spec.fileName}`);
      else edges.push({ from: rel(file), to: rel(target), line });
    }
  }
  return { edges, unresolved };
}

function layerOf(path: string): Layer | undefined {
  const parts = path.split('/');
  if (parts.length === 1) return 'ground';
  return (LAYERS as readonly string[]).includes(parts[0]!) && parts[0] !== 'ground' ? (parts[0] as Layer) : undefined;
}

/** The imports that break the layering, each as `file:line: from (layer) imports to (layer)`. */
function layerViolations(edges: readonly Edge[], allowed: ReadonlySet<string> = ALLOWED): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const a = layerOf(e.from);
    const b = layerOf(e.to);
    if (a === undefined || b === undefined) continue; // reported by the test of layers below
    const upwards = LAYERS.indexOf(b) > LAYERS.indexOf(a);
    const intoIo = (a === 'report' || a === 'uncertainty') && b === 'io';
    if ((upwards || intoIo) && !allowed.has(`${e.from} -> ${e.to}`)) out.push(`${e.from}:${e.line}: ${a} imports ${b} (${e.to})`);
  }
  return out;
}

/** Each cycle of imports between files (one per strongly connected component), as `a -> b -> ... -> a`. */
function importCycles(edges: readonly Edge[]): string[] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!next.has(e.from)) next.set(e.from, []);
    if (!next.get(e.from)!.includes(e.to)) next.get(e.from)!.push(e.to);
  }
  // Tarjan's strongly connected components
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)?.includes(v)) components.push(component);
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  // name one cycle through each component: the shortest path back to its first file (breadth first)
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0]!;
    const from = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of next.get(v) ?? []) {
        if (!members.has(w) || from.has(w)) continue;
        from.set(w, v);
        if (w === start) queue.length = 0;
        else queue.push(w);
      }
    }
    const path = [start];
    for (let v = from.get(start)!; v !== start; v = from.get(v)!) path.unshift(v);
    return [start, ...path].join(' -> ');
  });
}

const files = sourceFiles(SRC);
const { edges, unresolved } = importGraph(files, (path) => readFileSync(path, 'utf8'));

describe('the import graph of src/', () => {
  it('finds the imports it checks', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(edges.length).toBeGreaterThan(200);
    expect(edges).toContainEqual(expect.objectContaining({ from: 'cli/main.ts', to: 'cli/commands/run.ts' })); // a dynamic import
    expect(unresolved).toEqual([]);
  });

  it('places every file in a layer', () => {
    expect(files.map(rel).filter((f) => layerOf(f) === undefined)).toEqual([]);
  });

  it('has no import that goes up a layer, nor from report or uncertainty into io', () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it('allows only exceptions still in use', () => {
    const used = new Set(edges.map((e) => `${e.from} -> ${e.to}`));
    expect([...ALLOWED].filter((a) => !used.has(a))).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles(edges)).toEqual([]);
  });

  it('catches a bad import and a cycle (the checks themselves)', () => {
    const made: Edge[] = [
      { from: 'io/a.ts', to: 'cli/b.ts', line: 3 },
      { from: 'report/c.ts', to: 'io/d.ts', line: 4 },
      { from: 'model/x.ts', to: 'model/y.ts', line: 1 },
      { from: 'model/y.ts', to: 'model/z.ts', line: 1 },
      { from: 'model/z.ts', to: 'model/x.ts', line: 1 },
    ];
    expect(layerViolations(made)).toEqual(['io/a.ts:3: io imports cli (cli/b.ts)', 'report/c.ts:4: report imports io (io/d.ts)']);
    expect(importCycles(made)).toEqual(['model/x.ts -> model/y.ts -> model/z.ts -> model/x.ts']);
  });
});
