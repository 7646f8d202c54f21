// The scenario's assumptions for a board paper: its name and description, the settings of the whole scenario
// (places, years, prices, discounting, growth, pooling, investment, integration, settlement, the funding
// envelope), each intervention's inputs, funders, partners and the uncertain values, in words and sensible
// units. The interventions' rows come from the scenario schema, so that a new field shows here with no change.
import { D } from '../../decimal.js';
import { INTERVENTION_FIELDS, type FieldDef } from '../../model/schema.js';
import type { Distribution, Intervention, RunResult, Scenario } from '../../model/types.js';
import { paramField } from '../../model/params.js';
import { yearLabel } from '../../model/years.js';
import { fieldLabel, paramLabel, siloLabel } from '../labels.js';
import { money } from '../numbers.js';
import { priceText } from '../price-text.js';
import { esc } from '../svg/xml.js';
import { count } from '../../words.js';
import { table, type CellLike } from './page.js';

/** Pounds as written: whole pounds without pence, else to the penny. */
export function pounds(v: D): string {
  return v.isInteger() ? money(v, 0) : money(v);
}

/** A share or rate as a percentage with as few decimals as it needs (up to 4): 35%, 2.5%, -1%. */
export function pct(v: D): string {
  const s = v.times(100).toDecimalPlaces(4, D.ROUND_HALF_UP).toString();
  return `${s}%`;
}

function valueText(kind: FieldDef['kind'], v: D | number): string {
  const d = typeof v === 'number' ? new D(v) : v;
  switch (kind) {
    case 'money':
      return pounds(d);
    case 'share':
    case 'rate':
      return pct(d);
    default:
      return d.toString();
  }
}

/** A map by silo: "Health 2%; Social care 3.5%" with the default last ("other silos 1%"). */
function bySilo(map: ReadonlyMap<string, D>, kind: FieldDef['kind'], fallback?: D, fallbackWords = 'other silos'): string {
  const parts = [...map].map(([silo, v]) => `${siloLabel(silo)} ${valueText(kind, v)}`);
  if (fallback !== undefined && (parts.length === 0 || !fallback.isZero())) parts.push(`${parts.length ? fallbackWords : 'every silo'} ${valueText(kind, fallback)}`);
  return parts.length ? parts.join('; ') : 'none';
}

/**
 * A list by year from the base year, equal years together: "2025/26 £1,500,000; 2026/27 £500,000, then none",
 * "£3,600,000 a year from 2025/26 to 2029/30, then none", "1% in 2025/26, then 2% every year".
 */
function byYear(values: readonly D[], kind: FieldDef['kind'], baseYear: number, after: 'holds' | 'zero'): string {
  if (values.length === 0 || (after === 'zero' && values.every((v) => v.isZero()))) return 'none';
  if (values.every((v) => v.equals(values[0]!)) && after === 'holds') return `${valueText(kind, values[0]!)} every year`;
  const runs: { from: number; to: number; v: D }[] = [];
  values.forEach((v, t) => {
    const last = runs[runs.length - 1];
    if (last && last.v.equals(v)) last.to = t;
    else runs.push({ from: t, to: t, v });
  });
  const parts = runs.map((r, i) => {
    const value = valueText(kind, r.v);
    if (after === 'holds' && i === runs.length - 1 && i > 0) return `then ${value} every year from ${yearLabel(baseYear + r.from)}`;
    return r.from === r.to ? `${value} in ${yearLabel(baseYear + r.from)}` : `${value} a year from ${yearLabel(baseYear + r.from)} to ${yearLabel(baseYear + r.to)}`;
  });
  return `${parts.join('; ')}${after === 'zero' ? ', then none' : ''}`;
}

function discountText(s: Scenario): string {
  switch (s.discount.kind) {
    case 'green-book':
      return "HM Treasury Green Book schedule (3.5% a year, declining after 30 years)";
    case 'green-book-health':
      return 'HM Treasury Green Book health schedule (1.5% a year, declining after 30 years)';
    case 'constant':
      return `${pct(s.discount.rate)} a year`;
  }
}

