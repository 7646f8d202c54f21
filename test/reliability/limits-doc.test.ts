// The table of limits in docs/errors.md says what the code does: each row's number is the code's constant.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SHARD_BYTES } from '../../src/batch/merge.js';
import { MAX_DRAWS as MAX_BATCH_DRAWS } from '../../src/batch/manifest.js';
import { MAX_RUNS } from '../../src/batch/grid.js';
import { MAX_JOBS as MAX_SIMULATE_JOBS } from '../../src/cli/actions/simulate.js';
import { MAX_SHOWN } from '../../src/errors.js';
import { MAX_AMOUNT } from '../../src/io/budget-cells.js';
import { MAX_ROW_CHARS } from '../../src/io/budgets-csv.js';
import { MAX_ALIASES, MAX_DEPTH, MAX_NODES } from '../../src/io/document.js';
import { MAX_DOCUMENT_BYTES, MAX_INPUT_BYTES } from '../../src/io/input.js';
import { MAX_UNPACKED_BYTES } from '../../src/io/xlsx.js';
import { MAX_DRAW_BYTES, MAX_DRAWS } from '../../src/uncertainty/limits.js';
import { THREAD_RESERVE } from '../../src/workers.js';
import { ROOT } from '../helpers/cli.js';

const MB = 1024 ** 2;
const GB = 1024 ** 3;
const n = (x: number): string => x.toLocaleString('en-GB');

function limitsTable(): Map<string, string> {
  const text = readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8');
  const section = text.slice(text.indexOf('## Limits'), text.indexOf('**This file is tested.**'));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split(' | ');
    if (cells.length >= 3 && !line.startsWith('|---') && !line.startsWith('| what')) rows.set(cells[0]!.replace(/^\| /, ''), cells[1]!);
  }
  return rows;
}

describe('docs/errors.md lists every limit with the number the code uses', () => {
  const rows = limitsTable();
  const row = (start: string): string => {
    const key = [...rows.keys()].find((k) => k.startsWith(start));
    if (key === undefined) throw new Error(`no row "${start}..." in the limits table`);
    return rows.get(key)!;
  };

  it('inputs', () => {
    expect(row('a budgets file')).toBe(`${MAX_INPUT_BYTES / MB} MB`);
    expect(row('a scenario or batch manifest')).toBe(`${MAX_DOCUMENT_BYTES / MB} MB`);
    expect(row('a row of a CSV file')).toBe(`${n(MAX_ROW_CHARS)} characters`);
    expect(row('a workbook, unpacked')).toMatch(new RegExp(`^${MAX_UNPACKED_BYTES / MB} MB `));
    expect(row('a budget amount')).toContain(`(${MAX_AMOUNT.toExponential()})`.replace('e+', 'e'));
  });

  it('documents', () => {
    expect(row('YAML aliases')).toBe(n(MAX_ALIASES));
    expect(row('values in one scenario')).toBe(n(MAX_NODES));
    expect(row('nesting')).toBe(`${MAX_DEPTH} levels`);
    expect(row('the file text quoted in a message')).toBe(`${n(MAX_SHOWN)} characters`);
  });

  it('work', () => {
    expect(row('`simulate --draws`')).toBe(n(MAX_DRAWS));
    expect(row("the memory simulate's draws hold")).toBe(`${MAX_DRAW_BYTES / GB} GB`);
    expect(row('draws of each run of a batch')).toBe(n(MAX_BATCH_DRAWS));
    expect(row('runs in one batch')).toBe(n(MAX_RUNS));
    expect(row('each data file of a shard')).toBe(`${MAX_SHARD_BYTES / GB} GB`);
    expect(row('worker threads')).toContain(`at ${THREAD_RESERVE / MB} MB a thread`);
    expect(row('worker threads')).toContain(`${MAX_SIMULATE_JOBS} for \`simulate\``);
  });
});
