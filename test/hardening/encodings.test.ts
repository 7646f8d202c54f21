// Encodings (issue 7, item 3), end to end through the CLI: Windows-1252 CSV (what Excel on Windows saves as
// "CSV") is decoded with a warning that says so; UTF-16 LE/BE with a byte-order mark and UTF-8 with a BOM read
// exactly as plain UTF-8 does; the same for scenarios and manifests. Reports record the SHA-256 of the raw bytes.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, otherThanAfterHorizon } from '../helpers/cli.js';
import { EXAMPLE, scratch } from './helpers.js';

let dir: string;
let cleanup: () => void;

/** Text in Windows-1252 (every character used here is in it). */
function cp1252(text: string): Buffer {
  const table: Record<string, number> = { '£': 0xa3, 'é': 0xe9, 'ô': 0xf4, '€': 0x80, '…': 0x85, '“': 0x93, '”': 0x94, '’': 0x92, '–': 0x96, '—': 0x97 };
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : [table[ch] ?? fail(ch)])));
}
function fail(ch: string): never {
  throw new Error(`no Windows-1252 byte for ${ch} in this test's table`);
}
const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
};
const utf8bom = (text: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Budgets with £ amounts, thousands separators, an accented place and a curly apostrophe, all in Windows-1252. */
const BUDGETS = [
  'place,year,silo,service,stage,amount',
  'Fécamp,2025/26,health,A&E attendances,reactive,"£31,850,000"',
  'Fécamp,2025/26,health,Health visiting,preventive,£4500000.50',
  'Fécamp,2025/26,social_care,Children’s home placements,reactive,£12000000',
  'Fécamp,2025/26,social_care,Early help,preventive,2500000',
  'Côte,2025/26,health,A&E attendances,reactive,"£1,000"',
  '',
].join('\r\n');

const ENCODINGS: [string, (t: string) => Buffer][] = [
  ['UTF-8 with a BOM', utf8bom],
  ['UTF-16 LE with a BOM', utf16le],
  ['UTF-16 BE with a BOM', utf16be],
];

beforeAll(() => {
  ({ dir, cleanup } = scratch());
  writeFileSync(join(dir, 'utf8.csv'), BUDGETS, 'utf8');
  writeFileSync(join(dir, 'cp1252.csv'), cp1252(BUDGETS));
  for (const [name, enc] of ENCODINGS) writeFileSync(join(dir, `${name.replace(/\W+/g, '-')}.csv`), enc(BUDGETS));
});
afterAll(() => cleanup());

const run = (args: string[], stdin?: Buffer) => cli(args, { cwd: dir, ...(stdin ? { stdin } : {}) });

describe('budgets', () => {
  let reference: string;
  beforeAll(async () => {
    const r = await run(['baseline', 'utf8.csv', '-f', 'csv', '--layout', 'long']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    reference = r.stdout;
    expect(reference).toContain('Fécamp,2025/26,health,reactive,31850000.00');
    expect(reference).toContain('Côte,2025/26,health,reactive,1000.00');
  });

  it('Windows-1252: read as such, with a warning that says so and where', async () => {
    const r = await run(['baseline', 'cp1252.csv', '-f', 'csv', '--layout', 'long']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(reference);
    expect(r.stderr).toBe(
      'placepool: warning: cp1252.csv:2: the file is not valid UTF-8 (byte 0xE9 at line 2, byte 2 of the line); read it as Windows-1252, ' +
        'the encoding Excel on Windows uses for CSV. Check that £ signs and accented names look right, or save the file as "CSV UTF-8" to silence this warning\n',
    );
  });

  it('Windows-1252 from stdin, through validate: the same warning, names and £ amounts read right', async () => {
    const r = await run(['validate', '-', '-f', 'json'], cp1252(BUDGETS));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^placepool: warning: <stdin>:2: the file is not valid UTF-8 \(byte 0xE9 at line 2, byte 2 of the line\); read it as Windows-1252/);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(JSON.stringify(report)).toContain('Fécamp');
    expect(JSON.stringify(report)).toContain('Côte');
  });

  it('bytes 0x80-0x9F are Windows-1252 characters (’ “ ” – — € …), not control characters', async () => {
    const place = 'St John’s “Ward” – North — €…';
    const r = await run(['validate', '-', '-f', 'json', '-q'], cp1252(`place,year,silo,service,stage,amount\n"${place.replace(/"/g, '""')}",2025,health,A&E,reactive,£1\n`));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { result: { places: { place: string }[] } }).result.places[0]!.place).toBe(place);
  });

  it('Windows-1252 is an error under --strict (exit 65), located', async () => {
    const r = await run(['baseline', 'cp1252.csv', '--strict']);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/^placepool: error: cp1252\.csv:2: the file is not valid UTF-8/);
  });

  it.each(ENCODINGS)('%s: the same report as UTF-8, no warning', async (name) => {
    const file = `${name.replace(/\W+/g, '-')}.csv`;
    const r = await run(['baseline', file, '-f', 'csv', '--layout', 'long']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(reference);
  });

  it.each(ENCODINGS)('%s from stdin', async (_name, enc) => {
    const r = await run(['baseline', '-', '-f', 'csv', '--layout', 'long'], enc(BUDGETS));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(reference);
  });

  it('the report records the SHA-256 of the bytes as they are on disk, not of the decoded text', async () => {
    const bytes = utf16le(readFileSync(join(EXAMPLE, 'budgets.csv'), 'utf8'));
    writeFileSync(join(dir, 'example-16.csv'), bytes);
    const r = await run(['run', 'example-16.csv', '-s', join(EXAMPLE, 'whole-place.yaml'), '-f', 'json', '-q']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { inputs: { sha256: string }[] };
    expect(report.inputs[0]!.sha256).toBe(sha(bytes));
  });

  it('the bundled fixtures: Windows-1252, UTF-16 LE and BE read as their UTF-8 twin', async () => {
    const fixtures = join('test', 'fixtures', 'budgets');
    const ref = await cli(['baseline', join(fixtures, 'windows-1252.csv'), '-f', 'csv', '--layout', 'long', '-q']);
    expect(ref.code).toBe(0);
    expect(ref.stdout).toContain('250.00');
    for (const f of ['utf-16le.csv', 'utf-16be.csv', 'bom.csv']) {
      const r = await cli(['validate', join(fixtures, f)]);
      expect(r.code, f).toBe(0);
      expect(r.stderr, f).not.toContain('warning');
    }
  });
});

describe('scenarios and manifests', () => {
  const SCENARIO = readFileSync(join(EXAMPLE, 'whole-place.yaml'), 'utf8')
    .replace('name: Whole-place pool', 'name: Pôle de santé - Fécamp’s pool')
    .replace('- name: Reablement', '- name: Réablement');
  let reference: string;

  beforeAll(async () => {
    writeFileSync(join(dir, 'budgets.csv'), readFileSync(join(EXAMPLE, 'budgets.csv')));
    writeFileSync(join(dir, 's-utf8.yaml'), SCENARIO, 'utf8');
    writeFileSync(join(dir, 's-cp1252.yaml'), cp1252(SCENARIO));
    for (const [name, enc] of ENCODINGS) writeFileSync(join(dir, `s-${name.replace(/\W+/g, '-')}.yaml`), enc(SCENARIO));
    const r = await run(['run', 'budgets.csv', '-s', 's-utf8.yaml', '-f', 'csv', '--layout', 'long', '-q']);
    expect(r.code).toBe(0);
    reference = r.stdout;
    expect(reference).toContain('Pôle de santé - Fécamp’s pool');
    expect(reference).toContain('Réablement');
  });

  it('a Windows-1252 scenario: decoded, with the warning', async () => {
    const r = await run(['run', 'budgets.csv', '-s', 's-cp1252.yaml', '-f', 'csv', '--layout', 'long']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(reference);
    expect(r.stderr).toMatch(/placepool: warning: s-cp1252\.yaml:\d+: the file is not valid UTF-8 \(byte 0x[0-9A-F]{2} at line \d+, byte \d+ of the line\); read it as Windows-1252/);
  });

  it.each(ENCODINGS)('a scenario in %s: the same report, no warning', async (name) => {
    const r = await run(['run', 'budgets.csv', '-s', `s-${name.replace(/\W+/g, '-')}.yaml`, '-f', 'csv', '--layout', 'long']);
    expect(otherThanAfterHorizon(r.stderr)).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(reference);
  });

  it('a JSON scenario with a UTF-8 BOM or in UTF-16', async () => {
    const json = JSON.stringify({ name: 'Minimal JSON', horizon: 3 });
    for (const [name, enc] of ENCODINGS) {
      writeFileSync(join(dir, 'j.json'), enc(json));
      const r = await run(['validate', 'budgets.csv', '-s', 'j.json']);
      expect(r.code, name).toBe(0);
    }
  });

  it('a scenario from stdin in UTF-16 LE', async () => {
    const r = await run(['run', 'budgets.csv', '-s', '-', '-f', 'csv', '--layout', 'long'], utf16le(SCENARIO));
    expect(otherThanAfterHorizon(r.stderr)).toBe('');
    expect(r.stdout).toBe(reference);
  });

  it('a syntax error in a UTF-16 scenario is located in characters, as in UTF-8', async () => {
    const bad = 'name: x\nhorizon: [1, 2\ndiscount: 0.035\n';
    writeFileSync(join(dir, 'bad8.yaml'), bad);
    writeFileSync(join(dir, 'bad16.yaml'), utf16be(bad));
    const a = await run(['run', 'budgets.csv', '-s', 'bad8.yaml']);
    const b = await run(['run', 'budgets.csv', '-s', 'bad16.yaml']);
    expect(a.code).toBe(65);
    expect(b.code).toBe(65);
    expect(b.stderr.replace(/bad16/g, 'bad8')).toBe(a.stderr);
  });

  it('a manifest in UTF-16 LE or with a UTF-8 BOM', async () => {
    writeFileSync(join(dir, 'wp.yaml'), readFileSync(join(EXAMPLE, 'whole-place.yaml')));
    const manifest = 'budgets: budgets.csv\nscenarios: [wp.yaml]\nplaces: [Lambridge]\n';
    for (const [name, enc] of ENCODINGS) {
      const file = `m-${name.replace(/\W+/g, '-')}.yaml`;
      writeFileSync(join(dir, file), enc(manifest));
      const r = await run(['batch', file, '-o', `out-${file}`, '-q', '--jobs', '1']);
      expect(r.stderr, name).toBe('');
      expect(r.code, name).toBe(0);
    }
  });
});
