// A straightforward implementation of the model of docs/method.md (sections 1 to 12), written the way a careful analyst would write it
// without thinking about speed: plain JavaScript objects keyed by name, ordinary loops, binary floating
// point, and the whole model recomputed from the budget lines for every draw. It is the yardstick for the
// `simulate` ratio of the benchmark, so it must compute the same thing: bench.mjs checks that it agrees with
// `placepool run` (the exact engine) at the central values, and with the compiled path draw by draw.
//
// It reads its own inputs (csv-parse, yaml), as such a script would, and knows nothing of placepool's code.
import { readFileSync } from 'node:fs';
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

const DEFAULT_OB_TABLE = { 1: 0, 2: 0.05, 3: 0.1, 4: 0.15, 5: 0.25, 6: 0.4 };

function normaliseSilo(s) {
  return String(s).trim().toLowerCase().replace(/[ -]+/g, '_');
}

function parseYear(text) {
  return Number(String(text).trim().slice(0, 4));
}

function parseAmount(text) {
  return Number(String(text).trim().replace(/^£/, '').replace(/,/g, ''));
}

/** Budget lines grouped by place (in order of first appearance). */
export function readBudgets(path) {
  const rows = parse(readFileSync(path), { columns: (h) => h.map((c) => c.trim().toLowerCase()), bom: true, trim: true, skip_empty_lines: true });
  const byPlace = new Map();
  for (const r of rows) {
    const line = {
      place: r.place,
      year: parseYear(r.year),
      silo: normaliseSilo(r.silo),
      service: r.service,
      stage: r.stage.toLowerCase(),
      amount: parseAmount(r.amount),
    };
    if (!byPlace.has(line.place)) byPlace.set(line.place, []);
    byPlace.get(line.place).push(line);
  }
  return byPlace;
}

/** The central value of a number or a distribution. */
function central(v) {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object') {
    if (v.triangular) return v.triangular[1];
    if (v.pert) return v.pert[1];
    if (v.uniform) return (v.uniform[0] + v.uniform[1]) / 2;
    if (v.normal) return v.normal[0];
  }
  return v;
}

/** Replace every distribution in the scenario by its central value. */
function centralise(x) {
  if (Array.isArray(x)) return x.map(centralise);
  if (x && typeof x === 'object') {
    if (x.triangular || x.pert || x.uniform || x.normal) return central(x);
    const out = {};
    for (const [k, v] of Object.entries(x)) out[k] = centralise(v);
    return out;
  }
  return x;
}

export function readScenario(path) {
  return YAML.parse(readFileSync(path, 'utf8'));
}

/** The scenario with these values (by dotted path) in place of its distributions' central values. */
export function applyDraw(scenario, values) {
  const s = centralise(structuredClone(scenario));
  for (const [path, value] of Object.entries(values)) {
    const parts = path.split('.');
    let obj = s;
    for (let i = 0; i < parts.length - 1; i++) obj = obj[parts[i]];
    obj[parts[parts.length - 1]] = value;
  }
  return s;
}

function discountFactors(discount, H) {
  const bands = {
    'green-book': [0.035, 0.03, 0.025],
    'green-book-health': [0.015, 0.0129, 0.0107],
  };
  const df = [1];
  for (let t = 1; t < H; t++) {
    let r;
    if (typeof discount === 'number') r = discount;
    else {
      const b = bands[discount ?? 'green-book'];
      r = t <= 30 ? b[0] : t <= 75 ? b[1] : b[2];
    }
    df.push(df[t - 1] / (1 + r));
  }
  return df;
}

