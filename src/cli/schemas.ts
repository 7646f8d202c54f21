// The JSON Schemas of the files a user writes, as the text `placepool schema` prints and `placepool example`
// ships beside the example files.
import { manifestJsonSchema } from '../batch/manifest.js';
import { scenarioJsonSchema } from '../io/json-schema.js';

export function schemaText(kind: 'scenario' | 'manifest'): string {
  return `${JSON.stringify(kind === 'scenario' ? scenarioJsonSchema() : manifestJsonSchema(), null, 2)}\n`;
}
