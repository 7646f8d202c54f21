// The ingest yardstick: stream a CSV file through csv-parse and count its records, nothing else. Options as
// placepool's reader gives them (byte-order mark, trimming, ragged rows allowed, any line ending).
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

let records = 0;
const parser = createReadStream(process.argv[2]).pipe(
  parse({ bom: true, trim: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }),
);
for await (const record of parser) if (record.length > 0) records++;
process.stdout.write(`${records} records\n`);
