// src/report/table.ts: the one way terminal tables are drawn (run, compare, simulate, tornado, breakeven,
// baseline, validate), and cli-table3 loaded only when a table is drawn.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderTable, tableWidth, textWidth, wrapWords, type TableColumn } from '../../src/report/table.js';
import { BIN, ROOT } from '../helpers/cli.js';

describe('renderTable options', () => {
  const columns: TableColumn[] = [{ header: 'Measure' }, { header: '2025-26', numeric: true }];
  const rows = [
    ['NPV (cashable)', '£1.2m'],
    ['Payback', 'never'],
  ];

  it('draws no rule between the header and the rows with headerRule: false', () => {
    expect(renderTable(columns, rows, { headerRule: false })).toBe(
      [
        '┌────────────────┬─────────┐',
        '│ Measure        │ 2025-26 │',
        '│ NPV (cashable) │   £1.2m │',
        '│ Payback        │   never │',
        '└────────────────┴─────────┘',
      ].join('\n'),
    );
    // the rule is there by default
    expect(renderTable(columns, rows).split('\n')[2]).toBe('├────────────────┼─────────┤');
  });

  it('keeps a column of fixed width, wrapping its text at word boundaries (cutting a longer word), and predicts that width', () => {
    const fixed: TableColumn[] = [{ header: 'Intervention', width: 16 }, { header: 'Cost', numeric: true, width: 8 }];
    const body = [['Family intervention for families', '£16,093']];
    const t = renderTable(fixed, body, { headerRule: false });
    expect(t).toBe(
      [
        '┌────────────────┬────────┐',
        '│ Intervention   │   Cost │',
        // a word longer than its column is cut
        '│ Family         │ £16,0… │',
        '│ intervention   │        │',
        '│ for families   │        │',
        '└────────────────┴────────┘',
      ].join('\n'),
    );
    expect(tableWidth(fixed, body)).toBe(textWidth(t));
    expect(tableWidth(fixed, body)).toBe(16 + 8 + 3);
  });

  it('colours only through the chalk it is given: bold header, and cells as they come', () => {
    const bold = new Chalk({ level: 1 });
    const coloured = renderTable(columns, [[rows[0]![0]!, bold.red(rows[0]![1]!)]], { chalk: bold, headerRule: false });
    expect(coloured).toContain('│ \u001b[1mMeasure\u001b[22m        │');
    expect(coloured).toContain('\u001b[31m£1.2m\u001b[39m │');
    expect(textWidth(coloured)).toBe(tableWidth(columns, rows.slice(0, 1)));
    // a colourless chalk draws what no chalk draws
    expect(renderTable(columns, rows, { chalk: new Chalk({ level: 0 }), headerRule: false })).toBe(renderTable(columns, rows, { headerRule: false }));
  });
});

describe('cli-table3', () => {
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  }

  it('is used by src/report/table.ts alone, and only as a type there (loaded when a table is drawn)', () => {
    const users = sources(join(ROOT, 'src')).filter((f) => /cli-table3/.test(readFileSync(f, 'utf8')));
    expect(users.map((f) => f.slice(ROOT.length))).toEqual(['src/report/table.ts']);
    const table = readFileSync(join(ROOT, 'src/report/table.ts'), 'utf8');
    expect(table).toMatch(/^import type Table from 'cli-table3';$/m);
    expect(table).not.toMatch(/^import Table from/m);
  });

  it('is not loaded by a command that writes CSV, and is by one that draws a table (built binary)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-table-'));
    const probe = join(dir, 'probe.cjs');
    writeFileSync(
      probe,
      "process.on('exit', () => process.stderr.write('cli-table3 loaded: ' + Object.keys(require.cache).some((k) => k.includes('cli-table3')) + '\\n'));\n",
    );
    const loaded = (args: string[]) => {
      const r = spawnSync(process.execPath, ['--require', probe, BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH } });
      expect(r.status).toBe(0);
      return /cli-table3 loaded: (true|false)/.exec(r.stderr.toString())?.[1];
    };
    expect(loaded(['baseline', 'fixtures/example/budgets.csv', '-f', 'csv'])).toBe('false');
    expect(loaded(['run', 'fixtures/example/budgets.csv', '-s', 'fixtures/example/whole-place.yaml', '-f', 'json'])).toBe('false');
    expect(loaded(['baseline', 'fixtures/example/budgets.csv'])).toBe('true');
  });
});

describe('renderTable with maxWidth', () => {
  const label = 'Family intervention: avoided cost per success (social care)';
  const columns: TableColumn[] = [{ header: 'Uncertain value' }, { header: 'P10 value', numeric: true }, { header: 'Swing', numeric: true }];
  const rows = [
    [label, '£7,818.66', '£63.1k'],
    ['Family intervention: success rate', '0.2067', '£168k'],
  ];

  it('draws a table that fits as it is, unchanged', () => {
    expect(renderTable(columns, rows, { maxWidth: 200 })).toBe(renderTable(columns, rows));
  });

  it('wraps a long label at word boundaries, never cutting it, to keep within the width', () => {
    const t = renderTable(columns, rows, { headerRule: false, maxWidth: 50 });
    expect(textWidth(t)).toBe(50);
    expect(t).not.toContain('…');
    expect(t).toBe(
      [
        '┌───────────────────────────┬───────────┬────────┐',
        '│ Uncertain value           │ P10 value │  Swing │',
        '│ Family intervention:      │ £7,818.66 │ £63.1k │',
        '│ avoided cost per success  │           │        │',
        '│ (social care)             │           │        │',
        '│ Family intervention:      │    0.2067 │  £168k │',
        '│ success rate              │           │        │',
        '└───────────────────────────┴───────────┴────────┘',
      ].join('\n'),
    );
  });

  it('wraps the header of a number column before any label', () => {
    const cols: TableColumn[] = [{ header: 'Measure' }, { header: 'Cautious health and care pool', numeric: true }];
    const t = renderTable(cols, [['NPV', '£1.58m']], { headerRule: false, maxWidth: 22 });
    expect(t.split('\n')).toEqual(['┌─────────┬──────────┐', '│ Measure │ Cautious │', '│         │   health │', '│         │ and care │', '│         │     pool │', '│ NPV     │   £1.58m │', '└─────────┴──────────┘']);
  });

  it('splits columns it cannot fit into blocks of even size, each with the row labels', () => {
    const years = ['2025/26', '2026/27', '2027/28', '2028/29', '2029/30'];
    const cols: TableColumn[] = [{ header: 'Place totals' }, ...years.map((header) => ({ header, numeric: true }))];
    const t = renderTable(cols, [['Net cashable', '£1', '£2', '£3', '£4', '£5']], { headerRule: false, maxWidth: 50 });
    const blocks = t.split('\n\n');
    expect(blocks.map((b) => b.split('\n')[1])).toEqual(['│ Place totals │ 2025/26 │ 2026/27 │ 2027/28 │', '│ Place totals │ 2028/29 │ 2029/30 │']);
    expect(blocks[1]!.split('\n')[2]).toBe('│ Net cashable │      £2 │      £5 │'.replace('£2', '£4'));
    for (const b of blocks) expect(textWidth(b)).toBeLessThanOrEqual(50);
  });

  it('breaks a word longer than its column across lines rather than cut it', () => {
    expect(wrapWords('avoided_cost_per_success', 10)).toEqual(['avoided_co', 'st_per_suc', 'cess']);
    expect(wrapWords('a bb ccc', 4)).toEqual(['a bb', 'ccc']);
  });
});
