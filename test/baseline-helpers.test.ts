// The shared table helpers used by `baseline` (and other commands): terminal tables and Markdown tables.
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { mdEscape, mdTable } from '../src/report/markdown.js';
import { renderTable, tableWidth, textWidth } from '../src/report/table.js';

describe('renderTable', () => {
  const columns = [{ header: 'silo' }, { header: 'amount', numeric: true }, { header: 'two\nlines', numeric: true }];
  const rows = [
    ['health', '£1,234.00', '1'],
    ['social_care', '£5.00', '12.5%'],
  ];

  it('right-aligns numeric columns, draws no colour by default, and predicts its own width', () => {
    const t = renderTable(columns, rows);
    expect(t).toBe(
      [
        '┌─────────────┬───────────┬───────┐',
        '│ silo        │    amount │   two │',
        '│             │           │ lines │',
        '├─────────────┼───────────┼───────┤',
        '│ health      │ £1,234.00 │     1 │',
        '│ social_care │     £5.00 │ 12.5% │',
        '└─────────────┴───────────┴───────┘',
      ].join('\n'),
    );
    expect(tableWidth(columns, rows)).toBe(textWidth(t));
    expect(t).not.toContain('\u001b[');
  });

  it('draws the header and chosen rows bold with a colour chalk only', () => {
    const t = renderTable(columns, rows, { chalk: new Chalk({ level: 1 }), boldRows: new Set([1]) });
    expect(t).toContain('\u001b[1msilo');
    expect(t).toContain('\u001b[1msocial_care');
    expect(textWidth(t)).toBe(tableWidth(columns, rows));
    expect(renderTable(columns, rows, { chalk: new Chalk({ level: 0 }) })).toBe(renderTable(columns, rows));
  });
});

describe('mdTable', () => {
  it('escapes bars and line breaks, right-aligns numbers and puts the caption first', () => {
    expect(mdTable([{ header: 'place' }, { header: 'total (£)', numeric: true }], [['A | B', '1,000.00'], ['line\nbreak', '2.00']], '## Caption')).toBe(
      ['## Caption', '', '| place | total (£) |', '| --- | ---: |', '| A \\| B | 1,000.00 |', '| line break | 2.00 |', ''].join('\n'),
    );
    expect(mdEscape('a\\|b')).toBe('a\\\\\\|b');
  });
});
