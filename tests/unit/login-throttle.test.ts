// The growing delays of the login throttle, on a clock the test moves.
import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from '../../server/auth/rate-limit';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function throttle(overrides: Partial<ConstructorParameters<typeof LoginRateLimiter>[0]> = {}) {
  let t = 1_000_000;
  const limiter = new LoginRateLimiter(
    { freePerAccountAddress: 3, freePerAccount: 10, baseDelayMs: SECOND, maxDelayMs: 15 * MINUTE, windowMs: 60 * MINUTE, ...overrides },
    () => t,
  );
  return { limiter, advance: (ms: number) => (t += ms) };
}

describe('login throttle', () => {
  it('lets the allowance through, then doubles the wait with each failure up to the maximum', () => {
    const { limiter, advance } = throttle();
    const waits: number[] = [];
    for (let i = 0; i < 16; i++) {
      const wait = limiter.retryAfter('a@x.nl', '10.0.0.1');
      waits.push(wait);
      advance(wait * SECOND);
      limiter.recordFailure('a@x.nl', '10.0.0.1');
    }
    waits.push(limiter.retryAfter('a@x.nl', '10.0.0.1'));
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900]);
  });

  it('never holds up another account behind the same address', () => {
    const { limiter } = throttle();
    for (let i = 0; i < 30; i++) limiter.recordFailure('aangevallen@x.nl', '10.0.0.1');
    expect(limiter.retryAfter('aangevallen@x.nl', '10.0.0.1')).toBeGreaterThan(0);
    expect(limiter.retryAfter('collega@x.nl', '10.0.0.1')).toBe(0);
  });

  it('counts an account over all addresses with its own allowance', () => {
    const { limiter } = throttle();
    for (let i = 0; i < 10; i++) limiter.recordFailure('a@x.nl', `10.0.0.${i}`);
    expect(limiter.retryAfter('a@x.nl', '10.0.0.0')).toBe(1);
    expect(limiter.retryAfter('a@x.nl', '192.0.2.1')).toBe(1);
    expect(limiter.retryAfter('b@x.nl', '10.0.0.0')).toBe(0);
  });

  it('forgets a count after a quiet window (not while failures keep coming), and a success clears the account at once', () => {
    const { limiter, advance } = throttle({ windowMs: 10 * MINUTE });
    for (let i = 0; i < 5; i++) limiter.recordFailure('a@x.nl', '10.0.0.1');
    expect(limiter.retryAfter('a@x.nl', '10.0.0.1')).toBe(4);
    // A failure every 9 minutes keeps the count alive far beyond the window.
    for (let i = 0; i < 5; i++) {
      advance(9 * MINUTE);
      limiter.recordFailure('a@x.nl', '10.0.0.1');
    }
    expect(limiter.retryAfter('a@x.nl', '10.0.0.1')).toBe(128);
    advance(10 * MINUTE + 1);
    expect(limiter.retryAfter('a@x.nl', '10.0.0.1')).toBe(0);
    for (let i = 0; i < 5; i++) limiter.recordFailure('a@x.nl', '10.0.0.1');
    limiter.recordSuccess('A@x.nl ', '10.0.0.1');
    expect(limiter.retryAfter('a@x.nl', '10.0.0.1')).toBe(0);
  });

  it('notes a blocked attempt once per account and address per minute', () => {
    const { limiter, advance } = throttle();
    expect(limiter.noteBlocked('a@x.nl', '10.0.0.1')).toBe(true);
    expect(limiter.noteBlocked('a@x.nl', '10.0.0.1')).toBe(false);
    expect(limiter.noteBlocked('a@x.nl', '10.0.0.2')).toBe(true);
    advance(MINUTE);
    expect(limiter.noteBlocked('a@x.nl', '10.0.0.1')).toBe(true);
  });
});
