// Words for people where the model keeps identifiers: silos (`social_care` is "Social care", `nhs_other`
// "NHS other"), scenario fields (`avoided_cost_per_success` is "Avoided cost per success") and parameter
// labels (`Reablement: avoided_cost_per_success.social_care` is "Reablement: avoided cost per success, social
// care"). Measures have their words in src/report/measures.ts. Reports for papers (HTML) use these; machine
// formats keep the identifiers.
import { fieldDef } from '../model/schema.js';

/** Short words that are written in capitals in a silo's name. */
const ACRONYMS: ReadonlySet<string> = new Set(['nhs', 'dwp', 'icb', 'ics', 'gp', 'gps', 'send', 'la', 'dfe', 'moj', 'hmrc', 'cyp', 'mh', 'uk', 'vcs', 'vcse', 'asc', 'csc']);

function words(id: string): string[] {
  return id
    .trim()
    .split(/[_\s]+/)
    .filter((w) => w !== '');
}

/** A silo as people write it: `social_care` is "Social care", `nhs_other` "NHS other"; `all` stays `all`. */
export function siloLabel(silo: string): string {
  if (silo === 'all') return silo;
  const ws = words(silo).map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w));
  if (ws.length === 0) return silo;
  const first = ws[0]!;
  ws[0] = first === first.toUpperCase() ? first : first.charAt(0).toUpperCase() + first.slice(1);
  return ws.join(' ');
}

/** The same, lower-cased but for acronyms, for use inside a sentence: "social care", "NHS other". */
function siloInText(silo: string): string {
  return words(silo)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w))
    .join(' ');
}

/** Fields whose name alone reads badly; anything else is its name in words. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  share: 'Share of the investment',
  cashable: 'Cashable share',
  transfer: 'Transfer share',
  lag: 'Lag (years)',
  duration: 'Duration (years)',
  confidence: 'Evidence grade',
  ramp_years: 'Years to full effect',
  shift: 'Shift into prevention a year',
  fixed: 'Fixed investment',
  reinvest: 'Savings reinvested',
  funding: 'Who funds the investment',
  efficiency: 'Integration efficiency a year',
  transition_costs: 'Transition costs',
  growth: 'Growth of spend a year',
  pool: 'Share of spend pooled',
  envelope: 'Growth of funding a year',
  optimism_bias_table: 'Optimism bias by evidence grade',
  base_year: 'Base year',
  price_base: 'Price base',
  horizon: 'Horizon (years)',
  discount: 'Discounting',
  settlement: 'Settlement rule',
  grant: 'Grant',
  outcome_payment: 'Outcome payment',
  basis: 'Outcome payments on',
};

/** A scenario field (its key, or only its last part) in words: `success_rate` is "Success rate". */
export function fieldLabel(key: string): string {
  const last = key.slice(key.lastIndexOf('.') + 1);
  const known = FIELD_WORDS[last];
  if (known) return known;
  const ws = words(last);
  if (ws.length === 0) return key;
  const text = ws.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A parameter label or path in words: `Reablement: avoided_cost_per_success.social_care` is "Reablement:
 * avoided cost per success, social care"; `growth.health` "Growth of spend a year, health";
 * `investment.shift.1` "Shift into prevention a year, year index 1".
 */
export function paramLabel(label: string): string {
  const colon = label.lastIndexOf(': ');
  const who = colon >= 0 ? label.slice(0, colon) : undefined;
  const path = colon >= 0 ? label.slice(colon + 2) : label;
  const parts = path.split('.');
  // the field is the longest leading run of parts that the schema knows (`investment.shift`, `growth`)
  let n = 1;
  for (let k = parts.length; k >= 1; k--) {
    const key = parts.slice(0, k).join('.');
    if (fieldDef(key) || fieldDef(`interventions.${key}`) || fieldDef(`funders.${key}`)) {
      n = k;
      break;
    }
  }
  const field = parts.slice(0, n).join('.');
  const rest = parts.slice(n);
  const known = fieldDef(field) ?? fieldDef(`interventions.${field}`) ?? fieldDef(`funders.${field}`);
  if (!known && rest.length === 0 && !FIELD_WORDS[field] && !/_/.test(field)) return label;
  const name = fieldLabel(field);
  const detail = rest
    .map((p) => {
      if (known?.shape === 'list' && /^\d+$/.test(p)) return `year index ${p}`;
      if (known?.shape === 'grades') return `grade ${p}`;
      if (known?.shape === 'names') return p;
      return siloInText(p);
    })
    .join(', ');
  const text = detail ? `${name}, ${detail}` : name;
  return who === undefined ? text : `${who}: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
