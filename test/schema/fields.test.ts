// The scenario schema is the one list of fields: the reader, the JSON Schema, the docs' table and the Excel
// Inputs sheet all come from it, and a numeric intervention field is named only where it is declared and
// where the two engines compute with it.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FIELDS, INTERVENTION_FIELDS, keysUnder } from '../../src/model/schema.js';
import { scenarioJsonSchema } from '../../src/io/json-schema.js';
import { fieldTable } from '../../src/report/fields.js';
import { ROOT } from '../helpers/cli.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the field table of docs/method.md', () => {
  const page = readFileSync(`${ROOT}docs/method.md`, 'utf8');
  const table = /<!-- fields:start[^>]*-->\n([^]*?)<!-- fields:end -->/.exec(page)?.[1];

  it('is the table the schema makes', () => {
    expect(table).toBeDefined();
    expect(table).toBe(fieldTable());
  });

  it('names every field of the schema', () => {
    for (const f of FIELDS.filter((g) => g.kind !== 'section')) expect(table).toContain(`\`${f.key.replace(/^interventions\./, 'interventions[].')}\``);
  });
});

describe('the JSON Schema', () => {
  const schema = scenarioJsonSchema() as { properties: Record<string, { properties?: Record<string, unknown>; items?: { properties: Record<string, unknown> } }> };

  it('has a property for every field, at its place, with its description', () => {
    for (const f of FIELDS) {
      const [head, rest] = f.key.split('.') as [string, string | undefined];
      const top = schema.properties[head];
      const prop = (rest === undefined ? top : head === 'interventions' || head === 'funders' ? top?.items?.properties[rest] : top?.properties?.[rest]) as { description?: string } | undefined;
      expect([f.key, prop?.description?.startsWith(f.description)]).toEqual([f.key, true]);
    }
  });

  it('lists exactly the keys the reader accepts at each level', () => {
    expect(Object.keys(schema.properties)).toEqual(keysUnder(''));
    expect(Object.keys(schema.properties.investment!.properties!)).toEqual(keysUnder('investment'));
    expect(Object.keys(schema.properties.integration!.properties!)).toEqual(keysUnder('integration'));
    expect(Object.keys(schema.properties.interventions!.items!.properties)).toEqual(keysUnder('interventions'));
    expect(Object.keys(schema.properties.funders!.items!.properties)).toEqual(keysUnder('funders'));
  });
});

/**
 * A source file's code, without its comments and without the words of its messages and help texts: string
 * literals are kept only where they are a whole key (`'drop_off'`, a name the code looks up), not where a
 * field is mentioned inside a sentence or an example path.
 */
function code(text: string): string {
  return text
    .replace(/\/\*[^]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/`(?:\\.|[^`\\])*`/g, '``')
    .replace(/'((?:\\.|[^'\\\n])*)'/g, (m, inner: string) => (/^[a-z_]+$/.test(inner) ? m : "''"))
    .replace(/"((?:\\.|[^"\\\n])*)"/g, (m, inner: string) => (/^[a-z_]+$/.test(inner) ? m : '""'));
}

describe('a numeric intervention field is named in three source files at most', () => {
  // Field names that are also ordinary words (share, lag, cashable...) appear in prose and other code; the
  // compound names cannot, so they show where code knows about a field.
  const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const allowed = ['src/model/schema.ts', 'src/model/engine.ts', 'src/uncertainty/compiled.ts'];
  const files = sourceFiles(`${ROOT}src`).map((p) => [p.slice(ROOT.length), readFileSync(p, 'utf8')] as const);
  for (const name of ['drop_off', 'cost_optimism_bias', 'success_rate', 'cost_per_participant']) {
    it(name, () => {
      expect(Object.hasOwn(INTERVENTION_FIELDS, name)).toBe(true);
      const names = [name, camel(name)];
      const naming = files.filter(([, text]) => names.some((n) => new RegExp(`\\b${n}\\b`).test(code(text)))).map(([p]) => p);
      expect(naming.length).toBeLessThanOrEqual(3);
      for (const p of naming) expect(allowed).toContain(p);
    });
  }
});