const SETTLEMENT_WORDS: Record<Scenario['settlement'], string> = {
  none: 'none: each silo keeps what it gains and pays',
  proportional: 'proportional: the net saving shared in proportion to what each paid',
  'no-worse-off': 'no worse off: first making good any silo that pays more than it gains',
};

/** The settings of the whole scenario, as rows of words. */
export function scenarioRows(s: Scenario, result: Pick<RunResult, 'baseYear' | 'horizon' | 'years' | 'priceBase' | 'prices' | 'places'>): [string, string][] {
  const base = result.baseYear;
  const years = result.years;
  const span = years.length ? `${years[0]!.label} to ${years[years.length - 1]!.label}` : '';
  const rows: [string, string][] = [
    ['Places', (s.places ?? result.places.map((p) => p.place)).join(', ') + (s.combine ? ' (modelled as one combined place)' : '')],
    ['Years modelled', `${count(result.horizon, 'year')}, ${span}`],
    ['Prices', priceText(result)],
    ['Discounting', discountText(s)],
    [fieldLabel('growth'), bySilo(s.growth.bySilo, 'rate', s.growth.default)],
    [fieldLabel('pool'), bySilo(s.pool, 'share')],
    [fieldLabel('investment.shift'), `${byYear(s.investment.shift, 'share', base, 'holds')} (of pooled reactive spend)`],
    [fieldLabel('investment.fixed'), byYear(s.investment.fixed, 'money', base, 'zero')],
    [fieldLabel('investment.reinvest'), `${pct(s.investment.reinvest)} of last year's gross cashable savings`],
    [fieldLabel('investment.funding'), s.investment.funding === 'pool' ? 'the pool: each silo in proportion to what it pools' : bySilo(s.investment.funding, 'share')],
    [fieldLabel('integration.efficiency'), `${pct(s.integration.efficiency)} of pooled spend at full effect, reached over ${count(s.integration.rampYears, 'year')}`],
    [fieldLabel('integration.transition_costs'), byYear(s.integration.transitionCosts, 'money', base, 'zero')],
    [fieldLabel('optimism_bias_table'), [...s.optimismBiasTable].map(([g, v]) => `grade ${g} ${pct(v)}`).join('; ')],
    [fieldLabel('settlement'), SETTLEMENT_WORDS[s.settlement]],
  ];
  if (s.envelope) rows.push([fieldLabel('envelope'), bySilo(s.envelope.bySilo, 'rate', s.envelope.default)]);
  return rows;
}

/** An intervention's value of a field, in words; '' when it has none. */
function interventionValue(f: FieldDef, k: Intervention): string {
  const v = (k as unknown as Record<string, unknown>)[f.prop!];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Map) return v.size === 0 ? 'none' : [...(v as Map<string, D>)].map(([silo, x]) => `${siloLabel(silo)} ${valueText(f.kind, x)}`).join('; ');
  if (f.key === 'interventions.optimism_bias' && k.optimismBiasSource === 'confidence') return `${valueText(f.kind, v as D)} (from the evidence grade)`;
  return valueText(f.kind, v as D | number);
}

/** The interventions' inputs: one row per field of the schema, one column per intervention (four to a table). */
export function interventionTables(s: Scenario): string {
  if (s.interventions.length === 0) return '<p>The scenario has no interventions.</p>';
  const fields = Object.values(INTERVENTION_FIELDS).filter((f) => f.key !== 'interventions.name') as FieldDef[];
  const out: string[] = [];
  for (let from = 0; from < s.interventions.length; from += 4) {
    const part = s.interventions.slice(from, from + 4);
    const head: CellLike[] = [{ text: 'Input', cls: 'l' }, ...part.map((k) => ({ text: k.name, cls: 'l' }))];
    const rows = fields
      .map((f) => [{ text: fieldLabel(f.key), th: true }, ...part.map((k) => ({ text: interventionValue(f, k), cls: 'l' }))])
      .filter((row) => row.slice(1).some((c) => c.text !== ''));
    const caption = s.interventions.length > 4 ? `Interventions ${from + 1} to ${from + part.length}: their inputs` : 'Interventions: their inputs';
    out.push(table(caption, head, rows).replace('<div class="table-wrap">', '<div class="table-wrap words">'));
  }
  return out.join('\n');
}

