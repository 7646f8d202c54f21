// Property tests of the budgets reader: any valid table, written out with the awkward formatting analysts'
// files really have, reads back to the same lines and totals to the penny; any single corruption gives a
// located InputError, never a crash.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { D, sum } from '../src/decimal.js';
import { InputError } from '../src/errors.js';
import { readBudgets } from '../src/io/budgets.js';
import { normaliseSilo } from '../src/model/silo.js';
import type { Io } from '../src/io-types.js';
import { ROOT } from './helpers/cli.js';

const RUNS = Number(process.env.PLACEPOOL_PROPERTY_RUNS ?? 60);

interface Line {
  place: string;
  year: number;
  silo: string; // as written (odd case, spaces)
  service: string;
  stage: string; // as written (odd case)
  amount: string; // exact decimal, plain
  agency: string;
}

const COLUMNS = ['place', 'year', 'silo', 'service', 'stage', 'amount', 'agency', 'notes'] as const;

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,'"&()£é+-]{0,14}[A-Za-z0-9)]$/);
const serviceText = fc.oneof(word, fc.constantFrom('A&E attendances', 'Residential care (65+)', 'Care, residential', 'The "Front Door"', 'Line\nbreak', 'Two\r\nlines', 'Crèche £ fund', '=SUM(A1)'));
const siloText = fc.constantFrom('health', 'Health', 'Social Care', 'social-care', 'SOCIAL_CARE', 'employment', 'childcare', 'Housing', 'public  health');
const stageText = fc.constantFrom('reactive', 'Reactive', 'PREVENTIVE', 'preventive', 'other', 'Other');
const amountText = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.integer({ min: 0, max: 99 }), fc.boolean())
  .map(([units, pence, whole]) => (whole ? units.toString() : `${units}.${String(pence).padStart(2, '0')}`));

const lineArb = fc.record({
  place: fc.constantFrom('Lambridge', 'Eastmoor', 'St Anne, North', 'Ōtautahi'),
  year: fc.integer({ min: 2020, max: 2035 }),
  silo: siloText,
  service: serviceText,
  stage: stageText,
  amount: amountText,
  agency: fc.oneof(fc.constant(''), word),
});

const tableArb = fc.uniqueArray(lineArb, {
  minLength: 1,
  maxLength: 25,
  selector: (l) => `${l.place}|${l.year}|${normaliseSilo(l.silo)}|${l.service.trim()}|${l.stage.toLowerCase()}`,
});

interface Style {
  order: number[];
  headerCase: ('lower' | 'upper' | 'title')[];
  headerQuoted: boolean;
  crlf: boolean;
  bom: boolean;
  finalNewline: boolean;
  quoteAll: boolean;
  yearForm: ('plain' | 'slash' | 'dash')[];
  amountForm: ('plain' | 'pound' | 'grouped' | 'sci' | 'spaced')[];
  utf16: boolean;
  chunk: number;
}

const styleArb = fc.record({
  order: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 8, maxLength: 8 }),
  headerCase: fc.array(fc.constantFrom('lower', 'upper', 'title'), { minLength: 8, maxLength: 8 }),
  headerQuoted: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  quoteAll: fc.boolean(),
  yearForm: fc.array(fc.constantFrom('plain', 'slash', 'dash'), { minLength: 25, maxLength: 25 }),
  amountForm: fc.array(fc.constantFrom('plain', 'pound', 'grouped', 'sci', 'spaced'), { minLength: 25, maxLength: 25 }),
  utf16: fc.boolean(),
  chunk: fc.integer({ min: 1, max: 64 }),
}) as fc.Arbitrary<Style>;

