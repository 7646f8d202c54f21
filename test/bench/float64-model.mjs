// A hand-written float64 Monte Carlo of the model of docs/method.md (sections 1 to 12, the fields the
// benchmark's scenario uses), as an analyst who cares about speed would write it in plain JavaScript: the
// budget lines summed once into arrays by silo, stage and year, then for each draw the scenario's uncertain
// values drawn and the year loop run over those arrays. It is the yardstick of the `simulate` line of the
// benchmark: `placepool simulate --draws 20000` end to end (start-up, reading, drawing, statistics, the CSV)
// against this script doing the same end to end. It knows nothing of placepool's code (it reads its inputs
// with csv-parse and yaml, as such a script would); bench.mjs checks that it computes the same thing as
// test/bench/reference-model.mjs, at the central values and on drawn ones, before timing it.
//
//   node test/bench/float64-model.mjs BUDGETS.csv SCENARIO.yaml DRAWS OUT.csv
//
// Its draws are its own (a small seeded generator; PERT by two gamma draws), so its percentiles are close to
// placepool's, not equal: only the time is compared. Draws are not clamped to the fields' ranges (the
// benchmark's distributions stay inside them).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import YAML from 'yaml';

export const MEASURES = [
  'pv_costs',
  'pv_cashable_benefits',
  'pv_fiscal_benefits',
  'npv_cashable',
  'npv_fiscal',
  'cashable_roi',
  'fiscal_roi',
  'payback_t',
  'peak_funding_requirement',
  'total_investment',
  'total_cashable_savings',
  'final_baseline_prevention_share',
  'final_scenario_prevention_share',
];
const M = MEASURES.length;
const STAGES = { reactive: 0, preventive: 1, other: 2 };
const DEFAULT_OB_TABLE = { 1: 0, 2: 0.05, 3: 0.1, 4: 0.15, 5: 0.25, 6: 0.4 };
const BANDS = { 'green-book': [0.035, 0.03, 0.025], 'green-book-health': [0.015, 0.0129, 0.0107] };

const silo = (s) => String(s).trim().toLowerCase().replace(/[ -]+/g, '_');
const isDist = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && ('triangular' in v || 'pert' in v || 'uniform' in v || 'normal' in v);
const central = (v) => (v.triangular ? v.triangular[1] : v.pert ? v.pert[1] : v.uniform ? (v.uniform[0] + v.uniform[1]) / 2 : v.normal[0]);
const list = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Budget lines by place: [{ silo, service, stage, year, amount }], amounts as numbers. */
export function readBudgets(path) {
  const rows = parse(readFileSync(path), { columns: (h) => h.map((c) => c.trim().toLowerCase()), bom: true, trim: true, skip_empty_lines: true });
  const byPlace = new Map();
  for (const r of rows) {
    if (!byPlace.has(r.place)) byPlace.set(r.place, []);
    byPlace.get(r.place).push({
      silo: silo(r.silo),
      service: r.service,
      stage: r.stage.toLowerCase(),
      year: Number(r.year.trim().slice(0, 4)),
      amount: Number(r.amount.trim().replace(/^£/, '').replace(/,/g, '')),
    });
  }
  return byPlace;
}

export const readScenario = (path) => YAML.parse(readFileSync(path, 'utf8'));

/** Every distribution in the scenario, as { path, parent, key, dist }, and the scenario with central values. */
export function uncertainValues(scenario) {
  const sc = structuredClone(scenario);
  const found = [];
  const walk = (obj, path) => {
    for (const [k, v] of Object.entries(obj)) {
      const p = path ? `${path}.${k}` : k;
      if (isDist(v)) {
        found.push({ path: p, parent: obj, key: k, dist: v });
        obj[k] = central(v);
      } else if (v !== null && typeof v === 'object') walk(v, p);
    }
  };
  walk(sc, '');
  return { scenario: sc, uncertain: found };
}

/** One place's budget lines summed once: by silo, stage and year (lines with a year missing kept apart). */
function prepareLines(lines, baseYear, H) {
  const bySilo = new Map();
  const keyed = new Map();
  for (const l of lines) {
    const key = `${l.silo}|${l.service}|${l.stage}`;
    if (!keyed.has(key)) keyed.set(key, { silo: l.silo, stage: STAGES[l.stage], amounts: new Float64Array(H).fill(NaN) });
    const t = l.year - baseYear;
    if (t >= 0 && t < H) keyed.get(key).amounts[t] = l.amount;
  }
  for (const line of keyed.values()) {
    if (!bySilo.has(line.silo)) bySilo.set(line.silo, { given: [new Float64Array(H), new Float64Array(H), new Float64Array(H)], grown: [] });
    const s = bySilo.get(line.silo);
    if (line.amounts.every((a) => !Number.isNaN(a))) for (let t = 0; t < H; t++) s.given[line.stage][t] += line.amounts[t];
    else s.grown.push(line);
  }
  const names = [...bySilo.keys()].sort();
  return { names, silos: names.map((n) => bySilo.get(n)) };
}

