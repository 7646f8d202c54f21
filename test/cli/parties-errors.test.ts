// Funders, partners and the envelope: each bad input is one located error (file:line:column and the scenario
// path), exit 65, no stack trace, and a hint that says how to mend it (with a near name where there is one).
// The fixtures are in test/fixtures/scenarios/bad/ and each has its entry in docs/errors.md.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const BUDGETS = 'fixtures/example/budgets.csv';
const DIR = 'test/fixtures/scenarios/bad';

// [fixture, where (line:column and path), words of the message, words of the hint]
const CASES: [string, string, RegExp, RegExp][] = [
  ['funder-silo-name.yaml', '5:11 (funders[0].name)', /the funder `Health` has the name of the silo `health` \(as a silo, `Health` is `health`\)/, /name of the organisation, e.g\. `Big Lottery Fund`/],
  ['funder-all.yaml', '5:11 (funders[0].name)', /a funder cannot be called `all`: that is the name of the place's totals/, /name of the organisation/],
  ['funder-duplicate.yaml', '7:11 (funders[1].name)', /two funders are called `Big Lottery Fund` \(the first is funders\[0\], line 5\)/, /its own name/],
  ['funder-unknown-intervention.yaml', '6:24 (funders[0].outcome_payment.Family suport)', /Supporting Families: `outcome_payment` names `Family suport`, which is not an intervention of the scenario/, /Did you mean `Family support`\?/],
  ['funder-negative-grant.yaml', '6:21 (funders[0].grant[1])', /`grant` is -50000, outside its valid range: from £0/, /0 or more/],
  ['partner-silo-twice.yaml', '6:32 (partners.Lambridge Trust[1])', /the silo `social_care` is in two partners, `Lambridge Council` \(line 5\) and `Lambridge Trust`/, /one partner at most/],
  ['partner-funder-name.yaml', '9:3 (partners.Lambridge Trust)', /`Lambridge Trust` is both a funder and a partner/, /different names/],
  ['partner-unknown-silo.yaml', '5:36 (partners.Lambridge Council[1])', /the partner `Lambridge Council` names the silo `housng`, which no modelled place has/, /Did you mean `housing`\?/],
  ['envelope-unknown-silo.yaml', '4:41 (envelope.social_cre)', /the envelope gives a rate for `social_cre`, which has no budget lines/, /Did you mean `social_care`\?/],
];

describe('funders, partners and the envelope: one located error each (65)', () => {
  for (const [file, where, message, hint] of CASES) {
    it(file, async () => {
      const r = await cli(['run', BUDGETS, '-s', `${DIR}/${file}`]);
      expect(r.code).toBe(65);
      expect(r.stdout).toBe('');
      const lines = r.stderr.replace(/\n$/, '').split('\n');
      // one error: its first line located, then its hint, indented; nothing else
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(`placepool: error: ${DIR}/${file}:${where}: `);
      expect(lines[0]).toMatch(message);
      expect(lines[1]).toMatch(/^ {4}\S/);
      expect(lines[1]).toMatch(hint);
      expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    });
  }

  it('validate lists the same problem with the same exit code', async () => {
    const r = await cli(['validate', BUDGETS, '-s', `${DIR}/partner-unknown-silo.yaml`]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`${DIR}/partner-unknown-silo.yaml:5:36 (partners.Lambridge Council[1]): the partner`);
  });

  it('collects the problems of parties and envelope together', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'placepool-parties-'));
    const s = join(dir, 's.yaml');
    writeFileSync(s, 'name: x\npool: {social_care: 0.1}\nfunders:\n  - name: Housing\n    grant: [1]\npartners: {all: [health]}\nenvelope: {helth: 0}\n');
    const r = await cli(['run', BUDGETS, '-s', s]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/^placepool: error: 3 problems:\n/);
    expect(r.stderr).toMatch(/s\.yaml:4:11 \(funders\[0\]\.name\): the funder `Housing` has the name of the silo `housing`/);
    expect(r.stderr).toMatch(/s\.yaml:6:\d+ \(partners\.all\): a partner cannot be called `all`/);
    expect(r.stderr).toMatch(/s\.yaml:7:\d+ \(envelope\.helth\): [^\n]*\n\s+Did you mean `health`\?/);
  });
});
