import { describe, expect, it } from 'vitest';
import { drawStream, drawUniforms, nextUniform } from '../../src/uncertainty/rng.js';

function uniforms(seed: number, index: number, count: number): number[] {
  const u = new Float64Array(count);
  drawUniforms(seed, index, count, u);
  return [...u];
}

describe('per-draw streams', () => {
  it('draw i is the same whenever and however often it is computed', () => {
    const first = uniforms(1, 12345, 5);
    uniforms(1, 0, 100);
    expect(uniforms(1, 12345, 5)).toEqual(first);
  });

  it('different seeds and different draws give different numbers', () => {
    const a = uniforms(1, 0, 4);
    expect(uniforms(2, 0, 4)).not.toEqual(a);
    expect(uniforms(1, 1, 4)).not.toEqual(a);
    // seeds that differ only in their high 32 bits
    expect(uniforms(2 ** 32 + 1, 0, 4)).not.toEqual(a);
    // the streams of draws i and of seed i are not the same stream shifted
    expect(uniforms(1, 2, 1)).not.toEqual(uniforms(2, 1, 1));
  });

  it('gives numbers strictly inside (0, 1), uniformly spread (chi-square over 100 bins)', () => {
    const bins = new Array(100).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = uniforms(777, i, 1)[0]!;
      expect(u > 0 && u < 1).toBe(true);
      bins[Math.floor(u * 100)]++;
    }
    const expected = n / 100;
    const chi2 = bins.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 99 degrees of freedom: the 99.9% point is 148.2
    expect(chi2).toBeLessThan(148.2);
  });

  it('successive draws and successive values within a draw are uncorrelated', () => {
    const n = 50_000;
    const x: number[] = [];
    const y: number[] = [];
    const z: number[] = [];
    for (let i = 0; i < n; i++) {
      const rng = drawStream(5, i);
      x.push(nextUniform(rng));
      y.push(nextUniform(rng));
    }
    for (let i = 0; i < n; i++) z.push(x[(i + 1) % n]!);
    const corr = (a: number[], b: number[]) => {
      const ma = a.reduce((s, v) => s + v, 0) / a.length;
      const mb = b.reduce((s, v) => s + v, 0) / b.length;
      let sab = 0, saa = 0, sbb = 0;
      for (let i = 0; i < a.length; i++) {
        sab += (a[i]! - ma) * (b[i]! - mb);
        saa += (a[i]! - ma) ** 2;
        sbb += (b[i]! - mb) ** 2;
      }
      return sab / Math.sqrt(saa * sbb);
    };
    expect(Math.abs(corr(x, y))).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(corr(x, z))).toBeLessThan(4 / Math.sqrt(n));
  });
});
