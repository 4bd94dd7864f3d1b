// Dates as the municipality counts them: calendar days in the Netherlands, whatever the
// server's own time zone. Effective dates, end dates and review dates are all such days.

/** Today in the Netherlands, as YYYY-MM-DD. */
export function todayNl(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const longDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "1 januari 2026" for a YYYY-MM-DD date, for messages people read. */
export function formatDayNl(ymd: string): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? ymd : longDate.format(d);
}
