// The pooling model of docs/method.md (sections 1 to 12), exactly, in decimal arithmetic. Pure: budgets and
// a scenario in, a RunResult out. Numbered comments name the section of docs/method.md a step follows.
import { D, ONE, ZERO, dmin, negative, positive, sum, zeros } from '../decimal.js';
import { InputError, ProblemList, suggest, type Warning } from '../errors.js';
import { addBaselines, projectPlace, type SiloBaseline } from './baseline.js';
import { discountFactors } from './discount.js';
import { linesByPlace } from './series.js';
import { yearLabel } from './years.js';
import { settle } from './settlement.js';
import type {
  AllPlacesResult,
  Budgets,
  InterventionResult,
  PlaceResult,
  PlaceYear,
  RunResult,
  Scenario,
  SiloResult,
  SiloYear,
  Summary,
  YearInfo,
} from './types.js';

export interface RunOptions {
  /** replaces the scenario's `places` (the CLI's --place) */
  places?: string[];
}

/** A place as modelled: one budget place, or several combined. */
interface ModelPlace {
  name: string;
  members: string[];
  silos: Map<string, SiloBaseline>;
}

const HIGH_ROI = new D(10);

/** The most cash a party is out of pocket at any point: max(0, max over t of minus the running sum of its net cashable). */
export function peakFunding(net: readonly D[]): D {
  let cumulative = ZERO;
  let peak = ZERO;
  for (const n of net) {
    cumulative = cumulative.plus(n);
    if (cumulative.negated().greaterThan(peak)) peak = cumulative.negated();
  }
  return peak;
}