/**
 * The model compiled for the budgets and scenario: `values(i)` sets the uncertain values of a draw into the
 * scenario, `evaluate(out)` fills out[e * M + m] with measure m of entity e (each place, then `all places`).
 */
export function compile(budgets, rawScenario) {
  const { scenario: sc, uncertain } = uncertainValues(rawScenario);
  const places = sc.places ?? [...budgets.keys()];
  const H = sc.horizon ?? 10;
  let baseYear = sc.base_year;
  if (baseYear === undefined) baseYear = Math.min(...places.flatMap((p) => budgets.get(p).map((l) => l.year)));
  const df = new Float64Array(H);
  df[0] = 1;
  for (let t = 1; t < H; t++) {
    const b = BANDS[sc.discount ?? 'green-book'];
    const r = typeof sc.discount === 'number' ? sc.discount : t <= 30 ? b[0] : t <= 75 ? b[1] : b[2];
    df[t] = df[t - 1] / (1 + r);
  }
  const prepared = places.map((p) => prepareLines(budgets.get(p), baseYear, H));
  const entities = places.length >= 2 ? places.length + 1 : places.length;
  // yearly flows of a place: I, T, E, A, CA, B, V, S
  const flows = prepared.map(() => Array.from({ length: 8 }, () => new Float64Array(H)));
  const total = Array.from({ length: 8 }, () => new Float64Array(H));

  // what does not change from draw to draw, once per place: the silos, the interventions' links to them
  const ob = { ...DEFAULT_OB_TABLE, ...(sc.optimism_bias_table ?? {}) };
  const interventions = sc.interventions ?? [];
  const links = interventions.map((k) => ({
    avoided: Object.keys(k.avoided_cost_per_success ?? {}).map((key) => ({ silo: silo(key), key })),
    cashable: Object.fromEntries(Object.keys(k.cashable ?? {}).map((key) => [silo(key), key])),
  }));
  for (const pl of prepared) {
    const external = [...new Set(links.flatMap((l) => l.avoided.map((a) => a.silo)))].filter((s) => !pl.names.includes(s)).sort();
    pl.all = [...pl.names, ...external];
    const idx = new Map(pl.all.map((s, i) => [s, i]));
    pl.links = links.map((l) => ({ avoided: l.avoided.map((a) => ({ ...a, at: idx.get(a.silo) })), cashable: l.cashable }));
    pl.R = pl.silos.map(() => new Float64Array(H));
    pl.P = pl.silos.map(() => new Float64Array(H));
    pl.Tot = pl.silos.map(() => new Float64Array(H));
    pl.CAs = pl.silos.map(() => new Float64Array(H));
    pl.raw = interventions.map(() => new Float64Array(pl.all.length));
    pl.m = interventions.map(() => new Float64Array(H));
    pl.avoided = interventions.map(() => new Float64Array(pl.all.length));
    pl.cashable = interventions.map(() => new Float64Array(pl.all.length));
  }
  const PT = new Float64Array(H);
  const perDraw = Object.fromEntries(['share', 'unit', 'net', 'lag', 'duration', 'keep'].map((k) => [k, new Float64Array(interventions.length)]));

  function place(pl, y) {
    const [I, T, E, A, CA, B, V, S] = y;
    const growth = sc.growth ?? {};
    const pool = sc.pool ?? {};
    const inv = sc.investment ?? {};
    const integ = sc.integration ?? {};
    const nS = pl.names.length;
    const { R, P, Tot, CAs, raw, m } = pl;
    // the baseline of each silo: given lines, and lines grown from their last given year
    for (let s = 0; s < nS; s++) {
      const [r, p, o] = pl.silos[s].given;
      R[s].set(r);
      P[s].set(p);
      for (let t = 0; t < H; t++) Tot[s][t] = r[t] + p[t] + o[t];
      const g = growth[pl.names[s]] ?? growth.default ?? 0;
      for (const line of pl.silos[s].grown) {
        let previous = 0;
        for (let t = 0; t < H; t++) {
          const a = !Number.isNaN(line.amounts[t]) ? line.amounts[t] : t >= 1 ? previous * (1 + g) : 0;
          if (line.stage === 0) R[s][t] += a;
          else if (line.stage === 1) P[s][t] += a;
          Tot[s][t] += a;
          previous = a;
        }
      }
    }
    const all = pl.all;
    const poolOf = pl.names.map((s) => pool[s] ?? 0);
    const shift = list(inv.shift ?? 0);
    const fixed = list(inv.fixed);
    const transition = list(integ.transition_costs);
    const ramp = integ.ramp_years ?? 1;
    const funding = inv.funding ?? 'pool';
    // this draw's intervention values
    const nK = interventions.length;
    const { share, unit, net, lag, duration, keep } = perDraw;
    for (let i = 0; i < nK; i++) {
      const k = interventions[i];
      const bias = k.optimism_bias ?? (k.confidence !== undefined ? ob[k.confidence] : 0);
      share[i] = k.share ?? 1;
      unit[i] = k.cost_per_participant * (1 + (k.cost_optimism_bias ?? 0));
      net[i] = (k.success_rate ?? 0) * (1 - (k.deadweight ?? 0)) * (k.attribution ?? 1) * (1 - bias);
      lag[i] = k.lag ?? 0;
      duration[i] = k.duration ?? 1;
      keep[i] = 1 - (k.drop_off ?? 0);
      const avoided = pl.avoided[i];
      const cashable = pl.cashable[i];
      avoided.fill(NaN);
      cashable.fill(0);
      for (const a of pl.links[i].avoided) {
        avoided[a.at] = k.avoided_cost_per_success[a.key];
        const c = pl.links[i].cashable[a.silo];
        if (c !== undefined) cashable[a.at] = k.cashable[c];
      }
    }
    let cashablePrev = 0;
    for (let t = 0; t < H; t++) {
      let pt = 0;
      let pr = 0;
      for (let s = 0; s < nS; s++) {
        pt += poolOf[s] * Tot[s][t];
        pr += poolOf[s] * R[s][t];
      }
      PT[t] = pt;
      E[t] = (integ.efficiency ?? 0) * Math.min(1, (t + 1) / ramp) * pt;
      T[t] = transition[t] ?? 0;
      I[t] = shift[Math.min(t, shift.length - 1)] * pr + (fixed[t] ?? 0) + (inv.reinvest ?? 0) * cashablePrev;
      for (let i = 0; i < nK; i++) {
        m[i][t] = ((share[i] * I[t]) / unit[i]) * net[i];
        let cohort = 0;
        let factor = 1;
        for (let j = 0; j < duration[i] && t - lag[i] - j >= 0; j++) {
          cohort += m[i][t - lag[i] - j] * factor;
          factor *= keep[i];
        }
        // NaN where the intervention has no avoided cost in the silo
        const avoided = pl.avoided[i];
        for (let s = 0; s < all.length; s++) raw[i][s] = cohort * avoided[s];
      }
      let a = 0;
      let cashableT = 0;
      for (let s = 0; s < all.length; s++) {
        let gross = 0;
        for (let i = 0; i < interventions.length; i++) if (!Number.isNaN(raw[i][s])) gross += raw[i][s];
        const capped = s < nS && gross > R[s][t] ? R[s][t] : gross;
        a += capped;
        let cashable = 0;
        for (let i = 0; i < interventions.length; i++) {
          if (Number.isNaN(raw[i][s])) continue;
          cashable += pl.cashable[i][s] * (gross === 0 ? 0 : (raw[i][s] * capped) / gross);
        }
        if (s < nS) CAs[s][t] = cashable;
        cashableT += cashable;
      }
      A[t] = a;
      CA[t] = cashableT;
      cashablePrev = cashableT + E[t];
    }
    for (let t = 0; t < H; t++) {
      let b = 0;
      let v = 0;
      let sp = 0;
      for (let s = 0; s < nS; s++) {
        const share = PT[t] === 0 ? 0 : (poolOf[s] * Tot[s][t]) / PT[t];
        const f = funding === 'pool' ? share : (funding[pl.names[s]] ?? 0);
        b += Tot[s][t];
        v += P[s][t];
        sp += Tot[s][t] - CAs[s][t] - E[t] * share + f * I[t] + f * T[t];
      }
      B[t] = b;
      V[t] = v;
      S[t] = sp;
    }
  }

  function summarise([I, T, E, A, CA, B, V, S], out, at) {
    let pvCosts = 0;
    let pvCash = 0;
    let pvFiscal = 0;
    let totalI = 0;
    let totalCS = 0;
    let cumulative = 0;
    let peak = 0;
    let cumDisc = 0;
    let payback = NaN;
    for (let t = 0; t < H; t++) {
      pvCosts += df[t] * (I[t] + T[t]);
      pvCash += df[t] * (CA[t] + E[t]);
      pvFiscal += df[t] * (A[t] + E[t]);
      totalI += I[t];
      totalCS += CA[t] + E[t];
      const net = CA[t] + E[t] - I[t] - T[t];
      cumulative += net;
      peak = Math.max(peak, -cumulative);
      cumDisc += df[t] * net;
      // the first year from which the cumulative discounted net stays >= 0
      if (cumDisc < 0) payback = NaN;
      else if (Number.isNaN(payback)) payback = t;
    }
    const last = H - 1;
    out.set(
      [
        pvCosts,
        pvCash,
        pvFiscal,
        pvCash - pvCosts,
        pvFiscal - pvCosts,
        pvCosts === 0 ? NaN : pvCash / pvCosts,
        pvCosts === 0 ? NaN : pvFiscal / pvCosts,
        payback,
        peak,
        totalI,
        totalCS,
        B[last] === 0 ? NaN : V[last] / B[last],
        S[last] === 0 ? NaN : (V[last] + I[last]) / S[last],
      ],
      at,
    );
  }

  function evaluate(out) {
    prepared.forEach((pl, i) => {
      place(pl, flows[i]);
      summarise(flows[i], out, i * M);
    });
    if (entities > places.length) {
      for (let f = 0; f < 8; f++) {
        total[f].fill(0);
        for (const y of flows) for (let t = 0; t < H; t++) total[f][t] += y[f][t];
      }
      summarise(total, out, places.length * M);
    }
  }
  const set = (values) => uncertain.forEach((u, j) => (u.parent[u.key] = values[j]));
  return { places, entities, uncertain, set, evaluate, horizon: H };
}