function distributionWords(d: Distribution, show: (v: D) => string): string {
  switch (d.kind) {
    case 'triangular':
      return `triangular: low ${show(d.low)}, most likely ${show(d.mode)}, high ${show(d.high)}`;
    case 'pert':
      return `PERT: low ${show(d.low)}, most likely ${show(d.mode)}, high ${show(d.high)}`;
    case 'uniform':
      return `uniform from ${show(d.low)} to ${show(d.high)}`;
    case 'normal':
      return `normal: mean ${show(d.mean)}, standard deviation ${show(d.sd)}`;
  }
}

/** The whole section: name, description, the settings, the interventions, funders, partners, uncertain values. */
export function assumptionsSection(s: Scenario, result: RunResult, opts: { id: string; heading: string; breakBefore?: boolean; describe?: boolean }): string {
  const out: string[] = [`<section class="assumptions${opts.breakBefore ? ' break' : ''}" id="${esc(opts.id)}">`, `<h2>${esc(opts.heading)}</h2>`];
  if (opts.describe !== false) out.push(`<p><strong>${esc(s.name)}</strong>${s.description ? `: ${esc(s.description.trim())}` : ''}</p>`);
  out.push(
    table(
      'The scenario',
      [{ text: 'Assumption', cls: 'l' }, { text: 'Value', cls: 'l' }],
      scenarioRows(s, result).map(([k, v]) => [{ text: k, th: true }, { text: v, cls: 'l' }]),
    ).replace('<div class="table-wrap">', '<div class="table-wrap words">'),
  );
  out.push(interventionTables(s));
  if (s.funders.length > 0) {
    out.push(
      table(
        'Funders: money from outside the place',
        [{ text: 'Funder', cls: 'l' }, { text: 'Grant', cls: 'l' }, { text: 'Outcome payments', cls: 'l' }, { text: 'Paid on', cls: 'l' }],
        s.funders.map((f) => [
          { text: f.name, th: true },
          { text: byYear(f.grant, 'money', result.baseYear, 'zero'), cls: 'l' },
          { text: f.outcomePayment.size === 0 ? 'none' : [...f.outcomePayment].map(([i, v]) => `${s.interventions[i]?.name ?? `intervention ${i + 1}`}: ${pounds(v)} per outcome`).join('; '), cls: 'l' },
          { text: f.basis === 'gross' ? 'every observed outcome' : 'outcomes net of deadweight and attribution', cls: 'l' },
        ]),
      ).replace('<div class="table-wrap">', '<div class="table-wrap words">'),
    );
  }
  if (s.partners.length > 0) {
    out.push(
      table(
        'Partners: the organisations that settle together',
        [{ text: 'Partner', cls: 'l' }, { text: 'Silos', cls: 'l' }],
        s.partners.map((p) => [{ text: p.name, th: true }, { text: p.silos.map(siloLabel).join(', '), cls: 'l' }]),
      ).replace('<div class="table-wrap">', '<div class="table-wrap words">'),
    );
  }
  if (s.uncertain.length > 0) {
    out.push(
      table(
        'Uncertain values (the central value is used above and in every figure but simulate)',
        [{ text: 'Value', cls: 'l' }, { text: 'Central', cls: 'l' }, { text: 'Distribution', cls: 'l' }],
        s.uncertain.map((u) => {
          const kind = paramField(u.path)?.kind ?? 'count';
          const show = (v: D) => valueText(kind, v);
          return [{ text: paramLabel(u.label), th: true }, { text: show(u.central), cls: 'l' }, { text: distributionWords(u.dist, show), cls: 'l' }];
        }),
      ).replace('<div class="table-wrap">', '<div class="table-wrap words">'),
    );
  }
  out.push('</section>');
  return out.join('\n');
}
