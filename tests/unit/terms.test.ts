import { describe, expect, test } from 'vitest';
import { addMonths, defaultEndDate, defaultReviewDate, earliest, PLAN_HORIZON } from '../../shared/terms';

describe('the plan horizon the forms offer as default dates', () => {
  test('months are calendar months; the 31st becomes the last day of a shorter month', () => {
    expect(addMonths('2026-12-03', 3)).toBe('2027-03-03');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-05-15', 12)).toBe('2027-05-15');
  });

  test('a deviation is reviewed at the first horizon and ends at the plan year', () => {
    expect(PLAN_HORIZON.reviewMonths).toBeLessThan(PLAN_HORIZON.endMonths);
    expect(defaultReviewDate('2026-12-03')).toBe('2027-03-03');
    expect(defaultEndDate('2026-12-03')).toBe('2027-12-03');
    // The server refuses a review date after the end date: the defaults never are.
    for (const day of ['2026-01-31', '2026-08-31', '2027-02-28', '2028-02-29']) expect(defaultReviewDate(day) <= defaultEndDate(day)).toBe(true);
  });

  test('earliest picks the first day, or nothing', () => {
    expect(earliest(['2027-05-01', '2027-03-01', '2027-04-01'])).toBe('2027-03-01');
    expect(earliest([])).toBeUndefined();
  });
});
