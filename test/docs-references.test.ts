// References to documentation must point at documents that ship. The specifications the project was built
// from are not in the repository, so no source file, test, help text or doc may send a reader to them; and a
// reference to a shipped doc must name a file that exists and, where it names a section, a heading that
// exists there.
//
// The one format for naming a section: the file, a comma, and the heading exactly as written, in double
// quotes, on one line: docs/method.md, "9. Summary measures" or README.md, "Budgets" (within docs/, a sibling
// may be written method.md, "Scenario paths"). Markdown links to a heading (`docs/ci.md#the-manifest`) must
// match a heading too.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = 'test/docs-references.test.ts';

/** The specifications that do not ship, built from parts so that this file does not mention them itself. */
const UNSHIPPED = ['METHOD', 'INTERFACE', 'STYLE', 'DOMAIN'];
// In capitals, as the project wrote them: `docs/method.md` is the shipped doc.
const UNSHIPPED_FILE = new RegExp(`\\b(?:${UNSHIPPED.join('|')})\\.md\\b`, 'g');
/** The same documents cited by name alone, followed by a section number, the word section or a quoted title. */
const UNSHIPPED_BARE = new RegExp(`\\b(?:${UNSHIPPED.join('|')})(?= ?(?:\\d|section|§|"))`, 'g');

/**
 * Files whose owners are changing them now: references still in them, at most this many lines each, until
 * the replacements proposed for them are applied. Lower a count (or remove the entry) as they go.
 */
const PENDING: Readonly<Record<string, number>> = {
  'src/io/budgets-xlsx.ts': 3,
  'src/io/budgets.ts': 3,
};

/** Repository-relative paths (with `/`) to text files that readers of the project see. */
function scannedFiles(): string[] {
  const out: string[] = ['README.md'];
  for (const top of ['src', 'test', 'docs', 'bin', '.ci']) {
    const dir = join(ROOT, top);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const rel = posix.join(top, entry.split(sep).join('/'));
      if (rel.startsWith('test/fixtures/') || rel.includes('/node_modules/')) continue;
      if (statSync(join(ROOT, rel)).isFile()) out.push(rel);
    }
  }
  return out.sort();
}

/** A file's text, or undefined for a binary file (a workbook among the golden files). */
function readText(rel: string): string | undefined {
  const buf = readFileSync(join(ROOT, rel));
  return buf.includes(0) || /\.(xlsx|zip|png)$/.test(rel) ? undefined : buf.toString('utf8');
}

