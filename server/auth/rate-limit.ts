// Failed logins are counted per account and per IP address in a sliding window. Only
// failures count, so a whole municipal office behind one NAT address can still log in.
// The counters live in memory: they reset on restart and are per process.

const MAX_KEYS = 100_000;

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxPerAccount: number,
    private readonly maxPerIp: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(account: string, ip: string): number {
    return Math.max(this.blockedFor(`a:${account}`, this.maxPerAccount), this.blockedFor(`i:${ip}`, this.maxPerIp));
  }

  recordFailure(account: string, ip: string): void {
    this.push(`a:${account}`);
    this.push(`i:${ip}`);
  }

  private readonly blockedNoted = new Map<string, number>();

  /**
   * True for the first refused attempt per account and IP per minute: enough for the audit
   * trail to show the attack, without letting an attacker grow the trail without limit.
   */
  noteBlocked(account: string, ip: string): boolean {
    const key = `${account}\0${ip}`;
    const last = this.blockedNoted.get(key);
    if (last !== undefined && this.now() - last < 60_000) return false;
    this.blockedNoted.set(key, this.now());
    if (this.blockedNoted.size > MAX_KEYS) this.blockedNoted.delete(this.blockedNoted.keys().next().value!);
    return true;
  }

  recordSuccess(account: string): void {
    this.failures.delete(`a:${account}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  private blockedFor(key: string, max: number): number {
    const list = this.recent(key);
    if (list.length < max) return 0;
    const oldestThatCounts = list[list.length - max]!;
    return Math.max(1, (oldestThatCounts + this.windowMs - this.now()) / 1000);
  }

  private push(key: string): void {
    const list = this.recent(key);
    list.push(this.now());
    this.failures.set(key, list);
    if (this.failures.size > MAX_KEYS) {
      // Drop the oldest key (Map keeps insertion order) so an attacker cannot exhaust memory.
      const first = this.failures.keys().next().value;
      if (first !== undefined) this.failures.delete(first);
    }
  }
}
