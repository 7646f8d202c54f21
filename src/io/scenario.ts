// Scenario files: read (a path, `-` for stdin, `example:NAME`), parsed into a located document, and built into
// a typed Scenario by the scenario reader (src/io/scenario-builder.ts), which takes every field's default,
// range and shape from the scenario schema (src/model/schema.ts).
import type { InputSource, Scenario } from '../model/types.js';
import { parseDocument, type ParsedDocument } from './document.js';
import { readInputText, type InputIo } from './input.js';
import { ScenarioBuilder } from './scenario-builder.js';
import { loadMoneyContext } from './scenario-files.js';
import type { MoneyContext } from './scenario-money.js';

/**
 * Build and validate a scenario from a parsed document and the files its money values need (read first by
 * `loadScenarioMoney`). Throws one InputError listing every problem.
 */
export function scenarioFromDocument(doc: ParsedDocument, money?: MoneyContext): Scenario {
  return new ScenarioBuilder(doc, money).build();
}

/** The files a scenario document names for its money values, read (paths relative to the scenario file). */
export { loadMoneyContext as loadScenarioMoney };

export function scenarioFromText(text: string, source: InputSource): Scenario {
  return scenarioFromDocument(parseDocument(text, source));
}

/**
 * Read a scenario file (`-` for stdin, `example:NAME` for a bundled one) and parse it, without validating the
 * scenario. A missing file is a FileOpenError (exit 66).
 */
export async function loadScenarioDocument(arg: string, io: InputIo): Promise<ParsedDocument> {
  const { text, source, warnings } = await readInputText(arg, io, 'scenario');
  return parseDocument(text, source, { warnings });
}

/** Read, parse and validate a scenario file (`-` for stdin), with the files its money values need. */
export async function loadScenario(arg: string, io: InputIo): Promise<Scenario> {
  const doc = await loadScenarioDocument(arg, io);
  return scenarioFromDocument(doc, await loadMoneyContext(doc, arg, io));
}

export { DEFAULT_OPTIMISM_BIAS_TABLE } from './scenario-builder.js';
