// Budgets from a CSV file: its rows as the raw text table that the validator (budgets-validate.ts) reads,
// streamed through csv-parse, each row with the line it starts on.
import { parse, type CsvError } from 'csv-parse';
import type { Location, Problem, Warning } from '../errors.js';
import type { InputSource } from '../model/types.js';
import { openInputUtf8, type InputIo } from './input.js';
import { unreadableRow, type RawCell, type RawRow, type RawTable } from './rows.js';

/** A CSV row: its text cells and the line it starts on; locations are built only when a problem needs one. */
class CsvRow implements RawRow {
  constructor(
    readonly values: string[],
    private readonly file: string,
    readonly line: number,
  ) {}
  get loc(): Location {
    return { file: this.file, line: this.line };
  }
  cellLoc(i: number): Location {
    return { file: this.file, line: this.line, column: i + 1 };
  }
}

function countBreaks(s: string): { lines: number; crlf: number } {
  let lines = 0;
  let crlf = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 10) lines++;
    else if (ch === 13) {
      lines++;
      if (s.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      }
    }
  }
  return { lines, crlf };
}

function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** The longest CSV row read (see max_record_size). */
export const MAX_ROW_CHARS = 1_000_000;

function csvProblem(err: CsvError, file: string, line: number, what: string): Problem {
  const column = typeof err.index === 'number' ? err.index + 1 : undefined;
  const loc: Location = column !== undefined ? { file, line, column } : { file, line };
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { message: 'a quoted cell is never closed: the file ends inside quotes', loc, hint: 'Add the closing " to the cell that starts on this row (a " inside a quoted cell is written "").' };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return { message: 'a quoted cell has text after its closing quote', loc, hint: 'Write a " inside a quoted cell as "", and quote the whole cell: "The ""Front Door"" service".' };
    case 'CSV_MAX_RECORD_SIZE':
      return {
        message: `this row is longer than ${MAX_ROW_CHARS.toLocaleString('en-GB')} characters`,
        loc,
        hint: `A ${what} row is a few dozen characters: a quote may be left open here (close it), or this is not a ${what} file.`,
      };
    case 'INVALID_OPENING_QUOTE':
      return { message: 'a quote appears inside an unquoted cell', loc, hint: 'Quote the whole cell and double the inner quotes: "The ""Front Door"" service".' };
    default:
      return { message: `this row cannot be read as CSV: ${err.message.replace(/ at line \d+.*$/, '')}`, loc };
  }
}

/**
 * A CSV file as a raw table, streamed through csv-parse. Line numbers are the file's own (1-based, the
 * line where the row starts); columns are 1-based cell positions. `source.sha256` is filled in when the
 * rows have been read to the end.
 *
 * Lines are counted here rather than taken from csv-parse's `info` (which costs as much again as parsing):
 * each record takes one line plus the line breaks inside its quoted cells, blank lines included. After a
 * row broken by a stray quote, the count resumes from the parser's own line counter.
 */
export async function readCsvTable(arg: string, io: InputIo, what = 'budgets'): Promise<RawTable> {
  return csvTable(await openInputUtf8(arg, io, what), what);
}

/**
 * The raw table of a CSV input already opened (`openInputUtf8`, or `utf8FromBytes` for bytes read whole);
 * `what` names the kind of file in messages (`budgets`, `deflators`, `unit-cost`).
 */