/** The headings of a Markdown text, as written (code blocks skipped). */
export function headingsOf(markdown: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slugOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

export interface Violation {
  file: string;
  line: number;
  problem: string;
}

/** Mentions of the unshipped specifications, by line. */
export function unshippedMentions(file: string, text: string): Violation[] {
  const out: Violation[] = [];
  text.split('\n').forEach((line, i) => {
    const found = [...line.matchAll(UNSHIPPED_FILE), ...line.matchAll(UNSHIPPED_BARE)].map((m) => m[0]);
    if (found.length > 0) out.push({ file, line: i + 1, problem: `cites ${found.join(', ')}, which does not ship: ${line.trim()}` });
  });
  return out;
}

/**
 * The references of one file checked against the docs: `files` maps a repository path to its text (for the
 * docs and README.md; anything else counts as absent).
 */
export function badReferences(file: string, text: string, files: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  const lineOf = (index: number): number => text.slice(0, index).split('\n').length;
  const inDocs = file.startsWith('docs/');
  /** The repository path a written name stands for, or why it cannot be told. */
  const target = (written: string): string => {
    if (written === 'README.md') return 'README.md';
    if (written.startsWith('docs/')) return written;
    return inDocs ? `docs/${written}` : written;
  };

  // every docs/NAME.md exists
  for (const m of text.matchAll(/(?<![\w./-])docs\/[\w-]+\.md\b/g)) {
    if (!files.has(m[0])) out.push({ file, line: lineOf(m.index), problem: `${m[0]} does not exist` });
  }

  // FILE.md, "TITLE": the title is a heading of FILE.md, and the reference is on one line
  for (const m of text.matchAll(/(?<![\w./-])((?:docs\/)?[\w-]+\.md)(?:\]\([^)\s]*\))?,[ \t]*("[^"\n]*("|\n)|\n)/g)) {
    const written = m[1]!;
    if (UNSHIPPED.some((n) => written.toUpperCase() === `${n}.MD`)) continue; // reported as unshipped
    const at = lineOf(m.index);
    if (!m[2]!.endsWith('"')) {
      out.push({ file, line: at, problem: `${written}, "...": keep a reference to a section on one line` });
      continue;
    }
    const title = m[2]!.slice(1, -1);
    const path = target(written);
    const doc = files.get(path);
    if (doc === undefined) out.push({ file, line: at, problem: `${written} (${path}) is not a shipped doc` });
    else if (!headingsOf(doc).includes(title)) out.push({ file, line: at, problem: `${path} has no heading "${title}"` });
  }

  // Markdown links to a heading: [...](docs/ci.md#the-manifest), relative to the linking file
  if (file.endsWith('.md')) for (const m of text.matchAll(/\]\(((?:\.\.?\/)*(?:[\w-]+\/)*[\w-]+\.md)#([^)\s]+)\)/g)) {
    const path = posix.normalize(posix.join(posix.dirname(file), m[1]!));
    const doc = files.get(path);
    const at = lineOf(m.index);
    if (doc === undefined) out.push({ file, line: at, problem: `a link to ${path}, which is not a shipped doc` });
    else if (!headingsOf(doc).map(slugOf).includes(m[2]!)) out.push({ file, line: at, problem: `${path} has no heading with the anchor #${m[2]!}` });
  }

  // links within a Markdown file: [A first run](#a-first-run)
  if (file.endsWith('.md')) {
    const own = headingsOf(text).map(slugOf);
    for (const m of text.matchAll(/\]\(#([^)\s]+)\)/g)) {
      if (!own.includes(m[1]!)) out.push({ file, line: lineOf(m.index), problem: `no heading here has the anchor #${m[1]!}` });
    }
  }
  return out;
}

/** The shipped docs, by repository path. */
function shippedDocs(): Map<string, string> {
  const docs = new Map<string, string>([['README.md', readFileSync(join(ROOT, 'README.md'), 'utf8')]]);
  for (const name of readdirSync(join(ROOT, 'docs'))) {
    if (name.endsWith('.md')) docs.set(`docs/${name}`, readFileSync(join(ROOT, 'docs', name), 'utf8'));
  }
  return docs;
}

const show = (vs: readonly Violation[]): string[] => vs.map((v) => `${v.file}:${v.line}: ${v.problem}`);

describe('references to documentation', () => {
  const files = scannedFiles();
  const docs = shippedDocs();

  it('scans the sources, tests and docs', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/method.md');
    expect(files).toContain('src/cli/main.ts');
    expect(files).toContain('test/docs-references.test.ts');
    expect(files.some((f) => f.startsWith('test/fixtures/'))).toBe(false);
  });

  it('never cite the specifications, which do not ship', () => {
    const violations: Violation[] = [];
    for (const file of files) {
      const text = readText(file);
      if (text === undefined) continue;
      const found = unshippedMentions(file, text);
      const allowed = PENDING[file] ?? 0;
      if (found.length > allowed) violations.push(...found);
    }
    expect(show(violations)).toEqual([]);
  });

  it('name shipped docs and headings that exist there', () => {
    const violations: Violation[] = [];
    // this file's own examples are wrong on purpose; the checker is tested on them below
    for (const file of files.filter((f) => f !== SELF)) {
      const text = readText(file);
      if (text !== undefined) violations.push(...badReferences(file, text, docs));
    }
    expect(show(violations)).toEqual([]);
  });

  it('list as pending only files that exist', () => {
    for (const file of Object.keys(PENDING)) expect([file, existsSync(join(ROOT, file))]).toEqual([file, true]);
  });
});

describe('the reference checker', () => {
  const spec = `${UNSHIPPED[0]!}.md`;
  const docs = new Map([
    ['README.md', '# placepool\n\n## Budgets\n'],
    ['docs/method.md', '# How\n\n## 9. Summary measures\n\n```\n## Not a heading\n```\n'],
  ]);

  it('finds the specifications cited with or without .md', () => {
    expect(unshippedMentions('src/a.ts', `// see ${spec} 2.12\nok\n`)).toHaveLength(1);
    expect(unshippedMentions('src/a.ts', `hint: 'See ${spec} for paths'`)).toHaveLength(1);
    expect(unshippedMentions('docs/ci.md', 'see docs/method.md and [method.md](method.md)')).toEqual([]);
    expect(unshippedMentions('src/a.ts', `// as in ${UNSHIPPED[0]!} 2.10, ${UNSHIPPED[1]!} "Output"`)).toHaveLength(1);
    expect(unshippedMentions('src/a.ts', 'export interface Io {}\n// the method of section 9\n')).toEqual([]);
  });

  it('accepts a reference to a heading that exists', () => {
    expect(badReferences('src/a.ts', '// docs/method.md, "9. Summary measures" and README.md, "Budgets"', docs)).toEqual([]);
    expect(badReferences('README.md', '[docs/method.md, "9. Summary measures"](docs/method.md#9-summary-measures)', docs)).toEqual([]);
    expect(badReferences('docs/ci.md', 'see [method.md, "9. Summary measures"](method.md#9-summary-measures)', docs)).toEqual([]);
  });

  it('refuses a missing file, a missing heading, a wrapped reference and a bad anchor', () => {
    const problems = (file: string, text: string) => badReferences(file, text, docs).map((v) => v.problem);
    expect(problems('src/a.ts', '// see docs/nowhere.md')).toEqual(['docs/nowhere.md does not exist']);
    expect(problems('src/a.ts', '// docs/method.md, "9. Summary"')).toEqual(['docs/method.md has no heading "9. Summary"']);
    expect(problems('src/a.ts', '// docs/method.md, "Not a heading"')).toEqual(['docs/method.md has no heading "Not a heading"']);
    expect(problems('src/a.ts', '// docs/method.md, "9. Summary\n// measures"')).toHaveLength(1);
    expect(problems('src/a.ts', '// docs/method.md,\n// "9. Summary measures"')).toHaveLength(1);
    expect(problems('README.md', '[x](docs/method.md#summary-measures)')).toEqual(['docs/method.md has no heading with the anchor #summary-measures']);
  });

  it('makes anchors as GitHub does', () => {
    expect(slugOf('9. Summary measures')).toBe('9-summary-measures');
    expect(slugOf('Business cases in CI: `batch`, `merge` and `--fail-if`')).toBe('business-cases-in-ci-batch-merge-and---fail-if');
  });
});
