// Failed logins slow down the account that is attacked, not the office it is attacked from.
//
// Counting per IP address alone punished the wrong people: a municipality's staff share one
// NAT address, so 30 wrong passwords on one account locked every colleague out. Failures are
// therefore counted twice, per account+address and per account (from anywhere), and each count
// earns a delay that doubles with every failure past its allowance:
// - per account+address the allowance is small: one attacker at one address is slowed at once;
// - per account it is larger, so that an attack spread over many addresses still slows down,
//   while the owner of the account, who mistypes a few times, hardly notices.
// Another account behind the same address is never affected. A count is forgotten once its key
// has been quiet (no failure) for the window, so a slow attacker never gets faster again.
// The counters live in memory: per process, reset on restart.

const MAX_KEYS = 100_000;

export interface LoginThrottleOptions {
  /** Failures per account+address before delays start. */
  freePerAccountAddress: number;
  /** Failures per account, from any address, before delays start. */
  freePerAccount: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a key must stay free of failures before its count is forgotten. */
  windowMs: number;
}

export class LoginRateLimiter {
  /** Failures per key; a Map keeps insertion order, re-inserted on each failure, so the quietest key goes first when full. */
  private readonly failures = new Map<string, { count: number; last: number }>();
  private readonly blockedNoted = new Map<string, number>();

  constructor(
    private readonly options: LoginThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(account: string, ip: string): number {
    const o = this.options;
    const ms = Math.max(this.waitMs(pairKey(account, ip), o.freePerAccountAddress), this.waitMs(accountKey(account), o.freePerAccount));
    return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0;
  }

  recordFailure(account: string, ip: string): void {
    this.push(pairKey(account, ip));
    this.push(accountKey(account));
  }

  /** The right password from an address proves the owner: both counts of the account start over. */
  recordSuccess(account: string, ip: string): void {
    this.failures.delete(pairKey(account, ip));
    this.failures.delete(accountKey(account));
  }

  /**
   * True for the first refused attempt per account and address per minute: enough for the
   * audit trail to show the attack, without letting an attacker grow the trail without limit.
   */
  noteBlocked(account: string, ip: string): boolean {
    const key = pairKey(account, ip);
    const last = this.blockedNoted.get(key);
    if (last !== undefined && this.now() - last < 60_000) return false;
    this.blockedNoted.delete(key);
    this.blockedNoted.set(key, this.now());
    if (this.blockedNoted.size > MAX_KEYS) this.blockedNoted.delete(this.blockedNoted.keys().next().value!);
    return true;
  }

  /** The delay after the n-th failure: none within the allowance, then base, 2×base, 4×base, … up to the maximum. */
  delayAfter(failures: number, free: number): number {
    if (failures < free) return 0;
    const { baseDelayMs, maxDelayMs } = this.options;
    // 2^30 already exceeds any sensible maximum; the cap keeps the power finite.
    return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(30, failures - free));
  }

  private current(key: string): { count: number; last: number } | undefined {
    const entry = this.failures.get(key);
    if (entry && this.now() - entry.last > this.options.windowMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private waitMs(key: string, free: number): number {
    const entry = this.current(key);
    if (!entry) return 0;
    return Math.max(0, entry.last + this.delayAfter(entry.count, free) - this.now());
  }

  private push(key: string): void {
    const count = (this.current(key)?.count ?? 0) + 1;
    this.failures.delete(key);
    this.failures.set(key, { count, last: this.now() });
    if (this.failures.size > MAX_KEYS) {
      // Drop the quietest key so an attacker cannot exhaust memory.
      const first = this.failures.keys().next().value;
      if (first !== undefined) this.failures.delete(first);
    }
  }
}

const accountKey = (account: string) => `a:${account.trim().toLowerCase()}`;
const pairKey = (account: string, ip: string) => `p:${account.trim().toLowerCase()}\0${ip}`;