/** Describe consecutive year labels compactly: `2026/27-2029/30, 2032/33`. */
function yearRanges(ts: number[], baseYear: number): string {
  const parts: string[] = [];
  for (let i = 0; i < ts.length; ) {
    let j = i;
    while (j + 1 < ts.length && ts[j + 1] === ts[j]! + 1) j++;
    parts.push(i === j ? yearLabel(baseYear + ts[i]!) : `${yearLabel(baseYear + ts[i]!)} to ${yearLabel(baseYear + ts[j]!)}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** The places to model, the base year, and their projected baselines; every problem with its location. */
function prepare(budgets: Budgets, scenario: Scenario, options: RunOptions): { places: ModelPlace[]; baseYear: number } {
  const problems = new ProblemList();
  const fromCli = options.places !== undefined;
  const requested = (options.places ?? scenario.places ?? budgets.places).map((p) => p.trim());
  const known = new Set(budgets.places);
  requested.forEach((p, i) => {
    if (!known.has(p)) {
      const near = suggest(p, budgets.places);
      problems.add({
        message: `place "${p}" is not in the budgets (${budgets.source.name})`,
        ...(fromCli ? {} : { loc: scenario.locate(`places[${i}]`) }),
        hint: near ? `Did you mean "${near}"?` : `The budgets have: ${budgets.places.join(', ')}.`,
      });
    }
  });
  problems.throwIfAny();
  const selected = [...new Set(requested)];
  const byPlace = linesByPlace(budgets.lines);
  const linesOf = new Map(selected.map((p) => [p, byPlace.get(p) ?? []]));

  // a loop, not Math.min(...years): a national file has more lines than a call can take arguments
  let baseYear = scenario.baseYear ?? Infinity;
  if (scenario.baseYear === undefined) for (const p of selected) for (const l of linesOf.get(p)!) if (l.year < baseYear) baseYear = l.year;
  for (const p of selected) {
    if (!linesOf.get(p)!.some((l) => l.year === baseYear)) {
      problems.add({
        message: `${p} has no budget rows for the base year ${yearLabel(baseYear)}`,
        loc: scenario.locate(scenario.baseYear !== undefined ? 'base_year' : 'places'),
        hint: 'Every modelled place needs its base-year budgets: add them, or choose a base year they all have.',
      });
    }
  }
  problems.throwIfAny();

  const project = (p: string) => projectPlace(linesOf.get(p)!, baseYear, scenario.horizon, scenario.growth);
  const places: ModelPlace[] = scenario.combine
    ? [
        {
          name: selected.join(' + '),
          members: selected,
          silos: selected.reduce((acc, p) => addBaselines(acc, project(p)), new Map<string, SiloBaseline>()),
        },
      ]
    : selected.map((p) => ({ name: p, members: [p], silos: project(p) }));

  // Silos that pool or fund must have budget lines in every modelled place.
  const lacking = (silo: string) => places.filter((p) => !p.silos.has(silo)).map((p) => p.name);
  const have = [...new Set(places.flatMap((p) => [...p.silos.keys()]))].sort().join(', ');
  const names = (list: string[]) => (list.length === 1 ? `${list[0]} has` : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]} have`);
  for (const silo of scenario.pool.keys()) {
    const without = lacking(silo);
    if (without.length) {
      problems.add({
        message: `silo "${silo}" is pooled but ${names(without)} no budget lines for it`,
        loc: scenario.locate(`pool.${silo}`),
        hint: `Pool only silos with budget lines (${have}), or add its lines to the budgets.`,
      });
    }
  }
  const funding = scenario.investment.funding;
  if (funding !== 'pool') {
    for (const silo of funding.keys()) {
      const without = lacking(silo);
      if (without.length) {
        problems.add({
          message: `silo "${silo}" funds the investment but ${names(without)} no budget lines for it`,
          loc: scenario.locate(`investment.funding.${silo}`),
          hint: `Fund only from silos with budget lines (${have}).`,
        });
      }
    }
  }
  problems.throwIfAny();
  return { places, baseYear };
}

/** Summary measures (docs/method.md, "9. Summary measures" and "Public value") from a place's yearly totals. */
export function summarise(all: readonly PlaceYear[], df: readonly D[]): Summary {
  let pvCosts = ZERO;
  let pvCashable = ZERO;
  let pvFiscal = ZERO;
  let pvEconomic = ZERO;
  let pvSocial = ZERO;
  let pvTransfers = ZERO;
  let totalInvestment = ZERO;
  let totalCashable = ZERO;
  let cumulative = ZERO;
  let cumulativeDiscounted = ZERO;
  let peak = ZERO;
  let lastNegative = -1;
  all.forEach((y, t) => {
    const f = df[t]!;
    pvCosts = pvCosts.plus(f.times(y.investment.plus(y.transition_cost)));
    pvCashable = pvCashable.plus(f.times(y.cashable_saving.plus(y.efficiency_saving)));
    pvFiscal = pvFiscal.plus(f.times(y.avoided_cost.plus(y.efficiency_saving)));
    pvEconomic = pvEconomic.plus(f.times(y.economic_value));
    pvSocial = pvSocial.plus(f.times(y.social_value));
    pvTransfers = pvTransfers.plus(f.times(y.transfers));
    totalInvestment = totalInvestment.plus(y.investment);
    totalCashable = totalCashable.plus(y.cashable_saving.plus(y.efficiency_saving));
    cumulative = cumulative.plus(y.net_cashable);
    if (cumulative.negated().greaterThan(peak)) peak = cumulative.negated();
    cumulativeDiscounted = cumulativeDiscounted.plus(f.times(y.net_cashable));
    if (negative(cumulativeDiscounted)) lastNegative = t;
  });
  const last = all[all.length - 1];
  // public value leaves out transfer payments: a benefit no longer paid moves money, it creates none
  const pvPublic = pvFiscal.minus(pvTransfers).plus(pvEconomic).plus(pvSocial);
  const npvCashable = pvCashable.minus(pvCosts);
  return {
    pv_costs: pvCosts,
    pv_cashable_benefits: pvCashable,
    pv_fiscal_benefits: pvFiscal,
    npv_cashable: npvCashable,
    npv_fiscal: pvFiscal.minus(pvCosts),
    cashable_roi: pvCosts.isZero() ? null : pvCashable.dividedBy(pvCosts),
    fiscal_roi: pvCosts.isZero() ? null : pvFiscal.dividedBy(pvCosts),
    payback_t: lastNegative + 1 < all.length ? lastNegative + 1 : null,
    peak_funding_requirement: peak,
    total_investment: totalInvestment,
    total_cashable_savings: totalCashable,
    final_baseline_prevention_share: last?.baseline_prevention_share ?? null,
    final_scenario_prevention_share: last?.scenario_prevention_share ?? null,
    pv_economic_benefits: pvEconomic,
    pv_social_benefits: pvSocial,
    pv_transfers: pvTransfers,
    pv_public_value: pvPublic,
    npv_public_value: pvPublic.minus(pvCosts),
    public_value_roi: pvCosts.isZero() ? null : pvPublic.dividedBy(pvCosts),
    pv_external_funding: ZERO,
    partners_npv_cashable: npvCashable,
    partners_peak_funding_requirement: peak,
    final_baseline_gap: null,
    final_scenario_gap: null,
    cumulative_baseline_gap: null,
    cumulative_scenario_gap: null,
  };
}

/** The public value flows of a place by year (docs/method.md, "Public value"). */
interface ValueYears {
  economic: D[];
  social: D[];
  transfers: D[];
}

/** Fill in the running and discounted measures, the prevention shares and public value of place totals. */
function completePlaceYears(rows: SiloYear[], df: readonly D[], value: ValueYears): PlaceYear[] {
  let cumulative = ZERO;
  return rows.map((y, t) => {
    cumulative = cumulative.plus(y.net_cashable);
    return {
      ...y,
      cumulative_net_cashable: cumulative,
      discount_factor: df[t]!,
      pv_net_cashable: df[t]!.times(y.net_cashable),
      baseline_prevention_share: y.baseline_spend.isZero() ? null : y.baseline_preventive.dividedBy(y.baseline_spend),
      scenario_prevention_share: y.scenario_spend.isZero()
        ? null
        : y.baseline_preventive.plus(y.investment).dividedBy(y.scenario_spend),
      economic_value: value.economic[t]!,
      social_value: value.social[t]!,
      transfers: value.transfers[t]!,
    };
  });
}

function emptySiloYear(): SiloYear {
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
  };
}

