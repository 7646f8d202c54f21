// Tornado's ends go through the scenario's document and the validator (as breakeven's and batch's values do):
// every uncertain value's path can be set there, the rebuilt scenario gives the figures of the scenario as
// written, an end the validator refuses is a located InputError, and the rebuilt scenarios' warnings are not
// repeated.
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { EXIT, InputError, formatProblem } from '../../src/errors.js';
import { readBudgets } from '../../src/io/budgets.js';
import { loadScenario, scenarioFromText } from '../../src/io/scenario.js';
import { resolveParamPath, setParam } from '../../src/model/params.js';
import { runModel } from '../../src/model/engine.js';
import { SUMMARY_MEASURES, type RunResult, type Scenario } from '../../src/model/types.js';
import { plainMeasure } from '../../src/report/numbers.js';
import { tornado } from '../../src/uncertainty/tornado.js';
import { ROOT } from '../helpers/cli.js';
import { workedExample } from '../helpers/model.js';

const io = { stdin: process.stdin, cwd: ROOT, stdout: process.stdout, stderr: process.stderr, env: {} };

/** The scenario files with uncertain values, each with budgets it can be run on. */
const FILES: [budgets: string, scenario: string][] = [
  ['fixtures/example/budgets.csv', 'fixtures/example/uncertain.yaml'],
  ['test/uncertainty/fixtures/worked-budgets.csv', 'test/uncertainty/fixtures/worked-uncertain.yaml'],
  ['fixtures/example/budgets.csv', 'test/fixtures/scenarios/uncertain.yaml'],
  ['test/fixtures/batch/budgets.csv', 'test/fixtures/batch/scenarios/uncertain.yaml'],
];

function summaries(r: RunResult): string[][] {
  return [...r.places.map((p) => p.summary), ...(r.allPlaces ? [r.allPlaces.summary] : [])].map((s) => SUMMARY_MEASURES.map((m) => plainMeasure(m, s[m])));
}

const scenarioOf = (yaml: string): Scenario => scenarioFromText(yaml, { name: 'test.yaml', sha256: '0'.repeat(64) });

const WORKED = (dropOff: string, deadweight = '0.4') =>
  [
    'name: Worked example',
    'horizon: 4',
    'investment: { fixed: [150000], funding: { employment: 1 } }',
    'interventions:',
    '  - name: Employment support',
    '    cost_per_participant: 1500',
    '    success_rate: {triangular: [0.2, 0.3, 0.5]}',
    `    deadweight: ${deadweight}`,
    '    optimism_bias: 0.1',
    '    lag: 1',
    '    duration: 3',
    `    drop_off: ${dropOff}`,
    '    avoided_cost_per_success: { employment: 9234, health: 566 }',
    '    cashable: { employment: 1.0, health: 0 }',
  ].join('\n');

describe('tornado through the schema setter', () => {
  it('can set every uncertain value of the scenario files by its own path, and at its centre gets the figures as written', async () => {
    let checked = 0;
    for (const [b, s] of FILES) {
      const budgets = await readBudgets(b, io);
      const scenario = await loadScenario(s, io);
      const centre = summaries(runModel(budgets, scenario));
      expect(scenario.uncertain.length).toBeGreaterThan(0);
      for (const u of scenario.uncertain) {
        expect(resolveParamPath(scenario, u.path)).toBe(u.path);
        const rebuilt = setParam(scenario, u.path, u.central);
        expect(summaries(runModel(budgets, rebuilt)), `${s} ${u.path}`).toEqual(centre);
        // the value is now fixed: one uncertain value fewer
        expect(rebuilt.uncertain.map((x) => x.path)).toEqual(scenario.uncertain.filter((x) => x !== u).map((x) => x.path));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25);
  });

  it('leaves the scenario as it was', async () => {
    const budgets = await readBudgets('fixtures/example/budgets.csv', io);
    const scenario = await loadScenario('fixtures/example/uncertain.yaml', io);
    const before = summaries(runModel(budgets, scenario));
    const r = tornado(budgets, scenario);
    expect(r.entities[0]!.bars.length).toBe(scenario.uncertain.length);
    expect(summaries(runModel(budgets, scenario))).toEqual(before);
    // and a second tornado gives the same figures
    const again = tornado(budgets, scenario);
    expect(again.entities.map((e) => e.bars.map((x) => [x.path, x.npvLow.toString(), x.npvHigh.toString()]))).toEqual(
      r.entities.map((e) => e.bars.map((x) => [x.path, x.npvLow.toString(), x.npvHigh.toString()])),
    );
  });

  it("reports the scenario's warnings as written, not those of a rebuilt end", () => {
    // deadweight normal(0.05, 0.1): its P10 is clamped to 0, and a scenario written with deadweight 0 is warned about
    const { budgets } = workedExample();
    const scenario = scenarioOf(WORKED('0.2', '{normal: [0.05, 0.1]}'));
    const r = tornado(budgets, scenario);
    const dw = r.entities[0]!.bars.find((b) => b.path === 'interventions.0.deadweight')!;
    expect(dw.low.toString()).toBe('0');
    expect(setParam(scenario, dw.path, dw.low).warnings.map((w) => w.code)).toContain('zero-deadweight');
    expect(r.warnings.map((w) => w.code)).toEqual(runModel(budgets, scenario).warnings.map((w) => w.code));
    expect(r.warnings.map((w) => w.code)).not.toContain('zero-deadweight');
  });

  it('says which end makes the scenario invalid, located at the distribution (exit 65), rather than crash', () => {
    // Today every end is clamped into its field's valid range, so the validator accepts it; a clamp range wider
    // than the validator's stands in for a rule the clamp does not know.
    const { budgets } = workedExample();
    const scenario = scenarioOf(WORKED('{normal: [0.5, 0.8]}'));
    const u = scenario.uncertain.find((x) => x.path === 'interventions.0.drop_off')!;
    u.min = new D(-5);
    u.max = new D(5);
    let err: unknown;
    try {
      tornado(budgets, scenario);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.exitCode).toBe(EXIT.data);
    // both ends, P10 = 0.5 - 1.28155 x 0.8 < 0 and P90 > 1, listed together
    expect(e.problems).toHaveLength(2);
    expect(e.message).toBe('test.yaml: 2 ends of uncertain values make the scenario invalid');
    const [low, high] = e.problems.map(formatProblem);
    expect(low).toMatch(/^test\.yaml:12:15 \(interventions\[0\]\.drop_off\): interventions\.0\.drop_off at its P10 \(-0\.52\d+\) makes the scenario invalid, so tornado cannot vary it: `drop_off` is -0\.52\d+, outside its valid range/);
    expect(low).toContain('(set by tornado to its P10)');
    expect(low).toContain('narrow the distribution of interventions.0.drop_off');
    expect(high).toMatch(/interventions\.0\.drop_off at its P90 \(1\.52\d+\) makes the scenario invalid/);
  });

  it('varies a copy of a typed scenario as it varies the scenario read', () => {
    const { budgets } = workedExample();
    const scenario = scenarioOf(WORKED('{uniform: [0.1, 0.3]}'));
    const copy: Scenario = { ...scenario };
    const bars = (s: Scenario) => tornado(budgets, s).entities[0]!.bars.map((x) => [x.path, x.npvLow.toString(), x.npvHigh.toString()]);
    expect(bars(copy)).toEqual(bars(scenario));
    expect(tornado(budgets, { ...copy, uncertain: [] }).entities[0]!.bars).toEqual([]);
  });
});
