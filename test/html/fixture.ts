// A hand-made RunResult for the HTML report tests, built by a small, independent reading of docs/method.md (sections 1 to 11)
// (one place, proportional settlement, green-book discounting) so that its figures hang together: the yearly
// flows sum to the place totals, the cumulative position matches the payback year and the peak funding, and
// the settlement has a wrong pocket. It is a fixture, not the engine: the renderers must not care how the
// figures were made, only show them faithfully.
import { D, ZERO, negative, sum } from '../../src/decimal.js';
import type {
  InterventionResult,
  PlaceResult,
  PlaceYear,
  RunResult,
  SettlementRow,
  SiloResult,
  SiloYear,
  Summary,
  YearInfo,
} from '../../src/model/types.js';
import type { ReportMeta } from '../../src/report/meta.js';

interface FixtureSilo {
  silo: string;
  reactive: string;
  preventive: string;
  other: string;
  growth: string;
  pool: string;
}

interface FixtureIntervention {
  name: string;
  share: string;
  cost: string;
  success: string;
  deadweight: string;
  attribution: string;
  ob: string;
  lag: number;
  duration: number;
  dropOff: string;
  avoided: Record<string, string>;
  cashable: Record<string, string>;
}

export interface FixtureSpec {
  scenario: string;
  place: string;
  baseYear: number;
  horizon: number;
  silos: FixtureSilo[];
  shift: string[];
  fixed: string[];
  efficiency: string;
  rampYears: number;
  transition: string[];
  interventions: FixtureIntervention[];
}

/** Lambeth-sized: NHS £500m, social care £220m, employment support £40m, childcare £30m; one external silo. */
export const LAMBETH: FixtureSpec = {
  scenario: 'Lambeth whole-place pool',
  place: 'Lambeth',
  baseYear: 2025,
  horizon: 10,
  silos: [
    { silo: 'childcare', reactive: '9000000', preventive: '19500000', other: '1500000', growth: '0.01', pool: '1' },
    { silo: 'employment', reactive: '24000000', preventive: '12000000', other: '4000000', growth: '0.01', pool: '0.5' },
    { silo: 'health', reactive: '350000000', preventive: '60000000', other: '90000000', growth: '0.02', pool: '0.1' },
    { silo: 'social_care', reactive: '176000000', preventive: '30000000', other: '14000000', growth: '0.035', pool: '1' },
  ],
  shift: ['0.01', '0.02', '0.03'],
  fixed: ['2000000'],
  efficiency: '0.005',
  rampYears: 3,
  transition: ['1500000', '500000'],
  interventions: [
    {
      name: 'Family intervention',
      share: '0.6',
      cost: '5214',
      success: '0.5',
      deadweight: '0.2',
      attribution: '0.9',
      ob: '0.1',
      lag: 1,
      duration: 4,
      dropOff: '0.2',
      avoided: { social_care: '8000', health: '1200', criminal_justice: '2470' },
      cashable: { social_care: '0.6', health: '0.3', criminal_justice: '0.5' },
    },
    {
      name: 'Back to work with childcare',
      share: '0.4',
      cost: '3100',
      success: '0.4',
      deadweight: '0.3',
      attribution: '0.8',
      ob: '0.15',
      lag: 1,
      duration: 3,
      dropOff: '0.3',
      avoided: { employment: '9234', health: '566' },
      cashable: { employment: '1', health: '0.2' },
    },
  ],
};

function greenBook(h: number): D[] {
  const df: D[] = [new D(1)];
  for (let t = 1; t < h; t++) df.push(df[t - 1]!.dividedBy(t <= 30 ? '1.035' : t <= 75 ? '1.03' : '1.025'));
  return df;
}

const d = (s: string): D => new D(s);

function zeroSiloYear(): SiloYear {
  return {
    baseline_spend: ZERO,
    baseline_reactive: ZERO,
    baseline_preventive: ZERO,
    pooled: ZERO,
    investment: ZERO,
    transition_cost: ZERO,
    efficiency_saving: ZERO,
    avoided_cost: ZERO,
    cashable_saving: ZERO,
    non_cashable_saving: ZERO,
    net_cashable: ZERO,
    scenario_spend: ZERO,
    outcome_payment: ZERO,
    funding_envelope: null,
    baseline_gap: null,
    scenario_gap: null,
  };
}

