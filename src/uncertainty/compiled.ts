// The fast evaluation path for Monte Carlo draws: (budgets, scenario) compiled once into flat typed arrays,
// then each draw evaluated in binary floating point following docs/method.md (sections 1 to 12) step by step,
// writing only the summary measures (docs/method.md, "9. Summary measures") of each place and of `all
// places`. The exact decimal engine (src/model/engine.ts) stays the only path for `run`, `tornado` and `breakeven`; with every uncertain value at its centre this
// path agrees with it to the penny (test/uncertainty/compiled.test.ts).
//
// Usage: `const model = compileModel(budgets, scenario, plan)` once; then `createEvaluator(model)` and call
// `evaluate(values, out)` per draw, `values` holding the uncertain values in `scenario.uncertain` order. A
// CompiledModel is plain data (numbers, strings, typed arrays), so it can be posted to worker threads.
import { discountFactors } from '../model/discount.js';
import { linesByPlace } from '../model/series.js';
import type { BudgetLine, Budgets, Intervention, RunResult, Scenario, Stage } from '../model/types.js';
import { INTERVENTION_FIELDS, isNumeric, type FieldDef, type InterventionFieldName } from '../model/schema.js';
import { SUMMARY_MEASURES } from '../model/types.js';
import { toNumeric, type NumericDistribution } from './distributions.js';

/** Which places are modelled and from which year: taken from the exact engine's result at the centre. */
export interface ModelPlan {
  baseYear: number;
  places: { name: string; members: string[] }[];
}

export function planFromResult(result: RunResult): ModelPlan {
  return { baseYear: result.baseYear, places: result.places.map((p) => ({ name: p.place, members: [...p.members] })) };
}

export const MEASURE_COUNT = SUMMARY_MEASURES.length;
const M = Object.fromEntries(SUMMARY_MEASURES.map((m, i) => [m, i])) as Record<(typeof SUMMARY_MEASURES)[number], number>;

const STAGE_INDEX: Record<Stage, number> = { reactive: 0, preventive: 1, other: 2 };

export interface CompiledPlace {
  name: string;
  /** silos with lines (alphabetical), then external silos (alphabetical) */
  silos: string[];
  nLines: number;
  /** growth slot of each silo with lines */
  growthSlot: Int32Array;
  pool: Float64Array;
  /**
   * Baseline terms by cell c = (s * 3 + stage) * H + t: B = sum over terms i in [termStart[c], termStart[c+1])
   * of termAmount[i] * (1 + g[s])^termExp[i] (a line's last given amount grown for termExp years).
   */
  termStart: Int32Array;
  termExp: Int32Array;
  termAmount: Float64Array;
  /** links from each silo (lines first, then external) to interventions: [linkStart[j], linkStart[j+1]) */
  linkStart: Int32Array;
  linkK: Int32Array;
  linkAvoidedSlot: Int32Array;
  linkCashableSlot: Int32Array;
  /** the transfer share's slot of each link, -1 for none (then 0) */
  linkTransferSlot: Int32Array;
  /** the envelope's rate slot of each silo with lines (-1 without an envelope) */
  envelopeSlot: Int32Array;
}

export interface CompiledModel {
  horizon: number;
  baseYear: number;
  df: Float64Array;
  fixed: Float64Array;
  /** the funders' grants by year, summed (grants are never uncertain) */
  grant: Float64Array;
  /** outcome payments: for each one, the intervention paid for, its rate's slot, and gross (1) or net (0) */
  payK: Int32Array;
  paySlot: Int32Array;
  payGross: Uint8Array;
  /** whether the scenario has an envelope (else the gap measures are empty) */
  envelope: boolean;
  transition: Float64Array;
  /** min(1, (t+1)/ramp_years) */
  ramp: Float64Array;
  shiftSlot: Int32Array;
  reinvestSlot: number;
  efficiencySlot: number;
  /** intervention k's slots at k * K_FIELDS + field */
  kSlots: Int32Array;
  lag: Int32Array;
  duration: Int32Array;
  nInterventions: number;
  maxDuration: number;
  places: CompiledPlace[];
  /** whether an `all places` summary follows the places */
  allPlaces: boolean;
  /** every scalar input that a draw may change, at its central value */
  central: Float64Array;
  /** the uncertain values, in `scenario.uncertain` order */
  uncertainSlot: Int32Array;
  dists: NumericDistribution[];
  paths: string[];
  labels: string[];
  /** whether any growth rate is uncertain (otherwise baselines are computed once) */
  growthUncertain: boolean;
  /** entity names of the output blocks: the places, then `all places` when present */
  entities: string[];
}

