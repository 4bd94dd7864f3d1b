// Dates and numbers as people read them. Two kinds of date: a moment (an ISO timestamp, shown in
// the user's own time zone) and a day (YYYY-MM-DD, a calendar date without a time zone).
import { countOf } from '../../shared/words';

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long' });
const dayFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A tel: link target from a number as people write it ("0162 000 101" → "tel:0162000101"). */
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => date.format(new Date(iso));

/** "vandaag", "gisteren", "12 dagen geleden": how long a case has been quiet. */
export function ago(iso: string, now = Date.now()): string {
  const days = Math.floor((now - Date.parse(iso)) / 86_400_000);
  if (days <= 0) return 'vandaag';
  if (days === 1) return 'gisteren';
  return `${days} dagen geleden`;
}

/** Today in the user's own time zone, as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** "12 mrt. 2026" for a YYYY-MM-DD day; the day has no time zone, so neither does its display. */
export function formatDay(ymd: string): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? ymd : dayFormat.format(d);
}

/** "1 doorbraak", "3 doorbraken" (shared with the server's texts). */
export { countOf };

/** A duration in days as people say it: never "0 dagen". */
export const durationDays = (days: number) => (days < 1 ? 'minder dan een dag' : countOf(days, 'dag', 'dagen'));
