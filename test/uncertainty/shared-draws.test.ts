// Draws shared between threads (src/uncertainty/shared-draws.ts): whichever thread takes which chunk, the
// outputs and the clamped counts are those of one thread drawing them all.
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import type { Scenario } from '../../src/model/types.js';
import { createEvaluator } from '../../src/uncertainty/compiled.js';
import { runChunk } from '../../src/uncertainty/sampler.js';
import { DrawThreads, drawInThread, runDraws } from '../../src/uncertainty/pool.js';
import { CHUNK_SIZE, DrawTaker, sharedDraws } from '../../src/uncertainty/shared-draws.js';
import { prepareSimulation } from '../../src/uncertainty/simulate.js';
import { workedExample } from '../helpers/model.js';

function uncertainExample() {
  const { budgets, scenario } = workedExample();
  const num = (x: string) => new D(x);
  const uncertain: Scenario = {
    ...scenario,
    uncertain: [
      { path: 'growth.default', label: 'growth', dist: { kind: 'uniform', low: num('0'), high: num('0.04') }, central: num('0'), min: num('-0.5'), max: num('1') },
      // reaches below its valid range, so some draws are clamped
      { path: 'interventions.0.success_rate', label: 'success', dist: { kind: 'normal', mean: num('0.3'), sd: num('0.2') }, central: num('0.3'), min: num('0'), max: num('1') },
    ],
  };
  return prepareSimulation(budgets, uncertain).model;
}

const model = uncertainExample();
const draws = 3 * CHUNK_SIZE + 17;
const seed = 11;
// every draw evaluated in one call, as one chunk: the reference the shared chunks must equal
const whole = runChunk(model, seed, 0, draws);
const alone = {
  outputs: Array.from({ length: whole.values.length / draws }, (_, o) => whole.values.slice(o * draws, (o + 1) * draws)),
  clampedDraws: whole.clampedDraws,
  clampedByParam: [...whole.clampedByParam],
};

function expectSame(got: { outputs: Float64Array[]; clampedDraws: number; clampedByParam: number[] }): void {
  expect(got.outputs).toHaveLength(alone.outputs.length);
  const bytes = (col: Float64Array) => Buffer.from(col.buffer, col.byteOffset, col.byteLength);
  got.outputs.forEach((col, o) => expect(bytes(col).equals(bytes(alone.outputs[o]!)), `output ${o}`).toBe(true));
  expect(got.clampedDraws).toBe(alone.clampedDraws);
  expect(got.clampedByParam).toEqual(alone.clampedByParam);
}

describe('shared draws', () => {
  it('some draws are clamped (so the counts are tested)', () => {
    expect(alone.clampedDraws).toBeGreaterThan(0);
  });

  it('one thread alone (drawInThread) gives what one call over every draw gives', () => {
    expectSame(drawInThread(model, draws, seed));
  });

  it('two takers sharing one counter, in any interleaving, give what one thread gives', () => {
    for (const pattern of [[0, 1], [1, 1, 0], [0, 0, 0, 1]]) {
      const shared = sharedDraws(model, draws);
      const takers = [0, 1].map(() => new DrawTaker(model, seed, shared, createEvaluator(model)));
      let more = true;
      for (let k = 0; more; k++) more = takers[pattern[k % pattern.length]!]!.takeOne();
      expect(takers[0]!.allDone()).toBe(true);
      expect(takers[1]!.takeOne()).toBe(false);
      expectSame(takers[0]!.results());
    }
  });

  it('a worker thread (the built one) drawing every chunk gives what this thread gives', async () => {
    const threads = await DrawThreads.start(2, draws);
    expect(threads).toBeDefined();
    try {
      const shared = sharedDraws(model, draws);
      const [chunks] = await Promise.all(threads!.run({ model, seed, shared }));
      expect(chunks).toBe(4);
      expectSame(new DrawTaker(model, seed, shared, createEvaluator(model)).results());
      // and the same threads, used by runDraws beside this one
      expectSame(await runDraws(model, { draws, seed, jobs: 2, threads }));
    } finally {
      await threads!.destroy();
    }
  });

  it('a worker that fails rejects its task, and a task given to an ended worker is rejected at once', async () => {
    const threads = await DrawThreads.start(2, draws);
    try {
      // a task the worker cannot compute: it throws, and the error ends the thread
      const [failed] = threads!.run({ model: undefined, seed, shared: sharedDraws(model, draws) } as never);
      await expect(failed).rejects.toThrow();
      const [again] = threads!.run({ model, seed, shared: sharedDraws(model, draws) });
      await expect(again).rejects.toThrow();
    } finally {
      await threads!.destroy();
    }
  });

  it('no threads for one chunk or --jobs 1', async () => {
    expect(await DrawThreads.start(4, CHUNK_SIZE)).toBeUndefined();
    expect(await DrawThreads.start(1, draws)).toBeUndefined();
  });
});