function group(n: string): string {
  return n.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function writeAmount(a: string, form: Style['amountForm'][number]): string {
  const [i, f] = a.split('.');
  switch (form) {
    case 'pound':
      return `£${group(i!)}${f !== undefined ? `.${f}` : ''}`;
    case 'grouped':
      return `${group(i!)}${f !== undefined ? `.${f}` : ''}`;
    case 'sci': // 1234.56 -> 123456e-2
      return f !== undefined ? `${i}${f}e-${f.length}` : `${i}e0`;
    case 'spaced':
      return `  ${a} `;
    default:
      return a;
  }
}

function writeYear(y: number, form: Style['yearForm'][number]): string {
  const next = String((y + 1) % 100).padStart(2, '0');
  return form === 'slash' ? `${y}/${next}` : form === 'dash' ? `${y}-${next}` : String(y);
}

/** A raw cell that is written exactly as given (for corruptions). */
interface Raw {
  raw: string;
}
type CellOut = string | Raw;

function encode(cell: CellOut, quoteAll: boolean): string {
  if (typeof cell !== 'string') return cell.raw;
  const must = /[",\r\n]/.test(cell) || /^\s|\s$/.test(cell);
  return must || quoteAll ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function headerName(name: string, c: 'lower' | 'upper' | 'title'): string {
  return c === 'upper' ? name.toUpperCase() : c === 'title' ? name[0]!.toUpperCase() + name.slice(1) : name;
}

/** The file's text and the line on which each data row starts. */
function writeTable(lines: Line[], style: Style, corrupt?: (rows: CellOut[][]) => void): { text: string; rowLine: number[] } {
  const header = style.order.map((c, k) => {
    const name = ` ${headerName(COLUMNS[c]!, style.headerCase[k]!)} `;
    return style.headerQuoted ? `"${name.trim()}"` : name;
  });
  const rows: CellOut[][] = lines.map((l, r) =>
    style.order.map((c) => {
      switch (COLUMNS[c]) {
        case 'place':
          return l.place;
        case 'year':
          return writeYear(l.year, style.yearForm[r]!);
        case 'silo':
          return l.silo;
        case 'service':
          return l.service;
        case 'stage':
          return l.stage;
        case 'amount':
          return writeAmount(l.amount, style.amountForm[r]!);
        case 'agency':
          return l.agency;
        default:
          return 'ignored, note';
      }
    }),
  );
  corrupt?.(rows);
  const eol = style.crlf ? '\r\n' : '\n';
  const rowLine: number[] = [];
  let line = 2;
  const out = [header.join(',')];
  for (const row of rows) {
    rowLine.push(line);
    const text = row.map((c) => encode(c, style.quoteAll)).join(',');
    out.push(text);
    line += 1 + (text.match(/\r\n|\r|\n/g)?.length ?? 0);
  }
  return { text: (style.bom ? '\ufeff' : '') + out.join(eol) + (style.finalNewline ? eol : ''), rowLine };
}

function toBytes(text: string, style: Style): Buffer {
  if (style.utf16) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/^\ufeff/, ''), 'utf16le')]);
  return Buffer.from(text, 'utf8');
}

function ioOf(bytes: Buffer, chunk: number): Io {
  const parts: Buffer[] = [];
  const size = Math.max(1, Math.ceil(bytes.length / chunk));
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  const sink = { write: () => true } as unknown as Io['stdout'];
  return { stdin: Readable.from(parts), stdout: sink, stderr: sink, env: {}, cwd: ROOT };
}

describe('budgets round trip (property)', () => {
  it('reads back the same lines and the same totals to the penny, however the file is formatted', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, styleArb, async (lines, style) => {
        const { text, rowLine } = writeTable(lines, style);
        const b = await readBudgets('-', ioOf(toBytes(text, style), style.chunk));
        expect(b.lines).toHaveLength(lines.length);
        b.lines.forEach((got, i) => {
          const want = lines[i]!;
          expect(got.place).toBe(want.place);
          expect(got.year).toBe(want.year);
          expect(got.silo).toBe(normaliseSilo(want.silo));
          expect(got.service).toBe(want.service.trim());
          expect(got.stage).toBe(want.stage.toLowerCase());
          expect(got.amount.equals(new D(want.amount))).toBe(true);
          expect(got.agency ?? '').toBe(want.agency.trim());
          expect(got.loc.line).toBe(rowLine[i]);
        });
        expect(b.ignoredColumns.map((c) => c.toLowerCase())).toEqual(['notes']);
        for (const place of new Set(lines.map((l) => l.place))) {
          const want = sum(lines.filter((l) => l.place === place).map((l) => new D(l.amount)));
          const got = sum(b.lines.filter((l) => l.place === place).map((l) => l.amount));
          expect(got.toFixed(2)).toBe(want.toFixed(2));
        }
        expect(b.places).toEqual([...new Set(lines.map((l) => l.place))]);
      }),
      { numRuns: RUNS },
    );
  });
});

