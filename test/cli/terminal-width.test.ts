// Terminal reports keep to a width: `--width N`, else the terminal's when stdout is one, else 80. Every
// command that draws tables is run at 80 columns, and narrower and wider, and no line may be longer.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { textWidth } from '../../src/report/table.js';

const EX = 'fixtures/example';
const BUDGETS = `${EX}/budgets.csv`;

/** Each command that draws tables, with arguments that give it long labels and many years. */
const COMMANDS: Record<string, string[]> = {
  run: ['run', BUDGETS, '-s', `${EX}/whole-place.yaml`],
  'run (funders)': ['run', BUDGETS, '-s', `${EX}/early-years.yaml`],
  compare: ['compare', BUDGETS, '-s', `${EX}/cautious-health-care.yaml`, '-s', `${EX}/whole-place.yaml`, '-s', `${EX}/early-years.yaml`],
  simulate: ['simulate', BUDGETS, '-s', `${EX}/uncertain.yaml`, '--draws', '200', '--seed', '3'],
  tornado: ['tornado', BUDGETS, '-s', `${EX}/uncertain.yaml`],
  breakeven: ['breakeven', BUDGETS, '-s', `${EX}/whole-place.yaml`, '--param', 'interventions.0.success_rate'],
  baseline: ['baseline', BUDGETS],
  validate: ['validate', BUDGETS],
  costs: ['costs', 'care'],
};

/** Lines longer than `width`, with their numbers, for a readable failure. */
function tooLong(text: string, width: number): string[] {
  return text.split('\n').flatMap((line, i) => (textWidth(line) > width ? [`${i + 1}: (${textWidth(line)}) ${line}`] : []));
}

describe('terminal reports keep to their width', () => {
  for (const [name, args] of Object.entries(COMMANDS)) {
    for (const width of [80, 60, 140]) {
      it(`${name} at --width ${width}`, async () => {
        const r = await cli([...args, '--width', String(width)]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout.length).toBeGreaterThan(0);
        expect(tooLong(r.stdout, width)).toEqual([]);
      });
    }
  }

  it('piped, a report is 80 wide whatever the terminal; on a terminal, the terminal\'s width', async () => {
    const piped = await cli(COMMANDS.compare!);
    expect(piped.stdout).toBe((await cli([...COMMANDS.compare!, '--width', '80'])).stdout);
    expect(textWidth(piped.stdout)).toBeLessThanOrEqual(80);
    // the test terminal is 100 columns wide: a run uses them (years side by side) and keeps within them
    const tty = await cli(COMMANDS.run!, { tty: true, env: { NO_COLOR: '1' } });
    expect(textWidth(tty.stdout)).toBeLessThanOrEqual(100);
    expect(textWidth(tty.stdout)).toBeGreaterThan(80);
  });

  it('on a terminal the warnings close the report, each wrapped to the width (and not repeated on stderr)', async () => {
    const tty = await cli([...COMMANDS.run!, '--width', '80'], { tty: true, env: { NO_COLOR: '1' } });
    const warnings = tty.stdout.slice(tty.stdout.indexOf('\nWarnings\n'));
    expect(warnings.replace(/\n {2}/g, ' ')).toContain('- Lambridge: £60,947,169.67 of avoided cost (before the cap), £35,987,754.92 of economic value and £6,273,610.71 of social value, undiscounted, from investment within the horizon would fall after 2034/35 and are not counted');
    expect(tooLong(warnings, 80)).toEqual([]);
    expect(tty.stderr).toBe('');
  });

  it('a wider width puts more years side by side: fewer blocks of years', async () => {
    const blocks = (out: string) => out.split('\n').filter((l) => l.startsWith('│ Place totals')).length;
    const narrow = await cli([...COMMANDS.run!, '--width', '80']);
    const wide = await cli([...COMMANDS.run!, '--width', '200']);
    // two places: at 80 columns each place's ten years come in two blocks of five, at 200 in one
    expect(blocks(narrow.stdout)).toBe(4);
    expect(blocks(wide.stdout)).toBe(2);
    // every year is still shown at 80: 2025/26 to 2034/35
    for (let y = 2025; y <= 2034; y++) expect(narrow.stdout).toContain(`${y}/${String(y + 1).slice(2)}`);
  });

  it('refuses a --width below 40 or not a number (exit 2)', async () => {
    for (const w of ['39', 'wide', '0']) {
      const r = await cli([...COMMANDS.run!, '--width', w]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--width must be a whole number from 40 to 1000/);
    }
  });
});

describe('labels keep what tells rows apart', () => {
  it('tornado and simulate name each field in words, whole, wrapping a long label rather than cutting it', async () => {
    for (const args of [COMMANDS.tornado!, COMMANDS.simulate!]) {
      const r = await cli([...args, '--width', '80']);
      expect(r.stdout).not.toContain('…');
      expect(r.stdout).not.toContain('success_rate');
      // a label wrapped in its column reads whole once the first column's lines are joined
      const flat = r.stdout
        .split('\n')
        .filter((l) => l.startsWith('│'))
        .map((l) => l.split('│')[1]!.trim())
        .join(' ');
      expect(flat).toContain('Family intervention: success rate');
      expect(flat).toContain('Family intervention: avoided cost per success (social care)');
      // wide enough, a label is on one line
      const wide = await cli([...args, '--width', '160']);
      expect(wide.stdout).toContain('Family intervention: avoided cost per success (social care)');
    }
  });
});

describe('help reads well at 80 columns', () => {
  const NAMES = ['', 'run', 'baseline', 'validate', 'compare', 'simulate', 'tornado', 'breakeven', 'batch', 'merge', 'example', 'costs', 'schema'];
  for (const name of NAMES) {
    it(`placepool ${name || ''} --help: no line longer than 80 piped, nor than the terminal's 100`, async () => {
      const piped = await cli(name ? [name, '--help'] : ['--help']);
      expect(piped.code).toBe(0);
      expect(tooLong(piped.stdout, 80)).toEqual([]);
      const tty = await cli(name ? [name, '--help'] : ['--help'], { tty: true });
      expect(tooLong(tty.stdout, 100)).toEqual([]);
    });
  }

  it("each command's description fills its lines at 80 columns: no line ends where the next word would fit", async () => {
    for (const name of NAMES.filter((n) => n)) {
      const r = await cli([name, '--help']);
      // the description: the paragraph after `Usage:` and its blank line
      const paragraph = r.stdout.split('\n\n')[1]!.split('\n');
      paragraph.slice(0, -1).forEach((line, i) => {
        const next = paragraph[i + 1]!.split(' ')[0]!;
        expect(line.length + 1 + next.length, `${name}: "${line}" could take "${next}"`).toBeGreaterThan(80);
      });
    }
  });

  it('prose written with line breaks is reflowed: a paragraph fills its lines rather than breaking early', async () => {
    const r = await cli(['baseline', '--help']);
    // "Years: ..." was written as lines of 95 characters; at 80 it comes out as full lines, none ragged
    const years = r.stdout.slice(r.stdout.indexOf('Years:')).split('\n\n')[0]!.split('\n');
    expect(years.length).toBeGreaterThan(2);
    for (const line of years.slice(0, -1)) expect(line.length).toBeGreaterThan(65);
  });
});
