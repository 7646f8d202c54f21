/** Label of financial year Y (named by the calendar year it starts in): `2025/26`, `2099/00`. */
export function yearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}