// An intervention's slots: one for each of its single decimal values in the scenario schema, in the schema's
// order (its maps by silo get slots of their own, linked from each place's silos).
const K_SLOT_FIELDS = (Object.entries(INTERVENTION_FIELDS) as [InterventionFieldName, FieldDef][]).filter(([, f]) => f.shape === 'one' && isNumeric(f) && !f.integer);
const K_FIELDS = K_SLOT_FIELDS.length;
function kSlot(name: InterventionFieldName): number {
  const i = K_SLOT_FIELDS.findIndex(([n]) => n === name);
  if (i < 0) throw new Error(`the fast path has no slot for ${name}`);
  return i;
}
const K_SHARE = kSlot('share');
const K_CPP = kSlot('cost_per_participant');
const K_COB = kSlot('cost_optimism_bias');
const K_SR = kSlot('success_rate');
const K_DW = kSlot('deadweight');
const K_ATTR = kSlot('attribution');
const K_OB = kSlot('optimism_bias');
const K_DROP = kSlot('drop_off');
const K_EV = kSlot('economic_value_per_success');
const K_SV = kSlot('social_value_per_success');
const K_DISP = kSlot('displacement');

/** Number of output values per draw: the summary measures of each place and of `all places`. */
export function outputSize(model: CompiledModel): number {
  return model.entities.length * MEASURE_COUNT;
}

