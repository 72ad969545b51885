import { describe, expect, it } from 'vitest';
import { today } from './today';

describe('today', () => {
  const check = (local: Date, expected: string) => expect(today(local)).toBe(expected);

  it('is the local calendar date, also in the first minutes after midnight', () => {
    check(new Date(2026, 11, 3, 0, 30), '2026-12-03');
    check(new Date(2026, 11, 3, 23, 59), '2026-12-03');
    check(new Date(2027, 0, 1, 0, 0), '2027-01-01');
    check(new Date(2028, 1, 29, 12, 0), '2028-02-29');
  });
});
