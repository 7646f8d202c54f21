// A workbook's SHA-256 (the provenance every report records) is the one taken while its bytes are read: the
// sheet reader keeps the digest it is given rather than hashing the bytes a second time, and that digest is
// the SHA-256 of the whole file, whether read from a path or from stdin in several chunks.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsxTable, xlsxToRawTable } from '../../src/io/budgets-xlsx.js';
import { handmadeBudgets } from './fixtures.js';

let dir: string;
const book = handmadeBudgets();
const sha = createHash('sha256').update(book).digest('hex');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'placepool-xlsx-hash-'));
  writeFileSync(join(dir, 'hand.xlsx'), book);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a workbook is hashed once, as it is read', () => {
  it('keeps the digest the reader was given (no second hash of the bytes)', async () => {
    const given = 'ab'.repeat(32);
    const t = await xlsxToRawTable(book, { name: 'hand.xlsx', file: 'hand.xlsx', sha256: given });
    expect(t.source).toEqual({ name: 'hand.xlsx', sha256: given });
  });

  it('still hashes the bytes itself when no digest is given', async () => {
    const t = await xlsxToRawTable(book, { name: 'hand.xlsx', file: 'hand.xlsx' });
    expect(t.source.sha256).toBe(sha);
  });

  it('records the SHA-256 of the whole file read from a path, under the sheet-qualified name', async () => {
    const t = await readXlsxTable('hand.xlsx#Budgets', { stdin: Readable.from([]), cwd: dir });
    expect(t.source).toEqual({ name: 'hand.xlsx#Budgets', sha256: sha });
  });

  it('records the SHA-256 of the whole workbook read from stdin in small chunks', async () => {
    const chunks: Buffer[] = [];
    for (let at = 0; at < book.length; at += 97) chunks.push(book.subarray(at, at + 97));
    expect(chunks.length).toBeGreaterThan(2);
    const t = await readXlsxTable('-', { stdin: Readable.from(chunks), cwd: dir });
    expect(t.source).toEqual({ name: '<stdin>', sha256: sha });
  });
});