export function compileModel(budgets: Budgets, scenario: Scenario, plan: ModelPlan): CompiledModel {
  const H = scenario.horizon;
  const central: number[] = [];
  const slotOf = new Map<string, number>();
  const slot = (path: string, value: { toNumber(): number }): number => {
    const existing = slotOf.get(path);
    if (existing !== undefined) return existing;
    central.push(value.toNumber());
    slotOf.set(path, central.length - 1);
    return central.length - 1;
  };

  // growth: one slot per silo given, one for the default
  const growthDefault = slot('growth.default', scenario.growth.default);
  for (const [s, g] of scenario.growth.bySilo) slot(`growth.${s}`, g);
  const growthSlotOf = (s: string) => slotOf.get(`growth.${s}`) ?? growthDefault;

  // the envelope: one slot per silo given, one for the default
  const envelope = scenario.envelope;
  const envelopeDefault = envelope ? slot('envelope.default', envelope.default) : -1;
  if (envelope) for (const [s, e] of envelope.bySilo) slot(`envelope.${s}`, e);
  const envelopeSlotOf = (s: string) => (envelope ? (slotOf.get(`envelope.${s}`) ?? envelopeDefault) : -1);

  const { shift, fixed, reinvest } = scenario.investment;
  const shiftSlots = shift.map((x, i) => slot(`investment.shift.${i}`, x));
  const shiftSlot = Int32Array.from({ length: H }, (_, t) => shiftSlots[Math.min(t, shiftSlots.length - 1)] ?? slot('investment.shift.none', { toNumber: () => 0 }));
  const reinvestSlot = slot('investment.reinvest', reinvest);
  const efficiencySlot = slot('integration.efficiency', scenario.integration.efficiency);

  const ks = scenario.interventions;
  const kSlots = new Int32Array(ks.length * K_FIELDS);
  ks.forEach((k, i) => {
    K_SLOT_FIELDS.forEach(([name, f], j) => (kSlots[i * K_FIELDS + j] = slot(`interventions.${i}.${name}`, k[f.prop as keyof Intervention] as { toNumber(): number })));
    for (const [s, v] of k.avoidedCost) slot(`interventions.${i}.avoided_cost_per_success.${s}`, v);
    for (const [s, v] of k.cashable) slot(`interventions.${i}.cashable.${s}`, v);
    for (const [s, v] of k.transfer) slot(`interventions.${i}.transfer.${s}`, v);
  });

  // each place's rows, in file order, found once (not a scan of every row for every place)
  const rowsOf = linesByPlace(budgets.lines);
  // outside money: the grants by year, and each outcome payment with the slot of its rate
  const payK: number[] = [];
  const paySlot: number[] = [];
  const payGross: number[] = [];
  scenario.funders.forEach((f, j) => {
    for (const [k, rate] of f.outcomePayment) {
      payK.push(k);
      paySlot.push(slot(`funders.${j}.outcome_payment.${k}`, rate));
      payGross.push(f.basis === 'gross' ? 1 : 0);
    }
  });

  const places = plan.places.map((p) => compilePlace(budgets, rowsOf, scenario, plan.baseYear, p, growthSlotOf, envelopeSlotOf, slotOf));

  const uncertainSlot = Int32Array.from(scenario.uncertain, (u) => {
    const s = slotOf.get(u.path) ?? (u.path === 'investment.shift' ? slotOf.get('investment.shift.0') : undefined);
    if (s === undefined) throw new Error(`the fast path does not know the uncertain value ${u.path}`);
    return s;
  });
  const growthSlots = new Set([growthDefault, ...[...scenario.growth.bySilo.keys()].map((s) => slotOf.get(`growth.${s}`)!)]);

  const df = discountFactors(scenario.discount, H).map((x) => x.toNumber());
  const ramp = Float64Array.from({ length: H }, (_, t) => Math.min(1, (t + 1) / scenario.integration.rampYears));
  const allPlaces = places.length >= 2;
  return {
    horizon: H,
    baseYear: plan.baseYear,
    df: Float64Array.from(df),
    fixed: Float64Array.from({ length: H }, (_, t) => fixed[t]?.toNumber() ?? 0),
    grant: Float64Array.from({ length: H }, (_, t) => scenario.funders.reduce((a, f) => a + (f.grant[t]?.toNumber() ?? 0), 0)),
    payK: Int32Array.from(payK),
    paySlot: Int32Array.from(paySlot),
    payGross: Uint8Array.from(payGross),
    envelope: envelope !== undefined,
    transition: Float64Array.from({ length: H }, (_, t) => scenario.integration.transitionCosts[t]?.toNumber() ?? 0),
    ramp,
    shiftSlot,
    reinvestSlot,
    efficiencySlot,
    kSlots,
    lag: Int32Array.from(ks, (k) => k.lag),
    duration: Int32Array.from(ks, (k) => k.duration),
    nInterventions: ks.length,
    maxDuration: Math.max(1, ...ks.map((k) => k.duration)),
    places,
    allPlaces,
    central: Float64Array.from(central),
    uncertainSlot,
    dists: scenario.uncertain.map((u) => toNumeric(u.dist, u.min, u.max)),
    paths: scenario.uncertain.map((u) => u.path),
    labels: scenario.uncertain.map((u) => u.label),
    growthUncertain: [...uncertainSlot].some((s) => growthSlots.has(s)),
    entities: [...places.map((p) => p.name), ...(allPlaces ? ['all places'] : [])],
  };
}

