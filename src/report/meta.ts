// Provenance carried by every report (README.md, "Output formats"): tool version, scenario, inputs' SHA-256,
// seed.
import type { InputSource } from '../model/types.js';
import { VERSION } from '../package-files.js';

export interface ReportMeta {
  tool: 'placepool';
  version: string;
  /** the command that made the report, e.g. `run` */
  command: string;
  /** scenario names, when scenarios were used */
  scenarios: string[];
  inputs: InputSource[];
  seed?: number;
  draws?: number;
}

export function reportMeta(command: string, inputs: InputSource[], scenarios: string[] = [], extra: { seed?: number; draws?: number } = {}): ReportMeta {
  return { tool: 'placepool', version: VERSION, command, scenarios, inputs, ...extra };
}

/**
 * The date a human-readable report (HTML) says it was made: `SOURCE_DATE_EPOCH` (seconds) when set, for
 * reproducible builds; otherwise today (UTC). Machine formats (CSV, JSON) carry no date, so they are
 * byte-identical from run to run.
 */
export function reportDate(env: Record<string, string | undefined>): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const when = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return when.toISOString().slice(0, 10);
}

/** The provenance at the head of every JSON report, beside its `result`. */
export function metaJson(meta: ReportMeta) {
  return {
    tool: meta.tool,
    version: meta.version,
    command: meta.command,
    scenarios: meta.scenarios,
    inputs: meta.inputs.map((i) => ({ name: i.name, sha256: i.sha256 })),
    ...(meta.seed !== undefined ? { seed: meta.seed } : {}),
    ...(meta.draws !== undefined ? { draws: meta.draws } : {}),
  };
}
