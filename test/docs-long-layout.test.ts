// docs/method.md, "Long CSV layout", against what `run --format csv --layout long` writes: for every kind of
// entity the measures the page lists, in its order, are the measures of the output, in the output's order. The
// scenario has funders, partners, an envelope and an external silo, so that every row the layout can have is
// written.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers/cli.js';

const page = readFileSync(join(ROOT, 'docs', 'method.md'), 'utf8');
const section = page.slice(page.indexOf('## Long CSV layout'), page.indexOf('`t` is the year index'));

/** The bullet (and its continuation lines) that starts with `head`, as one line. */
function bullet(head: string): string {
  const lines = section.split('\n');
  const i = lines.findIndex((l) => l.trimStart().startsWith(`- ${head}`));
  expect(i, head).toBeGreaterThanOrEqual(0);
  const indent = lines[i]!.indexOf('-');
  const out = [lines[i]!];
  for (let k = i + 1; k < lines.length && lines[k]!.length > 0 && lines[k]!.search(/\S/) > indent && !lines[k]!.trimStart().startsWith('- '); k++) out.push(lines[k]!);
  return out.join(' ');
}

/** The names in backquotes, lists split at commas, in order, keeping only those in `known`. */
function names(text: string, known: ReadonlySet<string>): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim())).filter((s) => known.has(s));
}

describe('docs/method.md, "Long CSV layout"', () => {
  it('lists every measure of every entity in the order run writes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-layout-'));
    const scenario = join(dir, 's.yaml');
    const worked = readFileSync(join(ROOT, 'test/fixtures/v12/worked.yaml'), 'utf8');
    writeFileSync(scenario, worked.replace('{ social_care: 200 }', '{ social_care: 200, justice: 10 }').replace('cashable: { social_care: 1 }', 'cashable: { social_care: 1, justice: 0 }'));
    const r = await cli(['run', 'test/fixtures/v12/budgets.csv', '-s', scenario, '-q', '-f', 'csv', '--layout', 'long']);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.split(','));
    const measuresOf = (table: string, entity: string): string[] => [...new Set(rows.filter((x) => x[2] === table && x[3] === entity).map((x) => x[6]!))];
    const known = new Set(rows.map((x) => x[6]!));
    // the entities in the documented order: silos with lines, external, funders, partners, all
    expect([...new Set(rows.filter((x) => x[2] === 'yearly').map((x) => x[3]))]).toEqual(['health', 'social_care', 'justice', 'F1', 'Council', 'all']);
    expect(names(bullet('`table=summary`'), known)).toEqual(measuresOf('summary', ''));
    const silo = names(bullet('A silo with lines'), known);
    expect(silo).toEqual(measuresOf('yearly', 'social_care'));
    expect(names(bullet('An external silo'), known)).toEqual(measuresOf('yearly', 'justice'));
    expect(names(bullet('A funder'), known)).toEqual(measuresOf('yearly', 'F1'));
    expect(names(bullet('A partner'), known)).toEqual(measuresOf('yearly', 'Council'));
    // `all`: "the silo list" (the twelve of a silo with lines), then its own
    expect([...silo.slice(0, 12), ...names(bullet('`all`: the silo list'), known)]).toEqual(measuresOf('yearly', 'all'));
    expect(names(bullet('`table=settlement`'), known)).toEqual(measuresOf('settlement', 'F1'));
    expect(names(bullet('`table=intervention`'), known)).toEqual(measuresOf('intervention', 'A'));
  });
});