type Corruption =
  | { kind: 'cell'; column: (typeof COLUMNS)[number]; value: string }
  | { kind: 'drop-cell' }
  | { kind: 'extra-cell' }
  | { kind: 'unclosed-quote'; column: 'place' | 'service' | 'agency' }
  | { kind: 'duplicate' };

const corruptionArb: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ kind: fc.constant('cell' as const), column: fc.constant('amount' as const), value: fc.constantFrom('12abc', '(1,234)', '-5', 'NaN', 'Infinity', '', '1,23,4', '$5', '1e', '£') }),
  fc.record({ kind: fc.constant('cell' as const), column: fc.constant('year' as const), value: fc.constantFrom('2025/27', '25/26', '2025-2026', '', 'FY25', '20255') }),
  fc.record({ kind: fc.constant('cell' as const), column: fc.constant('stage' as const), value: fc.constantFrom('reactiv', 'acute', '', 'prevent ive') }),
  fc.record({ kind: fc.constant('cell' as const), column: fc.constant('silo' as const), value: fc.constantFrom('3rd sector', '', 'health & care', '_x') }),
  fc.record({ kind: fc.constant('cell' as const), column: fc.constantFrom('place' as const, 'service' as const), value: fc.constantFrom('', '   ') }),
  fc.record({ kind: fc.constant('drop-cell' as const) }),
  fc.record({ kind: fc.constant('extra-cell' as const) }),
  fc.record({ kind: fc.constant('unclosed-quote' as const), column: fc.constantFrom('place' as const, 'service' as const, 'agency' as const) }),
  fc.record({ kind: fc.constant('duplicate' as const) }),
);

describe('budgets corruption (property)', () => {
  it('any single corruption gives a located InputError, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, styleArb, corruptionArb, fc.nat(), async (lines, style, corruption, pick) => {
        const target = pick % lines.length;
        const at = (name: (typeof COLUMNS)[number]): number => style.order.indexOf(COLUMNS.indexOf(name));
        let expectedRow = target;
        const { text, rowLine } = writeTable(lines, { ...style, quoteAll: false }, (rows) => {
          const row = rows[target]!;
          switch (corruption.kind) {
            case 'cell':
              row[at(corruption.column)] = corruption.value;
              break;
            case 'drop-cell':
              row.pop();
              break;
            case 'extra-cell':
              row.push('extra');
              break;
            case 'unclosed-quote': {
              const i = at(corruption.column);
              row[i] = { raw: `"${String(row[i]).replace(/"/g, '""')}` };
              break;
            }
            case 'duplicate':
              rows.splice(target + 1, 0, [...row]);
              expectedRow = target + 1;
              break;
          }
        });
        let error: unknown;
        try {
          await readBudgets('-', ioOf(toBytes(text, style), style.chunk));
        } catch (err) {
          error = err;
        }
        expect(error).toBeInstanceOf(InputError);
        const problems = (error as InputError).problems.filter((p) => !p.message.startsWith('... and '));
        expect(problems.length).toBeGreaterThan(0);
        for (const p of problems) {
          expect(p.loc?.file).toBe('<stdin>');
          expect(p.loc?.line).toBeGreaterThan(0);
        }
        const lineOfRow = expectedRow < rowLine.length ? rowLine[expectedRow]! : undefined;
        expect(problems.map((p) => p.loc?.line)).toContain(lineOfRow);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe('budgets from random bytes (property)', () => {
  it('gives budgets or a typed error, never a crash', async () => {
    const header = Buffer.from('place,year,silo,service,stage,amount\n');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), fc.integer({ min: 1, max: 16 }), async (bytes, withHeader, chunk) => {
        const data = withHeader ? Buffer.concat([header, Buffer.from(bytes)]) : Buffer.from(bytes);
        try {
          const b = await readBudgets('-', ioOf(data, chunk));
          expect(b.lines.length).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          for (const p of (err as InputError).problems) if (!p.message.startsWith('... and ')) expect(p.loc?.file).toBe('<stdin>');
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
