// The JSON Schema (draft 2020-12) of scenario files, made from the scenario schema, so that an editor with the
// YAML language server completes and checks a scenario as it is typed. It says what a schema can say: keys,
// kinds, ranges, choices, the distribution forms, `confidence` or `optimism_bias`. The reader checks the rest
// (shares that add up to 1, a cashable share for every avoided cost, a distribution's central value in range).
import { DISTRIBUTION_FORMS, DIST_ARITY, DIST_KINDS, FIELDS, isNumeric, keysUnder, type FieldDef } from '../model/schema.js';
import { VALUE_KINDS } from '../model/unit-costs.js';

export type JsonSchema = Record<string, unknown>;

export const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/** A silo key as written: normalised (trimmed, lower-cased, spaces and hyphens to `_`) it is an identifier. */
export const SILO_KEY_PATTERN = '^\\s*[A-Za-z][A-Za-z0-9_ \\t-]*$';
/** A financial year written as `2025/26` or `2025-26` (a whole number such as 2025 is accepted too). */
const YEAR_TEXT_PATTERN = '^\\s*\\d{4}\\s*[/-]\\s*\\d{2}\\s*$';

function numberSchema(f: FieldDef): JsonSchema {
  const out: JsonSchema = { type: f.integer ? 'integer' : 'number' };
  if (f.min !== undefined) out.minimum = Number(f.min);
  if (f.max !== undefined) out[f.maxExclusive ? 'exclusiveMaximum' : 'maximum'] = Number(f.max);
  return out;
}

function distributionSchemas(): JsonSchema[] {
  return DIST_KINDS.map((kind) => ({
    type: 'object',
    description: `A ${kind} distribution: ${DISTRIBUTION_FORMS[kind]}.`,
    properties: {
      // a normal's standard deviation is above 0
      [kind]: { type: 'array', prefixItems: kind === 'normal' ? [{ type: 'number' }, { type: 'number', exclusiveMinimum: 0 }] : undefined, items: { type: 'number' }, minItems: DIST_ARITY[kind], maxItems: DIST_ARITY[kind] },
    },
    required: [kind],
    additionalProperties: false,
  }));
}

/** The money forms, defined once under `$defs`: an amount in the prices of another year (its amount a number,
 * or a distribution where the field may be uncertain) and an entry of the unit-cost library. */
function moneyFormDefs(): Record<string, JsonSchema> {
  const year = { anyOf: [{ type: 'integer', minimum: 1000, maximum: 9998 }, { type: 'string', pattern: YEAR_TEXT_PATTERN }] };
  const amount = (uncertain: boolean): JsonSchema => ({
    type: 'object',
    description: `An amount in the prices of another year, converted to the price base: {amount: 9234, price_year: 2012}${uncertain ? '; the amount may be a distribution' : ''}.`,
    properties: { amount: uncertain ? { anyOf: [{ type: 'number' }, ...distributionSchemas()] } : { type: 'number' }, price_year: year },
    required: ['amount', 'price_year'],
    additionalProperties: false,
  });
  return {
    amount: amount(false),
    uncertain_amount: amount(true),
    unit_cost: {
      type: 'object',
      description: 'An entry of the unit-cost library (`unit_costs`), converted to the price base: {unit_cost: E&E1.0.1, times: 52, value: fiscal}.',
      properties: { unit_cost: { type: 'string', pattern: '\\S' }, times: { type: 'number', exclusiveMinimum: 0 }, value: { enum: [...VALUE_KINDS] } },
      required: ['unit_cost'],
      additionalProperties: false,
    },
  };
}

function moneyFormSchemas(f: FieldDef): JsonSchema[] {
  return [{ $ref: `#/$defs/${f.uncertain ? 'uncertain_amount' : 'amount'}` }, { $ref: '#/$defs/unit_cost' }];
}

/** One value of a numeric field: a number in range, or (where allowed) a distribution or a money form. */
function valueSchema(f: FieldDef): JsonSchema {
  const n = numberSchema(f);
  const forms = [...(f.uncertain ? distributionSchemas() : []), ...(f.money ? moneyFormSchemas(f) : [])];
  return forms.length ? { anyOf: [n, ...forms] } : n;
}