/** Sections 2 to 11 of docs/method.md for one (possibly combined) place. */
function modelPlace(place: ModelPlace, scenario: Scenario, baseYear: number, df: readonly D[]): { result: PlaceResult; warnings: Warning[] } {
  const H = scenario.horizon;
  const warnings: Warning[] = [];
  const lineSilos = [...place.silos.keys()].sort();
  const externalSet = new Set<string>();
  for (const k of scenario.interventions) for (const s of k.avoidedCost.keys()) if (!place.silos.has(s)) externalSet.add(s);
  const externalSilos = [...externalSet].sort();
  const allSilos = [...lineSilos, ...externalSilos];
  const base = (s: string) => place.silos.get(s)!;

  // 2. The pool: contributions, the pooled total and pooled reactive spend
  const K = new Map(lineSilos.map((s) => [s, base(s).total.map((b) => (scenario.pool.get(s) ?? ZERO).times(b))]));
  const PT = Array.from({ length: H }, (_, t) => sum(lineSilos.map((s) => K.get(s)![t]!)));
  const PR = Array.from({ length: H }, (_, t) =>
    sum(lineSilos.map((s) => (scenario.pool.get(s) ?? ZERO).times(base(s).reactive[t]!))),
  );

  // 2. The pool: funding shares
  const funding = scenario.investment.funding;
  const f = (s: string, t: number): D => {
    if (funding === 'pool') return PT[t]!.isZero() ? ZERO : K.get(s)![t]!.dividedBy(PT[t]!);
    return funding.get(s) ?? ZERO;
  };

  // 3. Integration
  const { efficiency, rampYears, transitionCosts } = scenario.integration;
  const E = PT.map((pt, t) => efficiency.times(dmin(ONE, new D(t + 1).dividedBy(rampYears))).times(pt));
  const Es = (s: string, t: number): D => (PT[t]!.isZero() ? ZERO : E[t]!.times(K.get(s)![t]!).dividedBy(PT[t]!));
  const T = Array.from({ length: H }, (_, t) => transitionCosts[t] ?? ZERO);

  // 4-6, year by year: investment depends on last year's cashable savings (reinvestment).
  const { shift, fixed, reinvest } = scenario.investment;
  const ks = scenario.interventions;
  const decay = ks.map((k) => Array.from({ length: k.duration }, (_, j) => ONE.minus(k.dropOff).pow(j)));
  const m = ks.map(() => zeros(H)); // net successes m[k][t]
  const I = zeros(H);
  const A = new Map(allSilos.map((s) => [s, zeros(H)])); // avoided cost after the cap
  const CA = new Map(allSilos.map((s) => [s, zeros(H)])); // cashable
  const avoidedPv = ks.map(() => ZERO);
  const cashablePv = ks.map(() => ZERO);
  // public value: economic and social value by intervention and year, and the transfers within avoided cost
  const EV = ks.map(() => zeros(H));
  const SV = ks.map(() => zeros(H));
  const TF = zeros(H);
  const capBinding = new Map<string, number[]>();
  let cashablePrev = ZERO; // CS[t-1], external silos included

  for (let t = 0; t < H; t++) {
    const shiftT = shift[Math.min(t, shift.length - 1)] ?? ZERO;
    I[t] = shiftT.times(PR[t]!).plus(fixed[t] ?? ZERO).plus(reinvest.times(cashablePrev));
    if (funding === 'pool' && PT[t]!.isZero() && positive(I[t]!.plus(T[t]!))) {
      throw new InputError({
        message: `in ${yearLabel(baseYear + t)} ${place.name} invests or pays transition costs but nothing is pooled, so nobody pays`,
        loc: scenario.locate('investment.funding'),
        hint: 'Pool some spend (pool: {silo: share}) or give funding shares by silo (investment.funding).',
      });
    }
    // 5. Outcomes
    ks.forEach((k, i) => {
      const participants = k.share.times(I[t]!).dividedBy(k.costPerParticipant.times(ONE.plus(k.costOptimismBias)));
      m[i]![t] = participants
        .times(k.successRate)
        .times(ONE.minus(k.deadweight))
        .times(k.attribution)
        .times(ONE.minus(k.optimismBias));
    });
    // 6. Avoided cost, gross of the cap: Araw[k][s]
    const raw = ks.map((k, i) => {
      // the successes still saving this year, each faded by its years since the first; the same for every silo
      let saving = ZERO;
      for (let j = 0; j < k.duration; j++) {
        const tau = t - k.lag - j;
        if (tau < 0) break;
        saving = saving.plus(m[i]![tau]!.times(decay[i]![j]!));
      }
      const bySilo = new Map<string, D>();
      for (const [s, perSuccess] of k.avoidedCost) bySilo.set(s, saving.times(perSuccess));
      // the same cohorts and time profile value the outcome for the economy and for people (never capped)
      EV[i]![t] = saving.times(k.economicValue).times(ONE.minus(k.displacement));
      SV[i]![t] = saving.times(k.socialValue);
      return bySilo;
    });
    // 6. The cap (silos with lines only), then the cashable share
    let cashableT = ZERO;
    for (const s of allSilos) {
      const gross = sum(raw.map((r) => r.get(s) ?? ZERO));
      let capped = gross;
      if (place.silos.has(s)) {
        const reactive = base(s).reactive[t]!;
        if (gross.greaterThan(reactive)) {
          capped = reactive;
          const years = capBinding.get(s);
          if (years) years.push(t);
          else capBinding.set(s, [t]);
        }
      }
      A.get(s)![t] = capped;
      let cashable = ZERO;
      ks.forEach((k, i) => {
        const r = raw[i]!.get(s);
        if (r === undefined) return;
        const part = gross.isZero() ? ZERO : r.times(capped).dividedBy(gross);
        const partCashable = (k.cashable.get(s) ?? ZERO).times(part);
        cashable = cashable.plus(partCashable);
        const transfer = k.transfer.get(s);
        if (transfer !== undefined) TF[t] = TF[t]!.plus(transfer.times(part));
        avoidedPv[i] = avoidedPv[i]!.plus(df[t]!.times(part));
        cashablePv[i] = cashablePv[i]!.plus(df[t]!.times(partCashable));
      });
      CA.get(s)![t] = cashable;
      cashableT = cashableT.plus(cashable);
    }
    cashablePrev = cashableT.plus(E[t]!);
  }

  for (const [s, ts] of capBinding) {
    warnings.push({
      code: 'binding-cap',
      message: `${place.name}: avoided cost for ${s} is capped at its reactive spend in ${yearRanges(ts, baseYear)}`,
    });
  }

  // 7. Flows by silo and for the place
  const silos: SiloResult[] = allSilos.map((s) => {
    const external = !place.silos.has(s);
    const years = Array.from({ length: H }, (_, t): SiloYear => {
      const y = emptySiloYear();
      const a = A.get(s)![t]!;
      const ca = CA.get(s)![t]!;
      y.avoided_cost = a;
      y.cashable_saving = ca;
      y.non_cashable_saving = a.minus(ca);
      if (external) {
        y.net_cashable = ca;
        return y;
      }
      const b = base(s);
      const share = f(s, t);
      y.baseline_spend = b.total[t]!;
      y.baseline_reactive = b.reactive[t]!;
      y.baseline_preventive = b.preventive[t]!;
      y.pooled = K.get(s)![t]!;
      y.investment = share.times(I[t]!);
      y.transition_cost = share.times(T[t]!);
      y.efficiency_saving = Es(s, t);
      y.net_cashable = ca.plus(y.efficiency_saving).minus(y.investment).minus(y.transition_cost);
      y.scenario_spend = y.baseline_spend.minus(ca).minus(y.efficiency_saving).plus(y.investment).plus(y.transition_cost);
      return y;
    });
    return { silo: s, external, years };
  });

  const totals = Array.from({ length: H }, (_, t): SiloYear => {
    const withLines = silos.filter((s) => !s.external).map((s) => s.years[t]!);
    const every = silos.map((s) => s.years[t]!);
    const avoided = sum(every.map((y) => y.avoided_cost));
    const cashable = sum(every.map((y) => y.cashable_saving));
    return {
      baseline_spend: sum(withLines.map((y) => y.baseline_spend)),
      baseline_reactive: sum(withLines.map((y) => y.baseline_reactive)),
      baseline_preventive: sum(withLines.map((y) => y.baseline_preventive)),
      pooled: PT[t]!,
      investment: I[t]!,
      transition_cost: T[t]!,
      efficiency_saving: E[t]!,
      avoided_cost: avoided,
      cashable_saving: cashable,
      non_cashable_saving: avoided.minus(cashable),
      net_cashable: cashable.plus(E[t]!).minus(I[t]!).minus(T[t]!),
      scenario_spend: sum(withLines.map((y) => y.scenario_spend)),
    };
  });
  const all = completePlaceYears(totals, df, {
    economic: Array.from({ length: H }, (_, t) => sum(EV.map((e) => e[t]!))),
    social: Array.from({ length: H }, (_, t) => sum(SV.map((v) => v[t]!))),
    transfers: TF,
  });
  const summary = summarise(all, df);
  if (summary.fiscal_roi?.greaterThan(HIGH_ROI)) {
    warnings.push({
      code: 'high-roi',
      message: `${place.name}: the fiscal return on investment is ${summary.fiscal_roi.toDecimalPlaces(1).toString()} to 1, which is unusually high; check the avoided costs, success rates and deadweight`,
    });
  }

  // 10. Who pays and who benefits
  const pv = (values: (t: number) => D) => sum(df.map((factor, t) => factor.times(values(t))));
  const { rows: settlement, warnings: settlementWarnings } = settle(
    silos.map((s) => ({
      silo: s.silo,
      external: s.external,
      pays: pv((t) => s.years[t]!.investment.plus(s.years[t]!.transition_cost)),
      gains: pv((t) => s.years[t]!.cashable_saving.plus(s.years[t]!.efficiency_saving)),
      peak: peakFunding(s.years.map((y) => y.net_cashable)),
    })),
    scenario.settlement,
    place.name,
  );
  warnings.push(...settlementWarnings);

  // 11. Interventions
  const interventions: InterventionResult[] = ks.map((k, i) => {
    const invested = I.map((it) => k.share.times(it));
    const netSuccesses = sum(m[i]!);
    return {
      name: k.name,
      investment_pv: pv((t) => invested[t]!),
      avoided_cost_pv: avoidedPv[i]!,
      cashable_pv: cashablePv[i]!,
      net_successes: netSuccesses,
      cost_per_success: netSuccesses.isZero() ? null : sum(invested).dividedBy(netSuccesses),
      economic_value_pv: pv((t) => EV[i]![t]!),
      social_value_pv: pv((t) => SV[i]![t]!),
    };
  });

  return {
    result: { place: place.name, members: place.members, silos, all, summary, settlement, interventions },
    warnings,
  };
}

