// A synthetic national data set for the benchmark: 350 places x 5 silos x 20 services x 10 years (about
// 30 MB of CSV), scenarios and a batch manifest. Everything is deterministic from the seed, so two machines
// (or two runs) benchmark the same bytes. Files are written once into a cache folder and reused while the
// generator's version and seed are unchanged.
//
//   node test/bench/generate.mjs [DIR] [--seed N]     (default DIR .bench/data, seed 1)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** Bump when the generated files change shape, so cached copies are rebuilt. */
export const GENERATOR_VERSION = 4;

export const SILOS = ['childcare', 'employment', 'health', 'housing', 'social_care'];
export const BASE_YEAR = 2025;
export const YEARS = 10;
export const SERVICES_PER_SILO = 20;
export const NATIONAL_PLACES = 350;

/** mulberry32: a small, fast, well-mixed 32-bit generator; enough for synthetic data. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFIXES = ['Ash', 'Black', 'Bram', 'Brook', 'Castle', 'Clay', 'Deep', 'East', 'Elm', 'Fair', 'Green', 'Hart', 'High', 'King', 'Lang', 'Marsh', 'North', 'Oak', 'Red', 'Stan'];
const SUFFIXES = ['bury', 'by', 'combe', 'dale', 'field', 'ford', 'gate', 'ham', 'hurst', 'ley', 'minster', 'mouth', 'port', 'stead', 'stow', 'thorpe', 'ton', 'wick'];

/** 350 distinct place names, in a fixed shuffled order. */
export function placeNames(n, random) {
  const all = [];
  for (const p of PREFIXES) for (const s of SUFFIXES) all.push(p + s);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  if (n > all.length) throw new Error(`at most ${all.length} place names`);
  return all.slice(0, n);
}

// Service stems by silo: [name, stage, typical share of the silo's spend]. Twenty lines per silo are made
// from these by numbering the localities a service is commissioned in.
const STEMS = {
  health: [
    ['Non-elective admissions', 'reactive', 6],
    ['A&E attendances', 'reactive', 2],
    ['Mental health crisis care', 'reactive', 2],
    ['Elective care', 'other', 5],
    ['Community health services', 'preventive', 2],
    ['Public health', 'preventive', 1],
  ],
  social_care: [
    ['Residential care (65+)', 'reactive', 5],
    ['Nursing care', 'reactive', 3],
    ['Home care', 'reactive', 3],
    ['Reablement', 'preventive', 1],
    ['Assessment and care management', 'other', 1],
  ],
  employment: [
    ['Out-of-work benefits administration', 'reactive', 3],
    ['Work and health programme', 'preventive', 1],
    ['Jobcentre support', 'other', 2],
  ],
  childcare: [
    ['Funded early education', 'preventive', 4],
    ['Children in care placements', 'reactive', 4],
    ['Family support', 'preventive', 1],
    ['Early help', 'preventive', 1],
  ],
  housing: [
    ['Temporary accommodation', 'reactive', 3],
    ['Homelessness prevention', 'preventive', 1],
    ['Housing management', 'other', 2],
  ],
};
const AGENCIES = {
  health: (p) => `NHS ${p} ICB`,
  social_care: (p) => `${p} Council`,
  employment: () => 'DWP',
  childcare: (p) => `${p} Council`,
  housing: (p) => `${p} Council`,
};
// £ per resident per year by silo, roughly England's average
const PER_HEAD = { health: 1900, social_care: 420, employment: 160, childcare: 310, housing: 90 };

function services(silo) {
  const stems = STEMS[silo];
  const out = [];
  for (let i = 0; i < SERVICES_PER_SILO; i++) {
    const [name, stage, weight] = stems[i % stems.length];
    const locality = Math.floor(i / stems.length) + 1;
    out.push({ service: `${name} - locality ${locality}`, stage, weight });
  }
  return out;
}

