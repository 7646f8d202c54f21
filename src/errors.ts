// Typed errors a user can cause, each carrying its exit code (README.md, "Exit codes") and where it happened.
// The CLI turns them into one message in one place (src/cli/errors.ts); nothing else prints them.
import { noun } from './words.js';

export const EXIT = {
  ok: 0,
  expectation: 1,
  usage: 2,
  data: 65,
  noInput: 66,
  internal: 70,
  cantCreate: 73,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Where a problem is: a file position, a spreadsheet cell, and/or a path inside a scenario or manifest. */
export interface Location {
  file?: string;
  line?: number;
  column?: number;
  /** spreadsheet cell reference, e.g. `Budgets!F12` */
  cell?: string;
  /** path inside a structured document, e.g. `interventions[1].cashable.helth` */
  path?: string;
}

export interface Problem {
  message: string;
  loc?: Location;
  /** how to mend it */
  hint?: string;
}

export interface Warning {
  /** a stable code, e.g. `no-optimism-bias`, `zero-deadweight`, `binding-cap`, `external-silo`, `high-roi` */
  code: string;
  message: string;
  loc?: Location;
  /** the scenario field it is about (`interventions.0`), so that a value set later can replace it */
  about?: string;
}

/** `budgets.csv:14:6`, `book.xlsx#Budgets!F12`, `scenario.yaml:12:5 (interventions[1].cashable.helth)`. */
export function formatLocation(loc: Location | undefined): string {
  if (!loc) return '';
  let where = loc.file ?? '';
  if (loc.cell) where += (where ? '#' : '') + loc.cell;
  else if (loc.line !== undefined) {
    where += `${where ? ':' : 'line '}${loc.line}`;
    if (loc.column !== undefined) where += `:${loc.column}`;
  }
  if (loc.path) where += where ? ` (${loc.path})` : loc.path;
  return where;
}

/** A message quoting what the file holds (a header cell, an amount) is cut short: a screenful at most. */
export const MAX_SHOWN = 1000;
function clip(text: string): string {
  return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN)}... (${(text.length - MAX_SHOWN).toLocaleString('en-GB')} more characters)`;
}

export function formatProblem(p: Problem): string {
  const where = formatLocation(p.loc);
  const head = where ? `${where}: ${clip(p.message)}` : clip(p.message);
  return p.hint ? `${head}\n    ${clip(p.hint)}` : head;
}

export class PlacepoolError extends Error {
  readonly exitCode: ExitCode;
  readonly problems: Problem[];
  constructor(exitCode: ExitCode, problems: Problem | Problem[] | string, summary?: string) {
    const list = typeof problems === 'string' ? [{ message: problems }] : Array.isArray(problems) ? problems : [problems];
    super(summary ?? (list.length === 1 ? formatProblem(list[0]!) : `${list.length} problems`));
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.problems = list;
  }
}

/** Invalid input data: budgets, scenario, manifest (exit 65). */
export class InputError extends PlacepoolError {
  constructor(problems: Problem | Problem[] | string, summary?: string) {
    super(EXIT.data, problems, summary);
  }
}

/** An input file cannot be opened (exit 66). */
export class FileOpenError extends PlacepoolError {
  constructor(problem: Problem | string) {
    super(EXIT.noInput, typeof problem === 'string' ? problem : [problem]);
  }
}

/** An output file cannot be created (exit 73). */
export class OutputError extends PlacepoolError {
  constructor(problem: Problem | string) {
    super(EXIT.cantCreate, typeof problem === 'string' ? problem : [problem]);
  }
}

/** Command-line usage error (exit 2). */
export class UsageError extends PlacepoolError {
  constructor(problem: Problem | string) {
    super(EXIT.usage, typeof problem === 'string' ? problem : [problem]);
  }
}

/** A batch expectation or `--expect` was not met, or a `--fail-if` condition held (exit 1), raised after every report is written. */
export class ExpectationError extends PlacepoolError {
  constructor(problems: Problem | Problem[] | string, summary?: string) {
    super(EXIT.expectation, problems, summary);
  }
}

/** Collects problems up to a limit, then throws them together as one InputError. */
export class ProblemList {
  readonly problems: Problem[] = [];
  truncated = 0;
  constructor(readonly limit = 100) {}
  add(p: Problem): void {
    if (this.problems.length < this.limit) this.problems.push(p);
    else this.truncated++;
  }
  get size(): number {
    return this.problems.length + this.truncated;
  }
  throwIfAny(summary?: string): void {
    if (this.size === 0) return;
    const list = [...this.problems];
    if (this.truncated) list.push({ message: `... and ${this.truncated} more ${noun(this.truncated, 'problem')} (only the first ${this.limit} are listed)` });
    throw new InputError(list, summary);
  }
}

/** Closest candidate by edit distance, for "did you mean" hints; undefined when nothing is close. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  if (w.trim() === '') return undefined; // nothing is "close" to an empty name
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(w.length, best.length) / 3));
  return bestD <= allowed || best.toLowerCase().startsWith(w) || w.startsWith(best.toLowerCase()) ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