/** Model one place (docs/method.md, with proportional settlement), as a RunResult. */
export function buildPlace(spec: FixtureSpec): { place: PlaceResult; years: YearInfo[] } {
  const H = spec.horizon;
  const df = greenBook(H);
  const lined = spec.silos.map((s) => s.silo).sort();
  const external = [...new Set(spec.interventions.flatMap((k) => Object.keys(k.avoided)))].filter((s) => !lined.includes(s)).sort();
  const silos = [...lined, ...external];
  const cfg = new Map(spec.silos.map((s) => [s.silo, s]));

  const rows = new Map<string, SiloYear[]>(silos.map((s) => [s, []]));
  const all: PlaceYear[] = [];
  const m: D[][] = spec.interventions.map(() => []);
  const Ik: D[][] = spec.interventions.map(() => []);
  const Ak: D[][] = spec.interventions.map(() => []); // by t, summed over silos
  const CAk: D[][] = spec.interventions.map(() => []);
  let cumulative = ZERO;

  for (let t = 0; t < H; t++) {
    const grown = (s: FixtureSilo, v: string): D => d(v).times(d(s.growth).plus(1).pow(t));
    const R = new Map<string, D>();
    const V = new Map<string, D>();
    const B = new Map<string, D>();
    const K = new Map<string, D>();
    for (const s of lined) {
      const c = cfg.get(s)!;
      R.set(s, grown(c, c.reactive));
      V.set(s, grown(c, c.preventive));
      B.set(s, R.get(s)!.plus(V.get(s)!).plus(grown(c, c.other)));
      K.set(s, d(c.pool).times(B.get(s)!));
    }
    const PT = sum(K.values());
    const PR = sum(lined.map((s) => d(cfg.get(s)!.pool).times(R.get(s)!)));
    const shift = d(spec.shift[Math.min(t, spec.shift.length - 1)]!);
    const I = shift.times(PR).plus(d(spec.fixed[t] ?? '0'));
    const T = d(spec.transition[t] ?? '0');
    const E = d(spec.efficiency).times(Math.min(1, (t + 1) / spec.rampYears)).times(PT);

    // outcomes and avoided cost, gross of the cap
    const raw = new Map<string, D[]>(silos.map((s) => [s, spec.interventions.map(() => ZERO)]));
    spec.interventions.forEach((k, i) => {
      Ik[i]![t] = d(k.share).times(I);
      const n = Ik[i]![t]!.dividedBy(k.cost);
      m[i]![t] = n.times(k.success).times(new D(1).minus(k.deadweight)).times(k.attribution).times(new D(1).minus(k.ob));
      for (let tau = 0; tau <= t; tau++) {
        const j = t - tau - k.lag;
        if (j < 0 || j >= k.duration) continue;
        for (const [s, a] of Object.entries(k.avoided)) {
          const add = m[i]![tau]!.times(a).times(new D(1).minus(k.dropOff).pow(j));
          raw.get(s)![i] = raw.get(s)![i]!.plus(add);
        }
      }
    });

    const placeYear = zeroSiloYear();
    for (const s of silos) {
      const parts = raw.get(s)!;
      const rawSum = sum(parts);
      const isLined = lined.includes(s);
      const A = isLined && rawSum.greaterThan(R.get(s)!) ? R.get(s)! : rawSum;
      let CA = ZERO;
      let Atotal = ZERO;
      spec.interventions.forEach((k, i) => {
        const a = rawSum.isZero() ? ZERO : parts[i]!.times(A).dividedBy(rawSum);
        const ca = a.times(k.cashable[s] ?? '0');
        Atotal = Atotal.plus(a);
        CA = CA.plus(ca);
        Ak[i]![t] = (Ak[i]![t] ?? ZERO).plus(a);
        CAk[i]![t] = (CAk[i]![t] ?? ZERO).plus(ca);
      });
      const y = zeroSiloYear();
      y.avoided_cost = Atotal;
      y.cashable_saving = CA;
      y.non_cashable_saving = Atotal.minus(CA);
      if (isLined) {
        const f = PT.isZero() ? ZERO : K.get(s)!.dividedBy(PT);
        y.baseline_spend = B.get(s)!;
        y.baseline_reactive = R.get(s)!;
        y.baseline_preventive = V.get(s)!;
        y.pooled = K.get(s)!;
        y.investment = f.times(I);
        y.transition_cost = f.times(T);
        y.efficiency_saving = f.times(E);
        y.scenario_spend = y.baseline_spend.minus(CA).minus(y.efficiency_saving).plus(y.investment).plus(y.transition_cost);
      }
      y.net_cashable = CA.plus(y.efficiency_saving).minus(y.investment).minus(y.transition_cost);
      rows.get(s)!.push(y);
      for (const key of Object.keys(placeYear) as (keyof SiloYear)[]) {
        const a = placeYear[key];
        const b = y[key];
        if (a !== null && b !== null) placeYear[key] = a.plus(b);
      }
    }
    // place totals use the place's own I, T, E (equal to the sums over silos here)
    placeYear.net_cashable = placeYear.cashable_saving.plus(E).minus(I).minus(T);
    cumulative = cumulative.plus(placeYear.net_cashable);
    const Vt = placeYear.baseline_preventive;
    all.push({
      ...placeYear,
      cumulative_net_cashable: cumulative,
      discount_factor: df[t]!,
      pv_net_cashable: df[t]!.times(placeYear.net_cashable),
      baseline_prevention_share: placeYear.baseline_spend.isZero() ? null : Vt.dividedBy(placeYear.baseline_spend),
      scenario_prevention_share: placeYear.scenario_spend.isZero() ? null : Vt.plus(I).dividedBy(placeYear.scenario_spend),
      // this fixture's interventions have no economic or social value and no transfers
      economic_value: ZERO,
      social_value: ZERO,
      transfers: ZERO,
      grant: ZERO,
    });
  }

  const summary = summarise(all, df);
  const siloResults: SiloResult[] = silos.map((s) => ({ silo: s, external: external.includes(s), years: rows.get(s)! }));
  const settlement = settle(siloResults, df);
  const interventions: InterventionResult[] = spec.interventions.map((k, i) => {
    const pv = (xs: D[]): D => sum(xs.map((x, t) => df[t]!.times(x)));
    const successes = sum(m[i]!);
    return {
      name: k.name,
      investment_pv: pv(Ik[i]!),
      avoided_cost_pv: pv(Ak[i]!),
      cashable_pv: pv(CAk[i]!),
      net_successes: successes,
      cost_per_success: successes.isZero() ? null : sum(Ik[i]!).dividedBy(successes),
      economic_value_pv: ZERO,
      social_value_pv: ZERO,
    };
  });
  const years = Array.from({ length: H }, (_, t) => {
    const year = spec.baseYear + t;
    return { t, year, label: `${year}/${String((year + 1) % 100).padStart(2, '0')}` };
  });
  return { place: { place: spec.place, members: [spec.place], silos: siloResults, all, summary, settlement, interventions, funders: [], partners: [] }, years };
}