const list = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Yearly flows of one place (docs/method.md, sections 1 to 7). */
function modelPlace(lines, sc, baseYear, H) {
  const growth = sc.growth ?? {};
  const g = (silo) => growth[silo] ?? growth.default ?? 0;

  // 1. baseline, line by line
  const byKey = {};
  for (const l of lines) {
    const key = `${l.silo}|${l.service}|${l.stage}`;
    if (!byKey[key]) byKey[key] = { silo: l.silo, stage: l.stage, amounts: {} };
    byKey[key].amounts[l.year] = l.amount;
  }
  const silos = {};
  for (const line of Object.values(byKey)) {
    if (!silos[line.silo]) {
      silos[line.silo] = { reactive: [], preventive: [], other: [], total: [] };
      for (let t = 0; t < H; t++) {
        silos[line.silo].reactive.push(0);
        silos[line.silo].preventive.push(0);
        silos[line.silo].other.push(0);
        silos[line.silo].total.push(0);
      }
    }
    let previous = 0;
    for (let t = 0; t < H; t++) {
      const given = line.amounts[baseYear + t];
      const amount = given !== undefined ? given : t >= 1 ? previous * (1 + g(line.silo)) : 0;
      silos[line.silo][line.stage][t] += amount;
      silos[line.silo].total[t] += amount;
      previous = amount;
    }
  }
  const lineSilos = Object.keys(silos).sort();
  const interventions = (sc.interventions ?? []).map((k) => ({
    share: k.share ?? 1,
    cpp: k.cost_per_participant,
    cob: k.cost_optimism_bias ?? 0,
    sr: k.success_rate ?? 0,
    dw: k.deadweight ?? 0,
    attr: k.attribution ?? 1,
    ob: k.optimism_bias ?? (k.confidence !== undefined ? ({ ...DEFAULT_OB_TABLE, ...(sc.optimism_bias_table ?? {}) })[k.confidence] : 0),
    lag: k.lag ?? 0,
    duration: k.duration ?? 1,
    drop: k.drop_off ?? 0,
    avoided: Object.fromEntries(Object.entries(k.avoided_cost_per_success ?? {}).map(([s, v]) => [normaliseSilo(s), v])),
    cashable: Object.fromEntries(Object.entries(k.cashable ?? {}).map(([s, v]) => [normaliseSilo(s), v])),
  }));
  const external = [...new Set(interventions.flatMap((k) => Object.keys(k.avoided)))].filter((s) => !silos[s]).sort();
  const allSilos = [...lineSilos, ...external];

  // 2. pool
  const pool = sc.pool ?? {};
  const K = {};
  for (const s of lineSilos) K[s] = silos[s].total.map((b) => (pool[s] ?? 0) * b);
  const PT = [];
  const PR = [];
  for (let t = 0; t < H; t++) {
    let pt = 0;
    let pr = 0;
    for (const s of lineSilos) {
      pt += K[s][t];
      pr += (pool[s] ?? 0) * silos[s].reactive[t];
    }
    PT.push(pt);
    PR.push(pr);
  }
  // 2. funding shares
  const inv = sc.investment ?? {};
  const funding = inv.funding ?? 'pool';
  const f = (s, t) => (funding === 'pool' ? (PT[t] === 0 ? 0 : K[s][t] / PT[t]) : (funding[s] ?? 0));
  // 3. integration
  const integ = sc.integration ?? {};
  const efficiency = integ.efficiency ?? 0;
  const ramp = integ.ramp_years ?? 1;
  const transition = list(integ.transition_costs);
  const E = PT.map((pt, t) => efficiency * Math.min(1, (t + 1) / ramp) * pt);
  const T = [];
  for (let t = 0; t < H; t++) T.push(transition[t] ?? 0);

  // 4-6, year by year
  const shift = list(inv.shift ?? 0);
  const fixed = list(inv.fixed);
  const reinvest = inv.reinvest ?? 0;
  const m = interventions.map(() => []);
  const I = [];
  const A = {};
  const CA = {};
  for (const s of allSilos) {
    A[s] = [];
    CA[s] = [];
  }
  let cashablePrev = 0;
  for (let t = 0; t < H; t++) {
    I.push(shift[Math.min(t, shift.length - 1)] * PR[t] + (fixed[t] ?? 0) + reinvest * cashablePrev);
    interventions.forEach((k, i) => {
      const participants = (k.share * I[t]) / (k.cpp * (1 + k.cob));
      m[i].push(participants * k.sr * (1 - k.dw) * k.attr * (1 - k.ob));
    });
    const raw = interventions.map((k, i) => {
      const bySilo = {};
      for (const [s, perSuccess] of Object.entries(k.avoided)) {
        let total = 0;
        for (let j = 0; j < k.duration; j++) {
          const tau = t - k.lag - j;
          if (tau < 0) break;
          total += m[i][tau] * Math.pow(1 - k.drop, j);
        }
        bySilo[s] = total * perSuccess;
      }
      return bySilo;
    });
    let cashableT = 0;
    for (const s of allSilos) {
      let gross = 0;
      for (const r of raw) gross += r[s] ?? 0;
      let capped = gross;
      if (silos[s] && gross > silos[s].reactive[t]) capped = silos[s].reactive[t];
      A[s].push(capped);
      let cashable = 0;
      interventions.forEach((k, i) => {
        if (raw[i][s] === undefined) return;
        const part = gross === 0 ? 0 : (raw[i][s] * capped) / gross;
        cashable += (k.cashable[s] ?? 0) * part;
      });
      CA[s].push(cashable);
      cashableT += cashable;
    }
    cashablePrev = cashableT + E[t];
  }

  // 7. place flows
  const years = [];
  for (let t = 0; t < H; t++) {
    const y = { I: I[t], T: T[t], E: E[t], A: 0, CA: 0, B: 0, V: 0, S: 0 };
    for (const s of allSilos) {
      y.A += A[s][t];
      y.CA += CA[s][t];
    }
    for (const s of lineSilos) {
      const Es = PT[t] === 0 ? 0 : (E[t] * K[s][t]) / PT[t];
      y.B += silos[s].total[t];
      y.V += silos[s].preventive[t];
      y.S += silos[s].total[t] - CA[s][t] - Es + f(s, t) * I[t] + f(s, t) * T[t];
    }
    years.push(y);
  }
  return years;
}

