// The files a scenario names for its money values: `deflators:` and `unit_costs:` (paths relative to the
// scenario file's folder; relative to the working folder for a scenario read from stdin or an example; or
// `bundled`), read before the scenario is built. The bundled deflators are read only when a value is written
// as a money form, so a scenario that converts nothing reads no more files than before.
import { dirname, relative, resolve } from 'node:path';
import { pathFrom } from './args.js';
import { FileOpenError, InputError, formatLocation, type Location } from '../errors.js';
import type { InputSource } from '../model/types.js';
import type { UnitCostLibrary } from '../model/unit-costs.js';
import { BUNDLED_DEFLATORS, readDeflators } from './deflators.js';
import type { DocNode, ParsedDocument } from './document.js';
import type { InputIo } from './input.js';
import { isMoneyForm, type MoneyContext } from './scenario-money.js';
import { BUNDLED_UNIT_COSTS, loadUnitCostLibrary } from './unit-costs.js';

/** Whether any map of the document is a money form (then the deflators are needed). */
function usesMoneyForms(node: DocNode | null): boolean {
  if (!node || node.kind === 'scalar') return false;
  if (node.kind === 'seq') return node.items.some(usesMoneyForms);
  return isMoneyForm(node) || node.entries.some((e) => usesMoneyForms(e.value));
}

/**
 * The input argument for a file a scenario names: `bundled` (or a `bundled:`/`example:` name) as it is; a
 * relative path from the scenario file's folder, given to the readers relative to the working folder.
 */
export function namedFileArg(written: string, bundled: string, scenarioArg: string, cwd: string): string {
  if (written === 'bundled') return bundled;
  if (written.startsWith('bundled:') || written.startsWith('example:')) return written;
  return pathFrom(scenarioArg === '-' || scenarioArg.startsWith('example:') ? cwd : dirname(resolve(cwd, scenarioArg)), written, cwd);
}

/** The text of a top-level field, when it is written as text (the builder reports any other value). */
function textField(doc: ParsedDocument, key: string): { text: string; loc: Location } | undefined {
  const root = doc.root;
  if (root?.kind !== 'map') return undefined;
  const node = root.entries.find((e) => e.key === key)?.value;
  if (node?.kind !== 'scalar' || node.value === null || node.text.trim() === '') return undefined;
  return { text: node.text.trim(), loc: doc.nodeLoc(node, [key]) };
}

/**
 * Read a file the scenario names. If it cannot be opened, the error is located where the scenario names it;
 * a problem inside it stays at its own cell or line, and its hint says where the scenario names the file.
 */
async function opening<T>(loc: Location, scenarioArg: string, cwd: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (err) {
    const named = `${formatLocation(loc)} names this file.`;
    if (err instanceof InputError) throw new InputError(err.problems.map((p) => ({ ...p, hint: p.hint ? `${p.hint} ${named}` : named })), err.problems.length > 1 ? err.message : undefined);
    if (!(err instanceof FileOpenError)) throw err;
    const p = err.problems[0]!;
    const guess = /^Did you mean [^?]*\?/.exec(p.hint ?? '')?.[0];
    const folder = scenarioArg === '-' || scenarioArg.startsWith('example:') ? `the working folder (${cwd})` : `the scenario file's folder (${relative(cwd, dirname(resolve(cwd, scenarioArg))) || '.'})`;
    throw new FileOpenError({ message: p.message, loc, hint: `${guess ? `${guess} ` : ''}A path in a scenario is relative to ${folder}; \`bundled\` names the bundled file.` });
  }
}

/**
 * Read the files a scenario document needs for its money values: the library it names, and the deflators it
 * names (or the bundled ones, when any value is written as a money form). Undefined: it needs none.
 */
export async function loadMoneyContext(doc: ParsedDocument, scenarioArg: string, io: InputIo): Promise<MoneyContext | undefined> {
  const libraryField = textField(doc, 'unit_costs');
  const deflatorsField = textField(doc, 'deflators');
  if (!libraryField && !deflatorsField && !usesMoneyForms(doc.root)) return undefined;
  const inputs: InputSource[] = [];
  let library: UnitCostLibrary | undefined;
  if (libraryField) {
    const arg = namedFileArg(libraryField.text, BUNDLED_UNIT_COSTS, scenarioArg, io.cwd);
    library = await opening(libraryField.loc, scenarioArg, io.cwd, () => loadUnitCostLibrary(arg, io));
    inputs.push(library.source);
  }
  const arg = deflatorsField ? namedFileArg(deflatorsField.text, BUNDLED_DEFLATORS, scenarioArg, io.cwd) : BUNDLED_DEFLATORS;
  const index = await opening(deflatorsField?.loc ?? doc.nodeLoc(undefined, []), scenarioArg, io.cwd, () => readDeflators(arg, io));
  if (index.source) inputs.push(index.source);
  return { index, ...(library ? { library } : {}), inputs };
}

