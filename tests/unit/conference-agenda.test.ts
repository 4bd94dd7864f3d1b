// The standard agenda fits the time a casusoverleg has: every item has time, and together they
// fill the 45 minutes exactly.
import { expect, test } from 'vitest';
import { CONFERENCE_MINUTES, MAX_ITEM_MINUTES, STANDARD_AGENDA } from '../../shared/plan/conference';

test('the standard agenda adds up to a 45-minute conference', () => {
  expect(CONFERENCE_MINUTES).toBe(45);
  expect(STANDARD_AGENDA.reduce((n, a) => n + a.minutes, 0)).toBe(CONFERENCE_MINUTES);
  for (const a of STANDARD_AGENDA) expect(a.minutes).toBeGreaterThanOrEqual(1);
  for (const a of STANDARD_AGENDA) expect(a.minutes).toBeLessThanOrEqual(MAX_ITEM_MINUTES);
});