function externalSiloWarnings(scenario: Scenario, places: ModelPlace[]): Warning[] {
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  scenario.interventions.forEach((k, i) => {
    for (const s of k.avoidedCost.keys()) {
      const without = places.filter((p) => !p.silos.has(s)).map((p) => p.name);
      if (without.length === 0 || seen.has(s)) continue;
      seen.add(s);
      warnings.push({
        code: 'external-silo',
        message:
          `silo "${s}" has no budget lines${places.length > 1 ? ` in ${without.join(', ')}` : ''}: its avoided cost is counted ` +
          'for the public purse but not capped by any reactive spend, and it pools and funds nothing',
        loc: scenario.locate(`interventions[${i}].avoided_cost_per_success.${s}`),
      });
    }
  });
  return warnings;
}

/** Sum places' yearly totals by year index for the `all places` summary. */
function sumPlaces(places: PlaceResult[], df: readonly D[], horizon: number): AllPlacesResult {
  const totals = Array.from({ length: horizon }, (_, t): SiloYear => {
    const y = emptySiloYear();
    for (const p of places) {
      const py = p.all[t]!;
      for (const key of Object.keys(y) as (keyof SiloYear)[]) y[key] = y[key].plus(py[key]);
    }
    return y;
  });
  const byYear = (key: 'economic_value' | 'social_value' | 'transfers') => Array.from({ length: horizon }, (_, t) => sum(places.map((p) => p.all[t]![key])));
  const all = completePlaceYears(totals, df, { economic: byYear('economic_value'), social: byYear('social_value'), transfers: byYear('transfers') });
  return { place: 'all places', all, summary: summarise(all, df) };
}

/** Run the model for a scenario on a set of budgets (docs/method.md). Throws InputError for inconsistent inputs. */
export function runModel(budgets: Budgets, scenario: Scenario, options: RunOptions = {}): RunResult {
  const { places, baseYear } = prepare(budgets, scenario, options);
  const df = discountFactors(scenario.discount, scenario.horizon);
  const years: YearInfo[] = Array.from({ length: scenario.horizon }, (_, t) => ({
    t,
    year: baseYear + t,
    label: yearLabel(baseYear + t),
  }));
  const warnings: Warning[] = [...scenario.warnings, ...externalSiloWarnings(scenario, places)];
  const results = places.map((p) => {
    const { result, warnings: w } = modelPlace(p, scenario, baseYear, df);
    warnings.push(...w);
    return result;
  });
  return {
    scenario: scenario.name,
    baseYear,
    horizon: scenario.horizon,
    years,
    places: results,
    ...(results.length >= 2 ? { allPlaces: sumPlaces(results, df, scenario.horizon) } : {}),
    warnings,
  };
}

