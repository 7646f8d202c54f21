// The pooling model of docs/method.md (sections 1 to 12), exactly, in decimal arithmetic. Pure: budgets and
// a scenario in, a RunResult out. Numbered comments name the section of docs/method.md a step follows.
import { D, ONE, ZERO, dmin, negative, positive, sum, zeros } from '../decimal.js';
import { InputError, ProblemList, suggest, type Warning } from '../errors.js';
import { addBaselines, projectPlace, type SiloBaseline } from './baseline.js';
import { discountFactors } from './discount.js';
import { linesByPlace } from './series.js';
import { normaliseSilo } from './silo.js';
import { yearLabel } from './years.js';
import { settle, type PartyPv } from './settlement.js';
import type {
  AllPlacesResult,
  BeyondHorizon,
  BudgetLine,
  Budgets,
  FunderResult,
  InterventionResult,
  PartnerResult,
  SettlementRow,
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

/**
 * What the successes of the horizon's cohorts would still save after its last year, undiscounted
 * (docs/method.md, "6. Avoided cost", its part "Benefits after the horizon"): for intervention k, the years j of the time profile of step 6 that fall at or
 * after H, `B[k] = sum over tau < H, max(0, H - tau - lag) <= j < duration of m[k,tau] * (1 - drop_off)^j`;
 * avoided cost `sum_k B[k] * sum_s avoided_cost_per_success[k,s]` (before the cap: reactive spend is not
 * projected beyond the horizon), economic value `sum_k B[k] * economic_value_per_success[k] * (1 - displacement[k])`,
 * social value `sum_k B[k] * social_value_per_success[k]`.
 */
export function afterHorizon(ks: Scenario['interventions'], m: readonly (readonly D[])[], H: number): BeyondHorizon {
  let avoided = ZERO;
  let economic = ZERO;
  let social = ZERO;
  ks.forEach((k, i) => {
    const fade = ONE.minus(k.dropOff);
    let successYears = ZERO;
    for (let tau = 0; tau < H; tau++) {
      const cohort = m[i]![tau]!;
      if (cohort.isZero()) continue;
      for (let j = Math.max(0, H - tau - k.lag); j < k.duration; j++) successYears = successYears.plus(cohort.times(fade.pow(j)));
    }
    if (successYears.isZero()) return;
    avoided = avoided.plus(successYears.times(sum([...k.avoidedCost.values()])));
    economic = economic.plus(successYears.times(k.economicValue).times(ONE.minus(k.displacement)));
    social = social.plus(successYears.times(k.socialValue));
  });
  return { avoided_cost: avoided, economic_value: economic, social_value: social };
}

/** `£1,234,567.89`: pounds to the penny with thousands separated (the model's own messages only). */
function pounds(v: D): string {
  const [whole, pence] = v.toFixed(2, D.ROUND_HALF_UP).split('.');
  return `£${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${pence}`;
}

/** The warning that benefits of the horizon's investment fall after it, with how much; undefined when none do. */
export function afterHorizonWarning(place: string, b: BeyondHorizon, lastYear: string): Warning | undefined {
  const parts = [
    ...(positive(b.avoided_cost) ? [`${pounds(b.avoided_cost)} of avoided cost (before the cap)`] : []),
    ...(positive(b.economic_value) ? [`${pounds(b.economic_value)} of economic value`] : []),
    ...(positive(b.social_value) ? [`${pounds(b.social_value)} of social value`] : []),
  ];
  if (parts.length === 0) return undefined;
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
  return {
    code: 'after-horizon',
    message: `${place}: ${list}, undiscounted, from investment within the horizon would fall after ${lastYear} and ${parts.length === 1 ? 'is' : 'are'} not counted; a longer horizon would count ${parts.length === 1 ? 'it' : 'them'}`,
  };
}

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

/** The places a run models (one combined place or each on its own) and its base year, as runModel has them. */
export interface RunPlan {
  baseYear: number;
  places: { name: string; members: string[] }[];
}

/**
 * The plan of a run without running it: the places and base year runModel would model, after the same checks
 * of the place names and base-year rows (which throw as runModel does). runModel checks more (the silos
 * pooled, funding, the parties), so a plan is no promise that the run will succeed.
 */
export function runPlan(budgets: Budgets, scenario: Scenario, options: RunOptions = {}): RunPlan {
  const { selected, baseYear } = selectPlaces(budgets, scenario, options);
  return { baseYear, places: planPlaces(scenario, selected) };
}

function planPlaces(scenario: Scenario, selected: string[]): RunPlan['places'] {
  return scenario.combine ? [{ name: selected.join(' + '), members: selected }] : selected.map((p) => ({ name: p, members: [p] }));
}

/** The places named (checked against the budgets) with their lines, and the base year (checked against them). */
function selectPlaces(
  budgets: Budgets,
  scenario: Scenario,
  options: RunOptions,
): { selected: string[]; linesOf: Map<string, BudgetLine[]>; baseYear: number } {
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
  return { selected, linesOf, baseYear };
}

/** The places to model, the base year, and their projected baselines; every problem with its location. */
function prepare(budgets: Budgets, scenario: Scenario, options: RunOptions): { places: ModelPlace[]; baseYear: number } {
  const { selected, linesOf, baseYear } = selectPlaces(budgets, scenario, options);
  const problems = new ProblemList();
  const project = (p: string) => projectPlace(linesOf.get(p)!, baseYear, scenario.horizon, scenario.growth);
  const places: ModelPlace[] = planPlaces(scenario, selected).map((plan) => ({
    ...plan,
    silos: scenario.combine
      ? plan.members.reduce((acc, p) => addBaselines(acc, project(p)), new Map<string, SiloBaseline>())
      : project(plan.members[0]!),
  }));

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
  checkParties(scenario, places, problems);
  problems.throwIfAny();
  return { places, baseYear };
}

/**
 * Funders, partners and the envelope against the modelled places: a funder's or partner's name is not `all`
 * and not a silo; a partner's silos and the envelope's silos are silos of the places.
 */
function checkParties(scenario: Scenario, places: ModelPlace[], problems: ProblemList): void {
  const withLines = new Set(places.flatMap((p) => [...p.silos.keys()]));
  const external = new Set(scenario.interventions.flatMap((k) => [...k.avoidedCost.keys()]).filter((s) => !withLines.has(s)));
  const every = [...withLines, ...external].sort();
  const named = [
    ...scenario.funders.map((f, i) => ({ name: f.name, what: 'funder', at: `funders[${i}].name` })),
    ...scenario.partners.map((p) => ({ name: p.name, what: 'partner', at: `partners.${p.name}` })),
  ];
  for (const n of named) {
    const silo = normaliseSilo(n.name);
    const example = n.what === 'funder' ? '`Big Lottery Fund`' : '`Lambeth Council`';
    if (n.name === 'all') {
      problems.add({
        message: `a ${n.what} cannot be called \`all\`: that is the name of the place's totals in every table`,
        loc: scenario.locate(n.at),
        hint: `Give the ${n.what} the name of the organisation, e.g. ${example}.`,
      });
    } else if (withLines.has(silo) || external.has(silo)) {
      const as = silo === n.name ? '' : ` (as a silo, \`${n.name}\` is \`${silo}\`)`;
      problems.add({
        message: `the ${n.what} \`${n.name}\` has the name of the silo \`${silo}\`${as}, so its rows would read as the silo's`,
        loc: scenario.locate(n.at),
        hint: `Give the ${n.what} the name of the organisation, e.g. ${example}: a silo is a budget line, not a party${n.what === 'partner' ? ' (list the silos it holds in its list)' : ''}.`,
      });
    }
  }
  for (const p of scenario.partners) {
    p.silos.forEach((silo, j) => {
      if (withLines.has(silo) || external.has(silo)) return;
      const near = suggest(silo, every);
      problems.add({
        message: `the partner \`${p.name}\` names the silo \`${silo}\`, which no modelled place has and no intervention saves for`,
        loc: scenario.locate(`partners.${p.name}[${j}]`),
        hint: near ? `Did you mean \`${near}\`?` : `The silos are: ${every.join(', ')}.`,
      });
    });
  }
  for (const silo of scenario.envelope?.bySilo.keys() ?? []) {
    if (withLines.has(silo)) continue;
    const near = suggest(silo, [...withLines]);
    problems.add({
      message: `the envelope gives a rate for \`${silo}\`, which has no budget lines in the modelled places`,
      loc: scenario.locate(`envelope.${silo}`),
      hint: near ? `Did you mean \`${near}\`?` : `The silos with budget lines are: ${[...withLines].sort().join(', ')}; use \`default\` for every other.`,
    });
  }
}

/** Summary measures (docs/method.md, "9. Summary measures", "Public value", "Funders and partners" and "Funding envelope and gap") from a place's yearly totals. */
export function summarise(all: readonly PlaceYear[], df: readonly D[]): Summary {
  let pvCosts = ZERO;
  let pvCashable = ZERO;
  let pvFiscal = ZERO;
  let pvEconomic = ZERO;
  let pvSocial = ZERO;
  let pvTransfers = ZERO;
  let pvExternal = ZERO;
  let totalInvestment = ZERO;
  let totalCashable = ZERO;
  let cumulative = ZERO;
  let cumulativePartners = ZERO;
  let cumulativeDiscounted = ZERO;
  let peak = ZERO;
  let partnersPeak = ZERO;
  let lastNegative = -1;
  let baselineGap: D | null = null;
  let scenarioGap: D | null = null;
  all.forEach((y, t) => {
    const f = df[t]!;
    pvCosts = pvCosts.plus(f.times(y.investment.plus(y.transition_cost)));
    pvCashable = pvCashable.plus(f.times(y.cashable_saving.plus(y.efficiency_saving)));
    pvFiscal = pvFiscal.plus(f.times(y.avoided_cost.plus(y.efficiency_saving)));
    pvEconomic = pvEconomic.plus(f.times(y.economic_value));
    pvSocial = pvSocial.plus(f.times(y.social_value));
    pvTransfers = pvTransfers.plus(f.times(y.transfers));
    // outside money: grants pay for resources used; outcome payments are income to the partners
    const external = y.grant.plus(y.outcome_payment);
    pvExternal = pvExternal.plus(f.times(external));
    totalInvestment = totalInvestment.plus(y.investment);
    totalCashable = totalCashable.plus(y.cashable_saving.plus(y.efficiency_saving));
    cumulative = cumulative.plus(y.net_cashable);
    if (cumulative.negated().greaterThan(peak)) peak = cumulative.negated();
    cumulativePartners = cumulativePartners.plus(y.net_cashable).plus(external);
    if (cumulativePartners.negated().greaterThan(partnersPeak)) partnersPeak = cumulativePartners.negated();
    cumulativeDiscounted = cumulativeDiscounted.plus(f.times(y.net_cashable));
    if (negative(cumulativeDiscounted)) lastNegative = t;
    if (y.baseline_gap !== null) baselineGap = (baselineGap ?? ZERO).plus(y.baseline_gap);
    if (y.scenario_gap !== null) scenarioGap = (scenarioGap ?? ZERO).plus(y.scenario_gap);
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
    pv_external_funding: pvExternal,
    partners_npv_cashable: npvCashable.plus(pvExternal),
    partners_peak_funding_requirement: partnersPeak,
    final_baseline_gap: last?.baseline_gap ?? null,
    final_scenario_gap: last?.scenario_gap ?? null,
    cumulative_baseline_gap: baselineGap,
    cumulative_scenario_gap: scenarioGap,
  };
}

/** A place's flows of a year that are not sums over its silos: public value, and the funders' grants. */
interface PlaceExtras {
  economic: D[];
  social: D[];
  transfers: D[];
  grant: D[];
}

/** Fill in the running and discounted measures, the prevention shares and the place's own flows. */
function completePlaceYears(rows: SiloYear[], df: readonly D[], extras: PlaceExtras): PlaceYear[] {
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
      economic_value: extras.economic[t]!,
      social_value: extras.social[t]!,
      transfers: extras.transfers[t]!,
      grant: extras.grant[t]!,
    };
  });
}