function compilePlace(
  budgets: Budgets,
  rowsOf: ReadonlyMap<string, BudgetLine[]>,
  scenario: Scenario,
  baseYear: number,
  place: { name: string; members: string[] },
  growthSlotOf: (s: string) => number,
  envelopeSlotOf: (s: string) => number,
  slotOf: Map<string, number>,
): CompiledPlace {
  const H = scenario.horizon;
  const members = new Set(place.members);
  // a combined place's rows stay in file order, as one scan gives them
  const rows = place.members.length === 1 ? (rowsOf.get(place.members[0]!) ?? []) : budgets.lines.filter((l) => members.has(l.place));
  // budget lines by key (place, silo, service, stage): amounts by year
  const lines = new Map<string, { silo: string; stage: Stage; amounts: Map<number, number> }>();
  for (const l of rows) {
    const key = `${l.place}\u0000${l.silo}\u0000${l.service}\u0000${l.stage}`;
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { silo: l.silo, stage: l.stage, amounts: new Map() }));
    line.amounts.set(l.year, l.amount.toNumber());
  }
  const lineSilos = [...new Set([...lines.values()].map((l) => l.silo))].sort();
  const external = [...new Set(scenario.interventions.flatMap((k) => [...k.avoidedCost.keys()]))].filter((s) => !lineSilos.includes(s)).sort();
  const silos = [...lineSilos, ...external];
  const siloIndex = new Map(lineSilos.map((s, i) => [s, i]));

  // baseline terms, grouped by cell and exponent
  const cells = Array.from({ length: lineSilos.length * 3 * H }, () => new Map<number, number>());
  for (const line of lines.values()) {
    const s = siloIndex.get(line.silo)!;
    let lastT = -1;
    let last = 0;
    for (let t = 0; t < H; t++) {
      const given = line.amounts.get(baseYear + t);
      if (given !== undefined) {
        lastT = t;
        last = given;
      }
      if (lastT < 0) continue;
      const cell = cells[(s * 3 + STAGE_INDEX[line.stage]) * H + t]!;
      cell.set(t - lastT, (cell.get(t - lastT) ?? 0) + last);
    }
  }
  const termStart = new Int32Array(cells.length + 1);
  const termExp: number[] = [];
  const termAmount: number[] = [];
  cells.forEach((cell, c) => {
    for (const [e, a] of [...cell].sort((x, y) => x[0] - y[0])) {
      termExp.push(e);
      termAmount.push(a);
    }
    termStart[c + 1] = termExp.length;
  });

  const linkStart = new Int32Array(silos.length + 1);
  const linkK: number[] = [];
  const linkAvoided: number[] = [];
  const linkCashable: number[] = [];
  const linkTransfer: number[] = [];
  silos.forEach((s, j) => {
    scenario.interventions.forEach((k, i) => {
      if (!k.avoidedCost.has(s)) return;
      linkK.push(i);
      linkAvoided.push(slotOf.get(`interventions.${i}.avoided_cost_per_success.${s}`)!);
      // a missing cashable share is 0 (the loader requires one for every silo)
      linkCashable.push(k.cashable.has(s) ? slotOf.get(`interventions.${i}.cashable.${s}`)! : -1);
      linkTransfer.push(k.transfer.has(s) ? slotOf.get(`interventions.${i}.transfer.${s}`)! : -1);
    });
    linkStart[j + 1] = linkK.length;
  });

  return {
    name: place.name,
    silos,
    nLines: lineSilos.length,
    growthSlot: Int32Array.from(lineSilos, growthSlotOf),
    pool: Float64Array.from(lineSilos, (s) => scenario.pool.get(s)?.toNumber() ?? 0),
    termStart,
    termExp: Int32Array.from(termExp),
    termAmount: Float64Array.from(termAmount),
    linkStart,
    linkK: Int32Array.from(linkK),
    linkAvoidedSlot: Int32Array.from(linkAvoided),
    linkCashableSlot: Int32Array.from(linkCashable),
    linkTransferSlot: Int32Array.from(linkTransfer),
    envelopeSlot: Int32Array.from(lineSilos, envelopeSlotOf),
  };
}

