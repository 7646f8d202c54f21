import { describe, expect, it } from 'vitest';
import { cli, cliProcess } from './helpers/cli.js';
import { VERSION } from '../src/package-files.js';

describe('the program', () => {
  it('prints its version', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  });

  it('lists every command in --help on stdout', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['run', 'baseline', 'validate', 'compare', 'simulate', 'tornado', 'breakeven', 'batch', 'merge', 'example']) {
      expect(r.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
    }
    expect(r.stderr).toBe('');
  });

  it('has --help on every command, on stdout, within 100 columns', async () => {
    for (const c of ['run', 'baseline', 'validate', 'compare', 'simulate', 'tornado', 'breakeven', 'batch', 'merge', 'example']) {
      const r = await cli([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: placepool ${c} `));
      const long = r.stdout.split('\n').filter((l) => l.length > 100);
      expect(long, `${c} --help`).toEqual([]);
    }
  });

  it('gives exit 2 and a message for an unknown command', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
    expect(r.stdout).toBe('');
  });

  it('runs as a real process', () => {
    const r = cliProcess(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  });
});
