// Silo identifiers are normalised everywhere they appear (docs/method.md, "Conventions"): trimmed,
// lower-cased, each run of spaces or hyphens made one `_`. `Social  care` and `social-care` are both
// `social_care`.

export function normaliseSilo(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** A valid identifier after normalisation: a letter, then letters, digits or `_`. */
export function isValidSilo(id: string): boolean {
  return /^[a-z][a-z0-9_]*$/.test(id);
}

/** The four silos of the mission; any other identifier is allowed too (e.g. `housing`). */
export const MISSION_SILOS = ['health', 'social_care', 'employment', 'childcare'] as const;