/** A place's yearly totals for one draw (the parts of docs/method.md, "7. Flows by silo and for the place" the summary needs). */
interface YearTotals {
  I: Float64Array;
  T: Float64Array;
  E: Float64Array;
  A: Float64Array;
  CA: Float64Array;
  /** cashable savings of silos with lines only (external silos have no scenario spend) */
  CAlines: Float64Array;
  B: Float64Array;
  V: Float64Array;
  /** public value: economic and social value, and the transfer payments within avoided cost */
  EV: Float64Array;
  SV: Float64Array;
  TF: Float64Array;
  /** grants and outcome payments */
  G: Float64Array;
  OP: Float64Array;
  /** the funding envelope, over the silos with lines */
  F: Float64Array;
}

function yearTotals(H: number): YearTotals {
  const z = () => new Float64Array(H);
  return { I: z(), T: z(), E: z(), A: z(), CA: z(), CAlines: z(), B: z(), V: z(), EV: z(), SV: z(), TF: z(), G: z(), OP: z(), F: z() };
}

export type Evaluate = (values: Float64Array, out: Float64Array, outOffset?: number) => void;

/**
 * An evaluator with its own scratch buffers: `evaluate(values, out, offset)` writes the summary measures of
 * each entity (places, then `all places`) at `out[offset + e * MEASURE_COUNT + measure]`, NaN for none.
 */
