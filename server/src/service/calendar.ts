/** Calendar facts shared by front-matter checks and the date features. */

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Checks a publication date: `YYYY-MM-DD`, optionally with a time and zone.
 * Returns undefined when valid, else a sentence saying what is wrong.
 */
export function publicationDateProblem(value: string): string | undefined {
  const m = ISO_DATE_RE.exec(value);
  if (!m) return `${JSON.stringify(value)} is not a date of the form YYYY-MM-DD.`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `${value} has no month ${mo}: months run from 01 to 12.`;
  const dim = daysInMonth(y, mo);
  if (d < 1 || d > dim) return `${value} is not a date: ${MONTH_NAMES[mo - 1]} ${y} has ${dim} days.`;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 59))) {
    return `${value} has an impossible time of day.`;
  }
  return undefined;
}