export async function csvTable(input: { source: InputSource; bytes: AsyncIterable<Buffer>; warnings: Warning[] }, what: string): Promise<RawTable> {
  const file = input.source.name;
  const parser = parse({
    bom: true,
    trim: true,
    relax_column_count: true,
    skip_records_with_error: true,
    // a budgets row is a few dozen characters: a longer one is a quote left open or not a budgets file, and
    // the parser would otherwise hold all of it in memory
    max_record_size: MAX_ROW_CHARS,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  // The file's bytes are written to the parser here, chunk by chunk, and its records collected as they are
  // parsed: each chunk's rows are handed on as one batch, rather than a promise and a wake-up per row.
  let records: string[][] = [];
  const skipped: CsvError[] = [];
  let failed: unknown;
  let ended = false;
  parser.on('data', (record: string[]) => records.push(record));
  parser.on('skip', (err: CsvError) => skipped.push(err));
  parser.on('error', (err: unknown) => (failed ??= err));
  const finished = new Promise<void>((resolve) => {
    parser.once('end', () => {
      ended = true;
      resolve();
    });
    parser.once('close', resolve);
  });
  const bytes = input.bytes[Symbol.asyncIterator]();

  let lastEnd = 0; // the line on which the last record read ended
  let drift = 0; // csv-parse counts a CRLF inside a quoted cell as two lines
  let consumed = 0; // records read, blank lines included (csv-parse's own record count)
  let lastSkip = -1;
  let quoted = false; // whether any chunk written to the parser so far holds a "
  let fileNewlines = 0; // line feeds written to the parser so far
  let lastByte = 0x0a; // the last byte written (a file without a final line feed has one more line)
  let brokenLine = 0; // the line of the last unreadable row
  let toldUnread = false;
  // Skipped (unreadable) records are reported in file order: a skip that happened after `records` records
  // is released once that many have been read.
  const pendingSkips = (out: RawRow[], all = false): void => {
    while (skipped.length && (all || num(skipped[0]!.records) <= consumed)) {
      const err = skipped.shift()!;
      const parserLine = num(err.lines, lastEnd + 1) - drift;
      if (num(err.records) === lastSkip) {
        // the same broken stretch, noticed again
        lastEnd = Math.max(lastEnd, parserLine);
        continue;
      }
      lastSkip = num(err.records);
      // the broken row starts after the last good one: that is where a stray quote opened, even when the
      // parser only noticed it lines later (or at the end of the file)
      const line = lastEnd + 1;
      lastEnd = Math.max(line, parserLine);
      brokenLine = line;
      out.push(unreadableRow({ file, line }, csvProblem(err, file, line, what)));
    }
  };

  /** The row of a record, or undefined for a blank line. */
  const toRow = (record: string[]): CsvRow | undefined => {
    consumed++;
    const start = lastEnd + 1;
    let inside = 0;
    // a line break inside a cell needs quotes around it: until the file has shown a quote, there is none
    if (quoted) {
      for (const v of record) {
        if (v.length > 0 && (v.includes('\n') || v.includes('\r'))) {
          const b = countBreaks(v);
          inside += b.lines;
          drift += b.crlf;
        }
      }
    }
    lastEnd = start + inside;
    if (record.length === 1 && record[0] === '') return undefined;
    return new CsvRow(record, file, start);
  };

  /** The rows of the records parsed so far (and, at the end, of every skip still to report). */
  const take = (all: boolean): RawRow[] => {
    const out: RawRow[] = [];
    const got = records;
    records = [];
    for (const record of got) {
      if (skipped.length) pendingSkips(out);
      const row = toRow(record);
      if (row) out.push(row);
    }
    if (all || skipped.length) pendingSkips(out, all);
    if (all && brokenLine > 0 && !toldUnread) {
      // csv-parse gives up on the rest of a file after some broken quotes (text after a closing quote): say
      // which lines were not read, rather than let the file seem to have no other problems
      toldUnread = true;
      const lines = fileNewlines + (lastByte === 0x0a ? 0 : 1);
      if (lines > lastEnd) {
        const line = lastEnd + 1;
        out.push(
          unreadableRow(
            { file, line },
            {
              message: `${line === lines ? `line ${line} was` : `lines ${line} to ${lines} were`} not read: the broken quote on line ${brokenLine} stopped the reader`,
              loc: { file, line },
              hint: `Mend line ${brokenLine} and run again to check the rest of the file.`,
            },
          ),
        );
      }
    }
    return out;
  };

  /** Feed the parser the next chunk of the file (or the end); false once the file is read. */
  const feed = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await bytes.next();
    if (next.done) {
      parser.end();
      await finished;
    } else {
      // before the parser sees the chunk, so before any record it completes is looked at
      const chunk = next.value;
      if (!quoted && chunk.includes(0x22)) quoted = true;
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) fileNewlines++;
      if (chunk.length) lastByte = chunk[chunk.length - 1]!;
      if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
    }
    if (failed !== undefined) throw failed;
    return !next.done;
  };

  // the header is the first row that is not blank (nor unreadable); rows around it are handed on first
  let header: RawCell[] = [];
  const firstRows: RawRow[] = [];
  let more = true;
  for (;;) {
    const rows = take(!more);
    const at = rows.findIndex((r) => !r.problem);
    if (at >= 0) {
      const row = rows[at]!;
      header = row.values.map((value, i) => ({ value, loc: row.cellLoc(i) }));
      firstRows.push(...rows.slice(0, at), ...rows.slice(at + 1));
      break;
    }
    firstRows.push(...rows);
    if (!more) break;
    more = await feed();
  }

  /** Release the file and the parser unless the file was read to the end. */
  const close = async (): Promise<void> => {
    if (ended) return;
    ended = true;
    await bytes.return?.();
    parser.destroy();
  };

  async function* batches(): AsyncGenerator<RawRow[]> {
    try {
      if (firstRows.length) yield firstRows;
      while (more) {
        more = await feed();
        const rows = take(!more);
        if (rows.length) yield rows;
      }
      const rest = take(true);
      if (rest.length) yield rest;
    } finally {
      await close(); // stopped early
    }
  }
  return { source: input.source, header, batches: batches(), warnings: input.warnings, close };
}