/** mulberry32 */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

function normal(random) {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

/** Marsaglia and Tsang's gamma sampler (shape >= 1). */
function gamma(shape, random) {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x;
    let v;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function draw(dist, random) {
  if (dist.triangular) {
    const [a, b, c] = dist.triangular;
    const u = random();
    return u < (b - a) / (c - a) ? a + Math.sqrt(u * (c - a) * (b - a)) : c - Math.sqrt((1 - u) * (c - a) * (c - b));
  }
  if (dist.uniform) return dist.uniform[0] + random() * (dist.uniform[1] - dist.uniform[0]);
  if (dist.normal) return dist.normal[0] + dist.normal[1] * normal(random);
  const [a, b, c] = dist.pert;
  const x = gamma(1 + (4 * (b - a)) / (c - a), random);
  const y = gamma(1 + (4 * (c - b)) / (c - a), random);
  return a + (c - a) * (x / (x + y));
}

const PERCENTILES = [5, 10, 25, 50, 75, 90, 95];

/** The whole job: read, draw, evaluate, summarise, write the CSV. */
export function simulate(budgetsPath, scenarioPath, draws, outPath, seed = 1) {
  const model = compile(readBudgets(budgetsPath), readScenario(scenarioPath));
  const random = generator(seed);
  const values = new Float64Array(model.uncertain.length);
  const out = new Float64Array(model.entities * M);
  const columns = Array.from({ length: model.entities * M }, () => new Float64Array(draws));
  for (let i = 0; i < draws; i++) {
    model.uncertain.forEach((u, j) => (values[j] = draw(u.dist, random)));
    model.set(values);
    model.evaluate(out);
    for (let o = 0; o < out.length; o++) columns[o][i] = out[o];
  }
  const names = [...model.places, ...(model.entities > model.places.length ? ['all places'] : [])];
  const lines = [`place,measure,mean,${PERCENTILES.map((p) => `p${p}`).join(',')},prob_positive`];
  names.forEach((name, e) => {
    MEASURES.forEach((m, j) => {
      const sorted = columns[e * M + j].filter((x) => !Number.isNaN(x)).sort();
      const mean = sorted.reduce((a, x) => a + x, 0) / sorted.length;
      const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
      const positive = m === 'npv_cashable' ? (sorted.filter((x) => x > 0).length / draws).toFixed(4) : '';
      lines.push([name, m, mean.toFixed(2), ...PERCENTILES.map((p) => (sorted.length ? at(p).toFixed(2) : '')), positive].join(','));
    });
  });
  writeFileSync(outPath, `${lines.join('\n')}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [budgets, scenario, draws, out] = process.argv.slice(2);
  simulate(budgets, scenario, Number(draws), out);
}