function describe(f: FieldDef): JsonSchema {
  const out: JsonSchema = { description: [f.description, f.unit ? `Unit: ${f.unit}.` : '', f.reference ? `Source: ${f.reference}.` : ''].filter(Boolean).join(' ') };
  if (f.default !== undefined) out.default = f.default;
  return out;
}

/** A name that reads `all` once trimmed. */
const NAMED_ALL: JsonSchema = { type: 'string', pattern: '^\\s*all\\s*$' };

function fieldSchema(f: FieldDef): JsonSchema {
  const meta = describe(f);
  switch (f.key) {
    case 'name':
    case 'interventions.name':
      return { ...meta, type: 'string', pattern: '\\S' };
    case 'funders.name':
      // not `all`, the name of the place's totals (a silo's name is known only from the budgets)
      return { ...meta, type: 'string', pattern: '\\S', not: NAMED_ALL };
    case 'description':
      return { ...meta, type: 'string' };
    case 'deflators':
    case 'unit_costs':
      return { ...meta, type: 'string', pattern: '\\S' };
    case 'places':
      return { ...meta, anyOf: [{ type: 'string', pattern: '\\S' }, { type: 'array', items: { type: 'string', pattern: '\\S' }, minItems: 1, uniqueItems: true }] };
    case 'base_year':
    case 'price_base':
      return { ...meta, anyOf: [numberSchema(f), { type: 'string', pattern: YEAR_TEXT_PATTERN }] };
  }
  if (f.kind === 'boolean') return { ...meta, type: 'boolean' };
  if (f.kind === 'partners') {
    const silos = { type: 'array', items: { type: 'string', pattern: SILO_KEY_PATTERN }, minItems: 1, uniqueItems: true };
    return { ...meta, type: 'object', propertyNames: { pattern: '\\S', not: NAMED_ALL }, additionalProperties: { anyOf: [{ type: 'string', pattern: SILO_KEY_PATTERN }, silos] } };
  }
  if (f.kind === 'choice') return { ...meta, enum: [...f.choices!] };
  if (!isNumeric(f)) throw new Error(`no JSON Schema for the field ${f.key}`);
  const v = valueSchema(f);
  let shaped: JsonSchema;
  if (f.shape === 'one') shaped = v;
  else if (f.shape === 'list') shaped = { anyOf: [v, { type: 'array', items: v, ...(f.key === 'investment.shift' ? { minItems: 1 } : {}) }] };
  else if (f.shape === 'grades') shaped = { type: 'object', propertyNames: { pattern: '^[1-6]$' }, additionalProperties: v };
  else if (f.shape === 'names') shaped = { type: 'object', propertyNames: { pattern: '\\S' }, additionalProperties: v };
  else shaped = { type: 'object', propertyNames: { pattern: SILO_KEY_PATTERN }, additionalProperties: v };
  // a number-or-word field: `discount: green-book`, `funding: pool`
  if (f.choices) return { ...meta, anyOf: [{ enum: [...f.choices] }, shaped] };
  return { ...meta, ...shaped };
}

function objectOf(parent: '' | 'investment' | 'integration' | 'interventions' | 'funders'): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const key of keysUnder(parent)) {
    const f = FIELDS.find((g) => g.key === (parent === '' ? key : `${parent}.${key}`))!;
    if (f.required) required.push(key);
    if (f.kind === 'section') properties[key] = { ...describe(f), ...objectOf(key as 'investment' | 'integration') };
    else if (f.kind === 'items') properties[key] = { ...describe(f), type: 'array', items: objectOf(key as 'interventions' | 'funders') };
    else properties[key] = fieldSchema(f);
  }
  const out: JsonSchema = { type: 'object', properties, additionalProperties: false };
  if (required.length) out.required = required;
  if (parent === 'interventions') out.not = { description: 'Give `confidence` or `optimism_bias`, not both.', properties: { confidence: true, optimism_bias: true }, required: ['confidence', 'optimism_bias'] };
  return out;
}

/** The JSON Schema of a scenario file. */
export function scenarioJsonSchema(): JsonSchema {
  return {
    $schema: DRAFT,
    title: 'placepool scenario',
    description: 'A scenario for placepool: which budgets are pooled, how much is moved into prevention, and the interventions it pays for. See docs/method.md.',
    ...objectOf(''),
    $defs: moneyFormDefs(),
  };
}
