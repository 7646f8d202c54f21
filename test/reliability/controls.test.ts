// Issue 16, item 17: control characters in names (ESC, BEL, NUL, other C0 and C1) are shown escaped in every
// output meant for people on a terminal (messages on stderr, terminal tables, Markdown, HTML), by one function
// (src/terminal-text.ts); CSV and JSON keep the data as it is.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTable } from '../../src/report/table.js';
import { visibleControls } from '../../src/terminal-text.js';
import { cli } from '../helpers/cli.js';
import { EXAMPLE, scratch } from '../hardening/helpers.js';

// a title change (OSC 0 ... BEL), concealed text (SGR 8), NUL, CR, DEL and a C1 control (CSI, U+009B)
const NASTY = 'Lam\u001b]0;pwned\u0007bridge\u001b[8m\u0000\r\u007f\u009b';
const SHOWN = 'Lam\\x1b]0;pwned\\x07bridge\\x1b[8m\\x00\\r\\x7f\\x9b';
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = scratch('placepool-reliab-ctl-'));
  const lines = readFileSync(join(EXAMPLE, 'budgets.csv'), 'utf8').trimEnd().split('\n');
  const body = lines.slice(1).filter((l) => l.startsWith('Lambridge,')).map((l) => l.replace(/^Lambridge,/, `"${NASTY}",`));
  writeFileSync(join(dir, 'budgets.csv'), `${[lines[0], ...body].join('\n')}\n`);
  writeFileSync(join(dir, 'scenario.yaml'), readFileSync(join(EXAMPLE, 'whole-place.yaml'), 'utf8').replace('name: Whole-place pool', 'name: "Pool\\e[2J\\a"'));
});
afterAll(() => cleanup());

describe('visibleControls', () => {
  it('shows every C0 control but line feed and tab, DEL and the C1 controls escaped', () => {
    expect(visibleControls(NASTY)).toBe(SHOWN);
    expect(visibleControls('a\tb\nc')).toBe('a\tb\nc');
    expect(visibleControls('£ café – ü')).toBe('£ café – ü');
  });

  it("keeps only placepool's own colour codes when asked, never one that hides text", () => {
    expect(visibleControls('\u001b[1mbold\u001b[22m \u001b[31mred\u001b[39m', true)).toBe('\u001b[1mbold\u001b[22m \u001b[31mred\u001b[39m');
    expect(visibleControls('\u001b[8mhidden\u001b[30m', true)).toBe('\\x1b[8mhidden\\x1b[30m');
    expect(visibleControls('\u001b[1m', false)).toBe('\\x1b[1m');
  });
});

describe('reports for people show names escaped (item 17)', () => {
  it('the terminal table of run, with and without colour', async () => {
    for (const color of ['never', 'always']) {
      const r = await cli(['run', 'budgets.csv', '-s', 'scenario.yaml', '-q', '--color', color], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(SHOWN);
      expect(r.stdout).toContain('Pool\\x1b[2J\\x07');
      // nothing raw but the report's own colours
      // eslint-disable-next-line no-control-regex
      expect(r.stdout.replace(/\u001b\[(?:1|4|22|24|31|32|33|39)m/g, '')).not.toMatch(RAW_CONTROL);
      if (color === 'always') expect(r.stdout).toContain('\u001b[1m');
    }
  });

  it('a table holding such a name stays aligned (escaped before its columns are measured)', () => {
    const table = renderTable([{ header: 'place' }, { header: 'lines', numeric: true }], [[NASTY, '34'], ['Eastmoor', '15']]);
    expect(table).toContain(`│ ${SHOWN} │`);
    expect(new Set(table.split('\n').map((l) => [...l].length)).size).toBe(1);
  });

  it('baseline, validate and Markdown', async () => {
    for (const args of [['baseline', 'budgets.csv'], ['validate', 'budgets.csv'], ['run', 'budgets.csv', '-s', 'scenario.yaml', '-f', 'md']]) {
      const r = await cli([...args, '-q'], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(r.stdout, args.join(' ')).toContain('pwned');
    }
  });

  it('HTML (and its SVG charts, where a control character is not even allowed)', async () => {
    const r = await cli(['run', 'budgets.csv', '-s', 'scenario.yaml', '-q', '-f', 'html'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '0' } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('\\x1b]0;pwned\\x07');
  });

  it('CSV and JSON keep the name as it is', async () => {
    const csv = await cli(['run', 'budgets.csv', '-s', 'scenario.yaml', '-q', '-f', 'csv'], { cwd: dir });
    expect(csv.stdout).toContain(NASTY);
    const json = await cli(['run', 'budgets.csv', '-s', 'scenario.yaml', '-q', '-f', 'json'], { cwd: dir });
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(NASTY).slice(1, -1));
  });
});

describe('messages on stderr show names escaped (item 17)', () => {
  it('an error naming a file', async () => {
    const r = await cli(['run', 'budgets.csv', '-s', 'no\u001b]0;x\u0007pe.yaml'], { cwd: dir });
    expect(r.code).toBe(66);
    expect(r.stderr).toContain('cannot open no\\x1b]0;x\\x07pe.yaml');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  it("the option parser's messages", async () => {
    const r = await cli(['run', '--\u0007\u001b[8m'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--\\x07\\x1b[8m'");
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  it('a warning naming a place', async () => {
    // a place the scenario names that is not in the budgets is warned about, by name
    writeFileSync(join(dir, 'places.yaml'), `${readFileSync(join(dir, 'scenario.yaml'), 'utf8')}\nplaces: ["Eastmoor\\e]0;t\\a"]\n`);
    const r = await cli(['run', 'budgets.csv', '-s', 'places.yaml'], { cwd: dir });
    expect(r.stderr).toContain('Eastmoor\\x1b]0;t\\x07');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});