export function createEvaluator(model: CompiledModel): Evaluate {
  const H = model.horizon;
  const nK = model.nInterventions;
  const p = new Float64Array(model.central.length);
  const baselines = model.places.map((pl) => ({
    R: new Float64Array(pl.nLines * H),
    V: new Float64Array(pl.nLines * H),
    O: new Float64Array(pl.nLines * H),
  }));
  const pow = new Float64Array(H);
  const m = new Float64Array(nK * H);
  const q = new Float64Array(nK);
  const decay = new Float64Array(nK * model.maxDuration);
  const kBase = new Float64Array(nK);
  // economic value (net of displacement) and social value per success-year of each intervention
  // outcomes observed per £ invested (deadweight included), for payments on a gross basis
  const qGross = new Float64Array(nK);
  const kEV = new Float64Array(nK);
  const kSV = new Float64Array(nK);
  const totals = model.places.map(() => yearTotals(H));
  const sums = yearTotals(H);
  const PR = new Float64Array(H);
  const PT = new Float64Array(H);
  const investedAt = new Float64Array(H);

  const computeBaseline = (pi: number): void => {
    const pl = model.places[pi]!;
    const b = baselines[pi]!;
    for (let s = 0; s < pl.nLines; s++) {
      const g = 1 + p[pl.growthSlot[s]!]!;
      pow[0] = 1;
      for (let e = 1; e < H; e++) pow[e] = pow[e - 1]! * g;
      for (let st = 0; st < 3; st++) {
        const target = st === 0 ? b.R : st === 1 ? b.V : b.O;
        for (let t = 0; t < H; t++) {
          const c = (s * 3 + st) * H + t;
          let v = 0;
          for (let i = pl.termStart[c]!; i < pl.termStart[c + 1]!; i++) v += pl.termAmount[i]! * pow[pl.termExp[i]!]!;
          target[s * H + t] = v;
        }
      }
    }
  };

  // baselines do not change between draws unless a growth rate is uncertain
  p.set(model.central);
  for (let pi = 0; pi < model.places.length; pi++) computeBaseline(pi);

  return (values, out, outOffset = 0) => {
    p.set(model.central);
    for (let j = 0; j < model.uncertainSlot.length; j++) p[model.uncertainSlot[j]!] = values[j]!;

    // 5. outcomes per £ invested in intervention k, and its drop-off by year of benefit
    for (let k = 0; k < nK; k++) {
      const o = k * K_FIELDS;
      const ks = model.kSlots;
      q[k] =
        (p[ks[o + K_SHARE]!]! * p[ks[o + K_SR]!]! * (1 - p[ks[o + K_DW]!]!) * p[ks[o + K_ATTR]!]! * (1 - p[ks[o + K_OB]!]!)) /
        (p[ks[o + K_CPP]!]! * (1 + p[ks[o + K_COB]!]!));
      qGross[k] = (p[ks[o + K_SHARE]!]! * p[ks[o + K_SR]!]!) / (p[ks[o + K_CPP]!]! * (1 + p[ks[o + K_COB]!]!));
      const keep = 1 - p[ks[o + K_DROP]!]!;
      kEV[k] = p[ks[o + K_EV]!]! * (1 - p[ks[o + K_DISP]!]!);
      kSV[k] = p[ks[o + K_SV]!]!;
      let f = 1;
      for (let j = 0; j < model.duration[k]!; j++) {
        decay[k * model.maxDuration + j] = f;
        f *= keep;
      }
    }
    const reinvest = p[model.reinvestSlot]!;
    const efficiency = p[model.efficiencySlot]!;

    for (let pi = 0; pi < model.places.length; pi++) {
      const pl = model.places[pi]!;
      if (model.growthUncertain) computeBaseline(pi);
      const { R, V, O } = baselines[pi]!;
      const y = totals[pi]!;
      // 1-2. place baseline totals and the pool
      for (let t = 0; t < H; t++) {
        let pr = 0;
        let pt = 0;
        let bt = 0;
        let vt = 0;
        for (let s = 0; s < pl.nLines; s++) {
          const r = R[s * H + t]!;
          const v = V[s * H + t]!;
          const b = r + v + O[s * H + t]!;
          pr += pl.pool[s]! * r;
          pt += pl.pool[s]! * b;
          bt += b;
          vt += v;
        }
        PR[t] = pr;
        PT[t] = pt;
        y.B[t] = bt;
        y.V[t] = vt;
      }
      // the funding envelope: each silo's first year with spend, grown at its rate
      if (model.envelope) {
        y.F.fill(0);
        for (let s = 0; s < pl.nLines; s++) {
          const grow = 1 + p[pl.envelopeSlot[s]!]!;
          let f = -1;
          for (let t = 0; t < H; t++) {
            if (f >= 0) f *= grow;
            else {
              const b = R[s * H + t]! + V[s * H + t]! + O[s * H + t]!;
              if (b > 0) f = b;
            }
            if (f > 0) y.F[t] = y.F[t]! + f;
          }
        }
      }
      // 4-9, year by year (reinvestment feeds on last year's cashable savings)
      let cashablePrev = 0;
      for (let t = 0; t < H; t++) {
        const I = p[model.shiftSlot[t]!]! * PR[t]! + model.fixed[t]! + reinvest * cashablePrev + model.grant[t]!;
        const E = efficiency * model.ramp[t]! * PT[t]!;
        for (let k = 0; k < nK; k++) m[k * H + t] = q[k]! * I;
        investedAt[t] = I;
        // outcome payments, in the year an outcome first shows
        let OP = 0;
        for (let j = 0; j < model.payK.length; j++) {
          const k = model.payK[j]!;
          const tau = t - model.lag[k]!;
          if (tau < 0) continue;
          OP += p[model.paySlot[j]!]! * (model.payGross[j] ? qGross[k]! * investedAt[tau]! : m[k * H + tau]!);
        }
        y.G[t] = model.grant[t]!;
        y.OP[t] = OP;
        // 6. avoided cost per success-year of each intervention (silo-independent part), and public value
        let EV = 0;
        let SV = 0;
        for (let k = 0; k < nK; k++) {
          let total = 0;
          const dur = model.duration[k]!;
          for (let j = 0; j < dur; j++) {
            const tau = t - model.lag[k]! - j;
            if (tau < 0) break;
            total += m[k * H + tau]! * decay[k * model.maxDuration + j]!;
          }
          kBase[k] = total;
          EV += total * kEV[k]!;
          SV += total * kSV[k]!;
        }
        // 8-9. the cap on silos with lines, then cashable shares
        let A = 0;
        let CA = 0;
        let CAlines = 0;
        let TF = 0;
        for (let j = 0; j < pl.silos.length; j++) {
          let gross = 0;
          let grossCashable = 0;
          let grossTransfer = 0;
          for (let l = pl.linkStart[j]!; l < pl.linkStart[j + 1]!; l++) {
            const raw = p[pl.linkAvoidedSlot[l]!]! * kBase[pl.linkK[l]!]!;
            gross += raw;
            const cs = pl.linkCashableSlot[l]!;
            if (cs >= 0) grossCashable += p[cs]! * raw;
            const ts = pl.linkTransferSlot[l]!;
            if (ts >= 0) grossTransfer += p[ts]! * raw;
          }
          if (j < pl.nLines) {
            const reactive = R[j * H + t]!;
            if (gross > reactive) {
              grossCashable = gross > 0 ? (grossCashable * reactive) / gross : 0;
              grossTransfer = gross > 0 ? (grossTransfer * reactive) / gross : 0;
              gross = reactive;
            }
            CAlines += grossCashable;
          }
          A += gross;
          CA += grossCashable;
          TF += grossTransfer;
        }
        y.I[t] = I;
        y.T[t] = model.transition[t]!;
        y.E[t] = E;
        y.A[t] = A;
        y.CA[t] = CA;
        y.CAlines[t] = CAlines;
        y.EV[t] = EV;
        y.SV[t] = SV;
        y.TF[t] = TF;
        cashablePrev = CA + E;
      }
      summarise(model, y, out, outOffset + pi * MEASURE_COUNT);
    }

    if (model.allPlaces) {
      for (const key of Object.keys(sums) as (keyof YearTotals)[]) {
        const target = sums[key];
        target.fill(0);
        for (const y of totals) {
          const src = y[key];
          for (let t = 0; t < H; t++) target[t] = target[t]! + src[t]!;
        }
      }
      summarise(model, sums, out, outOffset + model.places.length * MEASURE_COUNT);
    }
  };
}