function emptySiloYear(envelope: boolean): SiloYear {
  const gap = envelope ? ZERO : null;
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
    funding_envelope: gap,
    baseline_gap: gap,
    scenario_gap: gap,
  };
}

/** Add one silo year's flows into another (gaps stay null without an envelope). */
function addSiloYear(into: SiloYear, y: SiloYear): void {
  for (const key of Object.keys(into) as (keyof SiloYear)[]) {
    const a = into[key];
    const b = y[key];
    if (a !== null && b !== null) into[key] = a.plus(b);
  }
}

/** Sections 2 to 11 of docs/method.md, with outside money and the envelope, for one (possibly combined) place. */
function modelPlace(place: ModelPlace, scenario: Scenario, baseYear: number, df: readonly D[]): { result: PlaceResult; warnings: Warning[] } {
  const H = scenario.horizon;
  const warnings: Warning[] = [];
  const lineSilos = [...place.silos.keys()].sort();
  const externalSet = new Set<string>();
  for (const k of scenario.interventions) for (const s of k.avoidedCost.keys()) if (!place.silos.has(s)) externalSet.add(s);
  const externalSilos = [...externalSet].sort();
  const allSilos = [...lineSilos, ...externalSilos];
  const base = (s: string) => place.silos.get(s)!;
  const hasEnvelope = scenario.envelope !== undefined;

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

  // Outside money: each funder's grants by year, and its payments for outcomes (filled year by year below)
  const grants = scenario.funders.map((fu) => Array.from({ length: H }, (_, t) => fu.grant[t] ?? ZERO));
  const G = Array.from({ length: H }, (_, t) => sum(grants.map((g) => g[t]!)));
  const OPf = scenario.funders.map(() => zeros(H));
  const OP = zeros(H);

  // 4-6, year by year: investment depends on last year's cashable savings (reinvestment).
  const { shift, fixed, reinvest } = scenario.investment;
  const ks = scenario.interventions;
  const decay = ks.map((k) => Array.from({ length: k.duration }, (_, j) => ONE.minus(k.dropOff).pow(j)));
  const m = ks.map(() => zeros(H)); // net successes m[k][t]
  const observed = ks.map(() => zeros(H)); // outcomes observed, deadweight included: n[k][t] x success rate
  const I = zeros(H);
  const P = zeros(H); // what the partners fund: I less the grants
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
    P[t] = shiftT.times(PR[t]!).plus(fixed[t] ?? ZERO).plus(reinvest.times(cashablePrev));
    I[t] = P[t]!.plus(G[t]!);
    // 5. Outcomes
    ks.forEach((k, i) => {
      const participants = k.share.times(I[t]!).dividedBy(k.costPerParticipant.times(ONE.plus(k.costOptimismBias)));
      observed[i]![t] = participants.times(k.successRate);
      m[i]![t] = participants
        .times(k.successRate)
        .times(ONE.minus(k.deadweight))
        .times(k.attribution)
        .times(ONE.minus(k.optimismBias));
    });
    // outcome payments, in the year an outcome first shows (its cohort's year plus the lag)
    scenario.funders.forEach((fu, j) => {
      let paid = ZERO;
      for (const [i, rate] of fu.outcomePayment) {
        const tau = t - ks[i]!.lag;
        if (tau >= 0) paid = paid.plus(rate.times(fu.basis === 'net' ? m[i]![tau]! : observed[i]![tau]!));
      }
      OPf[j]![t] = paid;
      OP[t] = OP[t]!.plus(paid);
    });
    if (funding === 'pool' && PT[t]!.isZero() && positive(P[t]!.plus(T[t]!).plus(OP[t]!))) {
      throw new InputError(
        scenario.funders.length === 0
          ? {
              message: `in ${yearLabel(baseYear + t)} ${place.name} invests or pays transition costs but nothing is pooled, so nobody pays`,
              loc: scenario.locate('investment.funding'),
              hint: 'Pool some spend (pool: {silo: share}) or give funding shares by silo (investment.funding).',
            }
          : {
              message: `in ${yearLabel(baseYear + t)} ${place.name} invests, pays transition costs or receives outcome payments but nothing is pooled, so nobody pays or is paid`,
              loc: scenario.locate('investment.funding'),
              hint: 'Give funding shares by silo (investment.funding: {silo: share}) to say who pays and who is paid, or pool some spend.',
            },
      );
    }
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
  const beyondHorizon = afterHorizon(ks, m, H);
  const beyondWarning = afterHorizonWarning(place.name, beyondHorizon, yearLabel(baseYear + H - 1));
  if (beyondWarning) warnings.push(beyondWarning);

  // 7. Flows by silo and for the place (the partners bear P; outcome payments reach them by funding share)
  const silos: SiloResult[] = allSilos.map((s) => {
    const external = !place.silos.has(s);
    const b = external ? undefined : base(s);
    const rate = scenario.envelope ? (scenario.envelope.bySilo.get(s) ?? scenario.envelope.default) : ZERO;
    let envelope: D | null = null; // F[s,t], from the silo's first year with spend
    const years = Array.from({ length: H }, (_, t): SiloYear => {
      const y = emptySiloYear(hasEnvelope && !external);
      const a = A.get(s)![t]!;
      const ca = CA.get(s)![t]!;
      y.avoided_cost = a;
      y.cashable_saving = ca;
      y.non_cashable_saving = a.minus(ca);
      if (!b) {
        y.net_cashable = ca;
        return y;
      }
      const share = f(s, t);
      y.baseline_spend = b.total[t]!;
      y.baseline_reactive = b.reactive[t]!;
      y.baseline_preventive = b.preventive[t]!;
      y.pooled = K.get(s)![t]!;
      y.investment = share.times(P[t]!);
      y.transition_cost = share.times(T[t]!);
      y.efficiency_saving = Es(s, t);
      y.outcome_payment = share.times(OP[t]!);
      y.net_cashable = ca.plus(y.efficiency_saving).plus(y.outcome_payment).minus(y.investment).minus(y.transition_cost);
      y.scenario_spend = y.baseline_spend.minus(ca).minus(y.efficiency_saving).plus(y.investment).plus(y.transition_cost);
      if (hasEnvelope) {
        // the funding the silo can expect: its first year's spend, grown at the envelope's rate
        if (envelope !== null) envelope = envelope.times(ONE.plus(rate));
        else if (positive(y.baseline_spend)) envelope = y.baseline_spend;
        y.funding_envelope = envelope ?? ZERO;
        y.baseline_gap = y.baseline_spend.minus(y.funding_envelope);
        y.scenario_gap = y.scenario_spend.minus(y.outcome_payment).minus(y.funding_envelope);
      }
      return y;
    });
    return { silo: s, external, years };
  });

  const totals = Array.from({ length: H }, (_, t): SiloYear => {
    const y = emptySiloYear(hasEnvelope);
    for (const silo of silos) if (!silo.external) addSiloYear(y, silo.years[t]!);
    const every = silos.map((s) => s.years[t]!);
    y.avoided_cost = sum(every.map((x) => x.avoided_cost));
    y.cashable_saving = sum(every.map((x) => x.cashable_saving));
    y.non_cashable_saving = y.avoided_cost.minus(y.cashable_saving);
    y.pooled = PT[t]!;
    y.investment = I[t]!;
    y.transition_cost = T[t]!;
    y.efficiency_saving = E[t]!;
    y.net_cashable = y.cashable_saving.plus(E[t]!).minus(I[t]!).minus(T[t]!);
    // grant-funded prevention is spend in the place; outcome payments were money the partners did not have to find
    y.scenario_spend = y.scenario_spend.plus(G[t]!);
    y.outcome_payment = OP[t]!;
    if (hasEnvelope) y.scenario_gap = y.scenario_spend.minus(G[t]!).minus(OP[t]!).minus(y.funding_envelope!);
    return y;
  });
  const all = completePlaceYears(totals, df, {
    economic: Array.from({ length: H }, (_, t) => sum(EV.map((e) => e[t]!))),
    social: Array.from({ length: H }, (_, t) => sum(SV.map((v) => v[t]!))),
    transfers: TF,
    grant: G,
  });
  const summary = summarise(all, df);
  if (summary.fiscal_roi?.greaterThan(HIGH_ROI)) {
    warnings.push({
      code: 'high-roi',
      message: `${place.name}: the fiscal return on investment is ${summary.fiscal_roi.toDecimalPlaces(1).toString()} to 1, which is unusually high; check the avoided costs, success rates and deadweight`,
    });
  }

  // Funders and partners by year
  const funders: FunderResult[] = scenario.funders.map((fu, j) => ({
    name: fu.name,
    years: Array.from({ length: H }, (_, t) => ({ grant: grants[j]![t]!, outcome_payment: OPf[j]![t]!, net_cashable: grants[j]![t]!.plus(OPf[j]![t]!).negated() })),
  }));
  const siloOf = new Map(silos.map((x) => [x.silo, x]));
  const partners: PartnerResult[] = scenario.partners.map((pa) => {
    const own = pa.silos.flatMap((s) => siloOf.get(s) ?? []);
    return { name: pa.name, years: Array.from({ length: H }, (_, t) => ({ net_cashable: sum(own.map((x) => x.years[t]!.net_cashable)) })) };
  });

  // 10. Who pays and who benefits: between parties (partners, then silos in none), funders beside them
  const pv = (values: (t: number) => D) => sum(df.map((factor, t) => factor.times(values(t))));
  const partyOf = (members: SiloResult[]): Omit<PartyPv, 'name' | 'kind' | 'external'> => ({
    pays: pv((t) => sum(members.map((x) => x.years[t]!.investment.plus(x.years[t]!.transition_cost)))),
    gains: pv((t) => sum(members.map((x) => x.years[t]!.cashable_saving.plus(x.years[t]!.efficiency_saving).plus(x.years[t]!.outcome_payment)))),
    peak: peakFunding(Array.from({ length: H }, (_, t) => sum(members.map((x) => x.years[t]!.net_cashable)))),
  });
  const grouped = new Set(scenario.partners.flatMap((pa) => pa.silos));
  const parties: PartyPv[] = [
    ...scenario.partners.map((pa) => ({ name: pa.name, kind: 'partner' as const, external: false, ...partyOf(pa.silos.flatMap((s) => siloOf.get(s) ?? [])) })),
    ...silos.filter((x) => !grouped.has(x.silo)).map((x) => ({ name: x.silo, kind: 'silo' as const, external: x.external, ...partyOf([x]) })),
  ];
  const { rows: settled, warnings: settlementWarnings } = settle(parties, scenario.settlement, place.name);
  const funderRows: SettlementRow[] = funders.map((fu) => {
    const pays = pv((t) => fu.years[t]!.grant.plus(fu.years[t]!.outcome_payment));
    return {
      silo: fu.name,
      kind: 'funder',
      external: false,
      wrongPocket: false,
      pays,
      gains: ZERO,
      net_before: pays.negated(),
      transfer: ZERO,
      net_after: pays.negated(),
      peak_funding: peakFunding(fu.years.map((y) => y.net_cashable)),
    };
  });
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
    result: { place: place.name, members: place.members, silos, all, summary, settlement: [...settled, ...funderRows], interventions, funders, partners, beyondHorizon },
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
function sumPlaces(places: PlaceResult[], df: readonly D[], horizon: number, envelope: boolean): AllPlacesResult {
  const totals = Array.from({ length: horizon }, (_, t): SiloYear => {
    const y = emptySiloYear(envelope);
    for (const p of places) addSiloYear(y, p.all[t]!);
    return y;
  });
  const byYear = (key: 'economic_value' | 'social_value' | 'transfers' | 'grant') => Array.from({ length: horizon }, (_, t) => sum(places.map((p) => p.all[t]![key])));
  const all = completePlaceYears(totals, df, { economic: byYear('economic_value'), social: byYear('social_value'), transfers: byYear('transfers'), grant: byYear('grant') });
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
    ...(results.length >= 2 ? { allPlaces: sumPlaces(results, df, scenario.horizon, scenario.envelope !== undefined) } : {}),
    priceBase: scenario.priceBase ?? baseYear,
    ...(scenario.prices ? { prices: scenario.prices } : {}),
    hasFunders: scenario.funders.length > 0,
    hasEnvelope: scenario.envelope !== undefined,
    warnings,
  };
}