/** Summary measures (docs/method.md, "9. Summary measures") of yearly flows. */
function summarise(years, df) {
  const H = years.length;
  const s = { pv_costs: 0, pv_cashable_benefits: 0, pv_fiscal_benefits: 0, total_investment: 0, total_cashable_savings: 0, peak_funding_requirement: 0 };
  let cumulative = 0;
  const discounted = [];
  let cumDiscounted = 0;
  for (let t = 0; t < H; t++) {
    const y = years[t];
    s.pv_costs += df[t] * (y.I + y.T);
    s.pv_cashable_benefits += df[t] * (y.CA + y.E);
    s.pv_fiscal_benefits += df[t] * (y.A + y.E);
    s.total_investment += y.I;
    s.total_cashable_savings += y.CA + y.E;
    const net = y.CA + y.E - y.I - y.T;
    cumulative += net;
    s.peak_funding_requirement = Math.max(s.peak_funding_requirement, -cumulative);
    cumDiscounted += df[t] * net;
    discounted.push(cumDiscounted);
  }
  s.npv_cashable = s.pv_cashable_benefits - s.pv_costs;
  s.npv_fiscal = s.pv_fiscal_benefits - s.pv_costs;
  s.cashable_roi = s.pv_costs === 0 ? null : s.pv_cashable_benefits / s.pv_costs;
  s.fiscal_roi = s.pv_costs === 0 ? null : s.pv_fiscal_benefits / s.pv_costs;
  s.payback_t = null;
  for (let t = 0; t < H; t++) {
    if (discounted.slice(t).every((d) => d >= 0)) {
      s.payback_t = t;
      break;
    }
  }
  const last = years[H - 1];
  s.final_baseline_prevention_share = last.B === 0 ? null : last.V / last.B;
  s.final_scenario_prevention_share = last.S === 0 ? null : (last.V + last.I) / last.S;
  return s;
}

/**
 * Run the model: budgets (lines by place), a scenario (as read from YAML) and the drawn values by path.
 * Returns [{ place, summary }] for each place and, with two or more, `all places`.
 */
export function runReference(budgets, scenario, values = {}) {
  const sc = applyDraw(scenario, values);
  const places = sc.places ?? [...budgets.keys()];
  const H = sc.horizon ?? 10;
  let baseYear = sc.base_year;
  if (baseYear === undefined) {
    baseYear = Infinity;
    for (const p of places) for (const l of budgets.get(p)) baseYear = Math.min(baseYear, l.year);
  }
  const df = discountFactors(sc.discount, H);
  const out = [];
  const perPlace = [];
  for (const p of places) {
    const years = modelPlace(budgets.get(p), sc, baseYear, H);
    perPlace.push(years);
    out.push({ place: p, summary: summarise(years, df) });
  }
  if (places.length >= 2) {
    const sums = [];
    for (let t = 0; t < H; t++) {
      const y = { I: 0, T: 0, E: 0, A: 0, CA: 0, B: 0, V: 0, S: 0 };
      for (const years of perPlace) for (const k of Object.keys(y)) y[k] += years[t][k];
      sums.push(y);
    }
    out.push({ place: 'all places', summary: summarise(sums, df) });
  }
  return out;
}
