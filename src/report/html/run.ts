// `run --format html`: a report for a board paper. The scenario and its assumptions; then one place after
// another (headline, charts with their figures in sensible units, who pays, interventions), the `all places`
// summary when there is one; then the data appendix with every figure to the penny (the yearly flows as well),
// warnings and provenance.
import type { RunResult, Scenario } from '../../model/types.js';
import type { ReportMeta } from '../meta.js';
import { esc } from '../svg/xml.js';
import { fundingGap } from './funding.js';
import { benefitsByKind } from './benefits.js';
import { page, provenanceSection, warningsSection } from './page.js';
import { assumptionsSection } from './assumptions.js';
import {
  allYearlyTable,
  cashPosition,
  cashTable,
  headline,
  interventionsTable,
  settlement,
  settlementTable,
  spendBySilo,
  spendTable,
  summaryTable,
  yearlyTables,
} from './place.js';
import { count } from '../../words.js';
import { priceText } from '../price-text.js';

export interface RunHtmlOptions {
  /** the scenario, for its description and the assumptions section */
  scenario?: Scenario;
}

export function renderRunHtml(result: RunResult, meta: ReportMeta, date: string, options: RunHtmlOptions = {}): string {
  const years = result.years;
  const span = years.length > 0 ? `${years[0]!.label} to ${years[years.length - 1]!.label}` : 'no years';
  const places = result.places.map((p) => p.place);
  const s = options.scenario;
  const body: string[] = [
    '<header>',
    `<h1>${esc(result.scenario)}</h1>`,
    s?.description ? `<p class="lede">${esc(s.description.trim())}</p>` : '',
    `<p class="sub">Pooled budget projection for ${esc(places.join(', '))}: ${count(result.horizon, 'year')}, ${esc(span)}. ` +
      `Made by ${esc(meta.tool)} ${esc(meta.version)} on ${esc(date)}.</p>`,
    `<p class="note">Money in pounds (real terms), ${esc(priceText(result))}; in the tables of each place rounded to ` +
      'three significant figures (£1.22m), and to the penny in the data appendix. ' +
      'Payback is the first year from which the cumulative discounted net cashable position stays at or above zero; ' +
      'the peak funding requirement is the deepest the cumulative cash position goes below zero.</p>',
    '</header>',
    '<nav aria-label="Contents"><ul>',
    ...(s ? ['<li><a href="#assumptions">The scenario and its assumptions</a></li>'] : []),
    ...result.places.map((p, i) => `<li><a href="#place-${i + 1}">${esc(p.place)}</a></li>`),
    ...(result.allPlaces ? ['<li><a href="#all-places">All places</a></li>'] : []),
    '<li><a href="#appendix">Data appendix: every figure to the penny</a></li>',
    '<li><a href="#warnings">Warnings</a></li>',
    '<li><a href="#provenance">Provenance</a></li>',
    '</ul></nav>',
  ];
  if (s) body.push(assumptionsSection(s, result, { id: 'assumptions', heading: 'The scenario and its assumptions', describe: false }));

  result.places.forEach((p, i) => {
    const n = i + 1;
    body.push(
      `<section class="place${i > 0 || s ? ' break' : ''}" id="place-${n}">`,
      `<h2>${esc(p.place)}</h2>`,
      p.members.length > 1 ? `<p class="note">Combined place: ${esc(p.members.join(' + '))}.</p>` : '',
      headline(p.summary, years),
      summaryTable(p.summary, years, `Summary, ${p.place}`, 'short'),
      '<h3>Cash position and payback</h3>',
      cashPosition(`p${n}-cash`, p.all, p.summary, years, p.place),
      ...(result.hasEnvelope ? ['<h3>The funding gap</h3>', fundingGap(`p${n}-gap`, p.all, p, years, p.place)] : []),
      '<h3>Spend by silo</h3>',
      spendBySilo(`p${n}-spend`, p, years),
      '<h3>Who pays, who benefits</h3>',
      '<p class="note">A wrong pocket is a silo that pays more than it gains (present values) while the place as a whole gains. ' +
        'Settlement moves money between silos so that the pool\'s net saving is shared by the scenario\'s rule; transfers sum to zero.</p>',
      settlement(`p${n}-settle`, p),
      '<h3>Benefits by kind</h3>',
      benefitsByKind(`p${n}-benefits`, p.all, years, p.place),
      '<h3>Interventions</h3>',
      interventionsTable(p, 'short'),
      '</section>',
    );
  });

  if (result.allPlaces) {
    const a = result.allPlaces;
    body.push(
      '<section class="place break" id="all-places">',
      '<h2>All places</h2>',
      `<p class="note">The places' yearly flows summed by year; payback and peak funding are computed from those sums.</p>`,
      headline(a.summary, years),
      summaryTable(a.summary, years, 'Summary, all places', 'short'),
      '<h3>Cash position and payback</h3>',
      cashPosition('all-cash', a.all, a.summary, years, 'all places'),
      ...(result.hasEnvelope ? ['<h3>The funding gap</h3>', fundingGap('all-gap', a.all, undefined, years, 'all places')] : []),
      '</section>',
    );
  }

  body.push(
    '<section class="appendix break" id="appendix">',
    '<h2>Data appendix: every figure to the penny</h2>',
    '<p class="note">The figures of the report unrounded (pounds to the penny, shares to 0.01%, ratios to 6 decimal places), ' +
      'as in the CSV, JSON and Excel reports.</p>',
  );
  result.places.forEach((p) => {
    body.push(
      `<h3>${esc(p.place)}</h3>`,
      summaryTable(p.summary, years, `Summary, ${p.place} (exact)`),
      cashTable(p.all, years, `Cumulative net cashable position, ${p.place} (£, real terms)`, 'exact'),
      spendTable(p, years, `Spend by silo, ${p.place} (£ a year, real terms)`, 'exact'),
      settlementTable(p, `Who pays and who benefits, ${p.place} (£, present values)`, 'exact'),
      interventionsTable(p),
      yearlyTables(result, p, years),
    );
  });
  if (result.allPlaces) {
    const a = result.allPlaces;
    body.push(
      '<h3>All places</h3>',
      summaryTable(a.summary, years, 'Summary, all places (exact)'),
      allYearlyTable(result, a.all, years, 'Yearly flows: all places'),
    );
  }
  body.push('</section>');

  body.push(
    warningsSection([{ warnings: result.warnings }]),
    provenanceSection(meta, date, [
      ['Base year', years[0]?.label ?? String(result.baseYear)],
      ['Horizon', count(result.horizon, 'year')],
    ]),
  );
  return page(`${result.scenario}: placepool run`, body.filter((x) => x !== ''));
}