const csvCell = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const yearLabel = (y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;

/** Write the budgets CSV of the given places (every silo, service and year); returns the number of rows. */
export async function writeBudgets(path, places, seed) {
  const out = createWriteStream(path);
  let rows = 0;
  let buffer = 'place,year,silo,service,stage,amount,agency\n';
  const flush = async () => {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  const lines = SILOS.map((silo) => ({ silo, list: services(silo), weightSum: services(silo).reduce((a, s) => a + s.weight, 0) }));
  for (let pi = 0; pi < places.length; pi++) {
    const place = places[pi];
    // each place has its own stream, so a subset of places has the same rows as in the national file
    const random = rng(seed * 1000003 + pi * 7919 + 17);
    const population = 60000 + Math.floor(random() * 1100000);
    for (const { silo, list, weightSum } of lines) {
      const siloTotal = population * PER_HEAD[silo] * (0.8 + 0.4 * random());
      const growth = -0.01 + 0.05 * random();
      const agency = csvCell(AGENCIES[silo](place));
      for (const { service, stage, weight } of list) {
        let amount = (siloTotal * weight * (0.6 + 0.8 * random())) / weightSum;
        for (let t = 0; t < YEARS; t++) {
          // pence, as a finance system exports them
          const pence = Math.round(amount * 100);
          const text = `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
          buffer += `${place},${yearLabel(BASE_YEAR + t)},${silo},${csvCell(service)},${stage},${text},${agency}\n`;
          rows++;
          amount *= 1 + growth + 0.02 * (random() - 0.5);
        }
        if (buffer.length > 1 << 16) await flush();
      }
    }
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return rows;
}

/** The national scenario: every silo pooled in part, three interventions, uncertain values for simulate. */
export function scenarioYaml({ horizon = 10, name = 'National whole-place pool', places } = {}) {
  return `# Synthetic benchmark scenario (test/bench/generate.mjs). run uses the central values.
name: ${name}
${places ? `places: [${places.join(', ')}]\n` : ''}base_year: ${BASE_YEAR}
horizon: ${horizon}
discount: green-book
growth:
  default: 0.01
  health: { triangular: [0.01, 0.02, 0.035] }
  social_care: { triangular: [0.02, 0.035, 0.05] }
pool: { health: 0.10, social_care: 1.0, employment: 0.5, childcare: 1.0, housing: 0.5 }
investment:
  shift: [0.01, 0.02]
  fixed: [2000000]
  reinvest: { uniform: [0.25, 0.75] }
  funding: pool
integration:
  efficiency: { pert: [0.005, 0.02, 0.04] }
  ramp_years: 3
  transition_costs: [1500000, 500000]
settlement: proportional
interventions:
  - name: Family intervention
    share: 0.4
    cost_per_participant: { triangular: [4500, 5214, 6500] }
    success_rate: { pert: [0.3, 0.5, 0.65] }
    deadweight: { triangular: [0.1, 0.2, 0.4] }
    attribution: 0.9
    confidence: 3
    lag: 1
    duration: 3
    drop_off: { uniform: [0.1, 0.3] }
    avoided_cost_per_success:
      social_care: { triangular: [5000, 8000, 11000] }
      health: 1200
      employment: 4617
      housing: 2470
    cashable: { social_care: { uniform: [0.3, 0.7] }, health: 0.2, employment: 1.0, housing: 0.4 }
  - name: Childcare for parents moving into work
    share: 0.35
    cost_per_participant: 3500
    success_rate: { pert: [0.15, 0.3, 0.4] }
    deadweight: { triangular: [0.2, 0.3, 0.5] }
    attribution: 0.8
    confidence: 3
    lag: 1
    duration: 3
    drop_off: 0.25
    avoided_cost_per_success: { employment: { normal: [9234, 1000] }, health: 566 }
    cashable: { employment: 1.0, health: 0.1 }
  - name: Reablement
    share: 0.25
    cost_per_participant: 2046
    success_rate: { pert: [0.25, 0.35, 0.45] }
    deadweight: 0.25
    attribution: 0.8
    confidence: 2
    lag: 0
    duration: 2
    drop_off: 0.3
    avoided_cost_per_success: { health: 2313, social_care: 6994, housing: 1500 }
    cashable: { health: 0.3, social_care: 0.6, housing: 0.5 }
`;
}

/**
 * The national scenario with every field of method v1.2 added (public value, transfers, funders with grants
 * and outcome payments, partners, a funding envelope, a value in another year's prices), several of them
 * uncertain: against scenarioYaml() itself, what the v1.2 fields cost a draw.
 */
export function scenarioV12Yaml() {
  const text = scenarioYaml({ name: 'National whole-place pool, v1.2 fields' })
    .replace('discount: green-book\n', `discount: green-book
price_base: 2024
partners:
  Council: [social_care, childcare, housing]
  NHS: [health]
funders:
  - name: Lottery
    grant: [1000000, 1000000, 1000000]
    outcome_payment: { Family intervention: { triangular: [600, 800, 1000] } }
    basis: gross
  - name: Programme
    outcome_payment: { Childcare for parents moving into work: 500 }
    basis: net
envelope: { default: { uniform: [-0.03, -0.01] }, social_care: -0.01 }
`)
    .replace('    cashable: { social_care: { uniform: [0.3, 0.7] }, health: 0.2, employment: 1.0, housing: 0.4 }\n', `    cashable: { social_care: { uniform: [0.3, 0.7] }, health: 0.2, employment: 1.0, housing: 0.4 }
    economic_value_per_success: { triangular: [2000, 3000, 4500] }
    social_value_per_success: { amount: 2500, price_year: 2020 }
    displacement: { uniform: [0.1, 0.3] }
    transfer: { employment: 1 }
`)
    .replace('    cashable: { employment: 1.0, health: 0.1 }\n', `    cashable: { employment: 1.0, health: 0.1 }
    economic_value_per_success: 14044
    displacement: 0.25
    transfer: { employment: { uniform: [0.8, 1] } }
`);
  if (!text.includes('economic_value_per_success: 14044') || !text.includes('funders:')) throw new Error('scenarioV12Yaml: the base scenario changed shape');
  return text;
}

/** A second, cautious scenario for the batch (different pool and settlement). */
export function cautiousYaml() {
  return `name: Cautious health and care pool
base_year: ${BASE_YEAR}
horizon: 10
growth: { default: 0.01, health: 0.02, social_care: 0.035 }
pool: { health: 0.05, social_care: 0.30 }
investment: { shift: [0.01, 0.015, 0.02], fixed: [1500000], reinvest: 0.25 }
integration: { efficiency: 0.01, ramp_years: 3, transition_costs: [750000, 250000] }
settlement: no-worse-off
interventions:
  - name: Reablement and falls prevention
    share: 0.6
    cost_per_participant: 2046
    success_rate: 0.35
    deadweight: 0.25
    attribution: 0.8
    confidence: 3
    duration: 2
    drop_off: 0.3
    avoided_cost_per_success: { health: 2313, social_care: 6994 }
    cashable: { health: 0.3, social_care: 0.6 }
  - name: Integrated community care
    share: 0.4
    cost_per_participant: 1200
    success_rate: 0.25
    deadweight: 0.3
    attribution: 0.7
    confidence: 4
    lag: 1
    duration: 3
    drop_off: 0.2
    avoided_cost_per_success: { health: 3084, social_care: 4000 }
    cashable: { health: 0.25, social_care: 0.5 }
`;
}

function writeAtomic(path, text) {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/**
 * Generate (or reuse) the data set in `dir`. Returns the paths:
 * national.csv (350 places), regional.csv (the first 35 of them, the same rows), scenarios and a manifest.
 */
export async function generate(dir, { seed = 1 } = {}) {
  mkdirSync(dir, { recursive: true });
  const stampPath = join(dir, 'stamp.json');
  const stamp = JSON.stringify({ version: GENERATOR_VERSION, seed });
  const files = {
    dir,
    national: join(dir, 'national.csv'),
    regional: join(dir, 'regional.csv'),
    scenario: join(dir, 'scenario.yaml'),
    scenario100: join(dir, 'scenario-100y.yaml'),
    scenarioV12: join(dir, 'scenario-v12.yaml'),
    one: join(dir, 'one.csv'),
    cautious: join(dir, 'cautious.yaml'),
    manifest: join(dir, 'manifest.yaml'),
  };
  const random = rng(seed);
  const places = placeNames(NATIONAL_PLACES, random);
  const fresh = existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp && Object.values(files).every((f) => existsSync(f));
  if (!fresh) {
    await writeBudgets(`${files.national}.tmp`, places, seed);
    renameSync(`${files.national}.tmp`, files.national);
    await writeBudgets(`${files.regional}.tmp`, places.slice(0, 35), seed);
    renameSync(`${files.regional}.tmp`, files.regional);
    writeAtomic(files.scenario, scenarioYaml());
    // one place (the first), for the start-up and simulate lines
    await writeBudgets(`${files.one}.tmp`, places.slice(0, 1), seed);
    renameSync(`${files.one}.tmp`, files.one);
    writeAtomic(files.scenarioV12, scenarioV12Yaml());
    writeAtomic(files.scenario100, scenarioYaml({ horizon: 100, name: 'National whole-place pool, 100 years' }));
    writeAtomic(files.cautious, cautiousYaml());
    // the batch: 35 places x 2 scenarios x 2 sweep points = 140 runs on the regional file
    writeAtomic(
      files.manifest,
      `budgets: regional.csv
scenarios: [scenario.yaml, cautious.yaml]
sweep:
  investment.reinvest: [0, 0.5]
expect:
  pv_costs: ">= 0"
`,
    );
    writeAtomic(stampPath, stamp);
  }
  const sha = createHash('sha256').update(readFileSync(files.national)).digest('hex');
  return { ...files, places, sha256: sha };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
  const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--seed') ?? '.bench/data';
  const t0 = performance.now();
  const out = await generate(resolve(dir), { seed });
  console.log(`${out.national} (sha256 ${out.sha256.slice(0, 16)}...) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