function summarise(all: PlaceYear[], df: D[]): Summary {
  const pv = (f: (y: PlaceYear) => D): D => sum(all.map((y, t) => df[t]!.times(f(y))));
  const pvCosts = pv((y) => y.investment.plus(y.transition_cost));
  const pvCash = pv((y) => y.cashable_saving.plus(y.efficiency_saving));
  const pvFiscal = pv((y) => y.avoided_cost.plus(y.efficiency_saving));
  let payback: number | null = null;
  let running = ZERO;
  const cum = all.map((y, t) => (running = running.plus(df[t]!.times(y.net_cashable))));
  for (let t = cum.length - 1; t >= 0 && !negative(cum[t]!); t--) payback = t;
  let peak = ZERO;
  for (const y of all) if (y.cumulative_net_cashable!.negated().greaterThan(peak)) peak = y.cumulative_net_cashable!.negated();
  const last = all[all.length - 1]!;
  return {
    pv_costs: pvCosts,
    pv_cashable_benefits: pvCash,
    pv_fiscal_benefits: pvFiscal,
    npv_cashable: pvCash.minus(pvCosts),
    npv_fiscal: pvFiscal.minus(pvCosts),
    cashable_roi: pvCosts.isZero() ? null : pvCash.dividedBy(pvCosts),
    fiscal_roi: pvCosts.isZero() ? null : pvFiscal.dividedBy(pvCosts),
    payback_t: payback,
    peak_funding_requirement: peak,
    total_investment: sum(all.map((y) => y.investment)),
    total_cashable_savings: sum(all.map((y) => y.cashable_saving.plus(y.efficiency_saving))),
    final_baseline_prevention_share: last.baseline_prevention_share,
    final_scenario_prevention_share: last.scenario_prevention_share,
    pv_economic_benefits: ZERO,
    pv_social_benefits: ZERO,
    pv_transfers: ZERO,
    pv_public_value: pvFiscal,
    npv_public_value: pvFiscal.minus(pvCosts),
    public_value_roi: pvCosts.isZero() ? null : pvFiscal.dividedBy(pvCosts),
    pv_external_funding: ZERO,
    partners_npv_cashable: pvCash.minus(pvCosts),
    partners_peak_funding_requirement: peak,
    final_baseline_gap: null,
    final_scenario_gap: null,
    cumulative_baseline_gap: null,
    cumulative_scenario_gap: null,
  };
}