/** The summary measures (docs/method.md, "9. Summary measures") from a place's yearly totals. */
function summarise(model: CompiledModel, y: YearTotals, out: Float64Array, o: number): void {
  const H = model.horizon;
  const df = model.df;
  let pvCosts = 0;
  let pvCashable = 0;
  let pvFiscal = 0;
  let pvEconomic = 0;
  let pvSocial = 0;
  let pvTransfers = 0;
  let pvExternal = 0;
  let partnersCumulative = 0;
  let partnersPeak = 0;
  let baselineGap = 0;
  let scenarioGap = 0;
  let totalInvestment = 0;
  let totalCashable = 0;
  let cumulative = 0;
  let peak = 0;
  let magnitude = 0;
  for (let t = 0; t < H; t++) {
    const costs = y.I[t]! + y.T[t]!;
    const cashable = y.CA[t]! + y.E[t]!;
    pvCosts += df[t]! * costs;
    pvCashable += df[t]! * cashable;
    pvFiscal += df[t]! * (y.A[t]! + y.E[t]!);
    pvEconomic += df[t]! * y.EV[t]!;
    pvSocial += df[t]! * y.SV[t]!;
    pvTransfers += df[t]! * y.TF[t]!;
    pvExternal += df[t]! * (y.G[t]! + y.OP[t]!);
    totalInvestment += y.I[t]!;
    totalCashable += cashable;
    cumulative += cashable - costs;
    if (-cumulative > peak) peak = -cumulative;
    partnersCumulative += cashable - costs + y.G[t]! + y.OP[t]!;
    if (-partnersCumulative > partnersPeak) partnersPeak = -partnersCumulative;
    if (model.envelope) {
      baselineGap += y.B[t]! - y.F[t]!;
      scenarioGap += scenarioSpendOf(y, t) - y.G[t]! - y.OP[t]! - y.F[t]!;
    }
    magnitude += df[t]! * (Math.abs(costs) + Math.abs(cashable));
  }
  // payback: the first t from which the cumulative discounted net cashable stays >= 0. Sums that are exactly
  // zero in decimals may come out a few units of the last place negative in binary: a tolerance of 1e-12 of
  // the flows' size (far below a penny) keeps those at zero, as the exact engine has them.
  const tolerance = 1e-12 * magnitude;
  let discounted = 0;
  let lastNegative = -1;
  for (let t = 0; t < H; t++) {
    discounted += df[t]! * (y.CA[t]! + y.E[t]! - y.I[t]! - y.T[t]!);
    if (discounted < -tolerance) lastNegative = t;
  }
  const last = H - 1;
  const scenarioSpend = scenarioSpendOf(y, last);
  out[o + M.pv_costs] = pvCosts;
  out[o + M.pv_cashable_benefits] = pvCashable;
  out[o + M.pv_fiscal_benefits] = pvFiscal;
  out[o + M.npv_cashable] = pvCashable - pvCosts;
  out[o + M.npv_fiscal] = pvFiscal - pvCosts;
  out[o + M.cashable_roi] = pvCosts === 0 ? NaN : pvCashable / pvCosts;
  out[o + M.fiscal_roi] = pvCosts === 0 ? NaN : pvFiscal / pvCosts;
  out[o + M.payback_t] = lastNegative + 1 < H ? lastNegative + 1 : NaN;
  out[o + M.peak_funding_requirement] = peak;
  out[o + M.total_investment] = totalInvestment;
  out[o + M.total_cashable_savings] = totalCashable;
  out[o + M.final_baseline_prevention_share] = y.B[last] === 0 ? NaN : y.V[last]! / y.B[last]!;
  out[o + M.final_scenario_prevention_share] = scenarioSpend === 0 ? NaN : (y.V[last]! + y.I[last]!) / scenarioSpend;
  const pvPublic = pvFiscal - pvTransfers + pvEconomic + pvSocial;
  out[o + M.pv_economic_benefits] = pvEconomic;
  out[o + M.pv_social_benefits] = pvSocial;
  out[o + M.pv_transfers] = pvTransfers;
  out[o + M.pv_public_value] = pvPublic;
  out[o + M.npv_public_value] = pvPublic - pvCosts;
  out[o + M.public_value_roi] = pvCosts === 0 ? NaN : pvPublic / pvCosts;
  out[o + M.pv_external_funding] = pvExternal;
  out[o + M.partners_npv_cashable] = pvCashable - pvCosts + pvExternal;
  out[o + M.partners_peak_funding_requirement] = partnersPeak;
  out[o + M.final_baseline_gap] = model.envelope ? y.B[last]! - y.F[last]! : NaN;
  out[o + M.final_scenario_gap] = model.envelope ? scenarioSpend - y.G[last]! - y.OP[last]! - y.F[last]! : NaN;
  out[o + M.cumulative_baseline_gap] = model.envelope ? baselineGap : NaN;
  out[o + M.cumulative_scenario_gap] = model.envelope ? scenarioGap : NaN;
}

/** The place's scenario spend of a year: its silos' spend (baseline less savings, plus what they bear) and the grants. */
function scenarioSpendOf(y: YearTotals, t: number): number {
  return y.B[t]! - y.CAlines[t]! - y.E[t]! + y.I[t]! + y.T[t]!;
}

/** The central values of the uncertain parameters (the draw that must agree with `run`). */
export function centralValues(model: CompiledModel): Float64Array {
  return Float64Array.from(model.uncertainSlot, (s) => model.central[s]!);
}
