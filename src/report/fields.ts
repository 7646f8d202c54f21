// The table of scenario fields in docs/method.md, made from the scenario schema (a test keeps the page equal).
import { FIELDS, describeRange, isNumeric, type FieldDef } from '../model/schema.js';

const cell = (t: string): string => t.replace(/\|/g, '\\|');

/** A default as a user would write it in YAML: `0`, `green-book`, `[]`, `{1: 0, 2: 0.05}`. */
function yamlText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(yamlText).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${yamlText(x)}`).join(', ')}}`;
  return String(v);
}

function defaultText(f: FieldDef): string {
  if (f.required) return 'required';
  if (f.defaultText) return f.defaultText;
  return f.default === undefined ? '' : `\`${yamlText(f.default)}\``;
}

const KIND_WORDS: Partial<Record<FieldDef['kind'], string>> = {
  text: 'text',
  places: 'names of places in the budgets',
  boolean: '`true` or `false`',
  year: 'a year of the budgets: `2025` or `2025/26`',
  items: 'a list of interventions',
};

function validText(f: FieldDef): string {
  const words = f.choices?.map((c) => `\`${c}\``) ?? [];
  if (f.key === 'price_base') return 'a financial year: `2024` or `2024/25`';
  if (f.key === 'funders') return 'a list of funders';
  if (f.key === 'partners') return 'a map by partner name, each a list of silos';
  if (!isNumeric(f) || f.key === 'base_year') return words.length ? `one of ${words.join(', ')}` : (KIND_WORDS[f.kind] ?? f.kind);
  const range = describeRange(f);
  const by = f.shape === 'grades' ? 'grade' : f.shape === 'names' ? 'intervention name' : 'silo';
  const each = f.shape === 'one' ? range : f.shape === 'list' ? `a number or a list, each ${range}` : `a map by ${by}, each ${range}`;
  return words.length ? `${words.join(', ')}, or ${f.shape === 'one' ? 'a rate ' : ''}${each}` : each;
}

/** The Markdown table of every field: its key, default, valid values, whether it may be uncertain, unit and meaning. */
export function fieldTable(): string {
  const rows = [
    '| field | default | valid | uncertain | unit | meaning |',
    '|---|---|---|---|---|---|',
    ...FIELDS.filter((f) => f.kind !== 'section').map((f) =>
      [f.key.replace(/^interventions\./, 'interventions[].'), defaultText(f), validText(f), f.uncertain ? 'yes' : '', f.unit ?? '', f.reference ? `${f.description} Source: ${f.reference}.` : f.description]
        .map((c, i) => cell(i === 0 ? `\`${c}\`` : c))
        .join(' | '),
    ).map((r) => `| ${r} |`),
  ];
  return `${rows.join('\n')}\n`;
}