function settle(silos: SiloResult[], df: D[]): SettlementRow[] {
  const rows = silos.map((s) => {
    const pays = sum(s.years.map((y, t) => df[t]!.times(y.investment.plus(y.transition_cost))));
    const gains = sum(s.years.map((y, t) => df[t]!.times(y.cashable_saving.plus(y.efficiency_saving))));
    let running = ZERO;
    let peak = ZERO;
    for (const y of s.years) {
      running = running.plus(y.net_cashable);
      if (running.negated().greaterThan(peak)) peak = running.negated();
    }
    return { silo: s.silo, kind: 'silo' as const, external: s.external, pays, gains, net_before: gains.minus(pays), peak_funding: peak };
  }).filter((r) => !r.pays.isZero() || !r.gains.isZero());
  const totalPays = sum(rows.map((r) => r.pays));
  const totalNet = sum(rows.map((r) => r.net_before));
  return rows.map((r) => {
    const transfer = totalPays.isZero() ? ZERO : r.pays.dividedBy(totalPays).times(totalNet).minus(r.net_before);
    return { ...r, wrongPocket: negative(r.net_before) && totalNet.greaterThan(0), transfer, net_after: r.net_before.plus(transfer) };
  });
}

export function lambethResult(spec: FixtureSpec = LAMBETH): RunResult {
  const { place, years } = buildPlace(spec);
  return {
    scenario: spec.scenario,
    baseYear: spec.baseYear,
    horizon: spec.horizon,
    hasFunders: false,
    hasEnvelope: false,
    priceBase: spec.baseYear,
    years,
    places: [place],
    warnings: [
      { code: 'external-silo', message: 'silo "criminal_justice" has no budget lines: its avoided costs are not capped' },
      { code: 'zero-deadweight', message: 'intervention "Back to work with childcare": deadweight 0.3 was checked by hand' },
    ],
  };
}

/** A second scenario for compare: a bolder shift and no transformation fund. */
export function boldResult(): RunResult {
  return lambethResult({ ...LAMBETH, scenario: 'Bold shift', shift: ['0.02', '0.04', '0.05'], fixed: [] });
}

/** Every user-controlled name set to a string that breaks careless HTML. */
export const NASTY = '<script>alert(1)</script> & "x"';

export function nastyResult(): RunResult {
  const spec: FixtureSpec = {
    ...LAMBETH,
    scenario: NASTY,
    place: NASTY,
    interventions: LAMBETH.interventions.map((k, i) => ({ ...k, name: i === 0 ? NASTY : `${NASTY} ${i}` })),
  };
  const r = lambethResult(spec);
  r.warnings.push({ code: 'odd', message: `warning about ${NASTY}` });
  return r;
}

export function fixtureMeta(command = 'run', scenarios = [LAMBETH.scenario]): ReportMeta {
  return {
    tool: 'placepool',
    version: '0.1.0',
    command,
    scenarios,
    inputs: [
      { name: 'budgets.csv', sha256: '9f2c1a7d3b8e4f60a5c2d9e1b7f3a8c4d6e2f0a1b3c5d7e9f1a2b4c6d8e0f2a4' },
      { name: 'scenarios/lambeth.yaml', sha256: '0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c' },
    ],
  };
}

/** Edge cases: a one-year horizon; a scenario that invests nothing (every flow zero, no settlement rows). */
export function oneYearResult(): RunResult {
  return lambethResult({ ...LAMBETH, scenario: 'One year', horizon: 1 });
}

export function idleResult(): RunResult {
  return lambethResult({ ...LAMBETH, scenario: 'Nothing pooled', shift: ['0'], fixed: [], transition: [], efficiency: '0' });
}
