// How far ahead a household plan looks, and so the dates forms offer before anyone picks one.
// The municipal sources ask of every integral family plan: "waar wil je over 3 maanden staan en
// waar over 1 jaar?" (seeds/002). A deviation made for the plan therefore runs for the plan's
// year and is looked at again at the first horizon; a decision is reviewed no later than what
// it rests on. They are defaults on the form, visible and changeable; the server checks the
// dates as entered, like any other.

export const PLAN_HORIZON = { reviewMonths: 3, endMonths: 12 } as const;

/** A calendar day `months` later; the 31st becomes the last day of a shorter month. */
export function addMonths(ymd: string, months: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** The day a new deviation or decision is reviewed unless the table picks another. */
export const defaultReviewDate = (today: string): string => addMonths(today, PLAN_HORIZON.reviewMonths);

/** The day a new deviation ends unless the table picks another: the end of the plan's year. */
export const defaultEndDate = (today: string): string => addMonths(today, PLAN_HORIZON.endMonths);

/** The earliest of some days, or undefined when there are none. */
export const earliest = (days: readonly string[]): string | undefined => [...days].sort()[0];
