// The JSON Schemas of the files a user writes, as the text `placepool schema` prints and `placepool example`
// ships beside the example files.
import { manifestJsonSchema } from '../batch/manifest.js';
import type { Io } from '../io-types.js';
import { scenarioJsonSchema } from '../io/json-schema.js';
import { emitReport } from './output.js';

export function schemaText(kind: 'scenario' | 'manifest'): string {
  return `${JSON.stringify(kind === 'scenario' ? scenarioJsonSchema() : manifestJsonSchema(), null, 2)}\n`;
}

/** `placepool schema KIND [-o FILE]`: the schema to stdout or to a file. */
export async function emitSchema(io: Io, kind: 'scenario' | 'manifest', output: string | undefined): Promise<void> {
  await emitReport(io, output, schemaText(kind), []);
}
