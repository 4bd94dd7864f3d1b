// Everything the collaboration server keeps per room and per connection has a bound, so that
// one member (hostile or broken) can never grow the server's memory, its database or its
// work without limit. The numbers sit far above what our own client does (one document and
// one presence per tab, a keystroke at a time) and far below what hurts the server.

/** Distinct Yjs client ids in the structs of one update. Our client sends one. */
export const MAX_CLIENTS_PER_UPDATE = 32;
/**
 * Client ids one session may own (or have marked diverged) in one room. Each page load is a
 * new document with a new id; past the bound a writer's oldest ids are released (its own old
 * tabs only), while a session that cannot write has no business with so many and is refused.
 */
export const MAX_CLIENTS_PER_SESSION = 64;
/** Client ids remembered per room, owners and diverged marks each; ended sessions are pruned first. */
export const MAX_CLIENTS_PER_ROOM = 2048;

/** Presence (awareness) entries one connection may hold. Our client holds one. */
export const MAX_PRESENCE_PER_CONNECTION = 4;
/** Bytes of one presence state as sent; our client's (colour and caret) is a few hundred. */
export const MAX_PRESENCE_STATE_BYTES = 2048;

/** A client that does not read what it is sent is disconnected before it eats the server's memory. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Inbound rate per connection: a burst, then a steady rate (token buckets). */
export const RATE = {
  messages: { burst: 500, perSecond: 150 },
  bytes: { burst: 8 * 1024 * 1024, perSecond: 2 * 1024 * 1024 },
};

/** A token bucket: `burst` tokens, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `n` tokens; false (taking none) when there are not enough. */
  take(n = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
export const isHexColor = (v: unknown): v is string => typeof v === 'string' && HEX_COLOR.test(v);

const isUint = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function yId(v: unknown): { client: number; clock: number } | null | undefined {
  if (v === null) return null;
  if (isPlainObject(v) && isUint(v.client) && isUint(v.clock)) return { client: v.client, clock: v.clock };
  return undefined;
}

/** A Y.RelativePosition as JSON (what the editor's caret plugin puts in presence), or undefined. */
function relativePosition(v: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(v)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of ['type', 'item'] as const) {
    if (!(key in v)) continue;
    const id = yId(v[key]);
    if (id === undefined) return undefined;
    out[key] = id;
  }
  if ('tname' in v) {
    if (v.tname !== null && (typeof v.tname !== 'string' || v.tname.length > 100)) return undefined;
    out.tname = v.tname;
  }
  if ('assoc' in v) {
    if (typeof v.assoc !== 'number' || !Number.isInteger(v.assoc) || Math.abs(v.assoc) > 0x7fffffff) return undefined;
    out.assoc = v.assoc;
  }
  return out;
}

/**
 * What a presence state may hold: the fields our client sets, nothing else. `user` keeps only
 * a colour (the server writes name, role and rights from the session); `cursor` is the
 * editor's caret ({ anchor, head } relative positions, or null); `focus` the vraagstuk open on
 * someone's screen ({ vraagstukId }, or null). Returns the state to keep as
 * JSON text, or null to drop the entry. Throws on text that is not JSON (a bad message).
 */
/** A vraagstuk id as the server makes them (a UUID); anything else is not a focus. */
const FOCUS_ID = /^[0-9a-f-]{36}$/;

export function sanitizePresence(raw: string): string | null {
  if (Buffer.byteLength(raw, 'utf8') > MAX_PRESENCE_STATE_BYTES) return null;
  const parsed: unknown = JSON.parse(raw);
  // null is how a client says it left.
  if (parsed === null) return 'null';
  if (!isPlainObject(parsed)) return null;
  const out: Record<string, unknown> = {};
  if (isPlainObject(parsed.user)) out.user = isHexColor(parsed.user.color) ? { color: parsed.user.color } : {};
  if (parsed.cursor === null) out.cursor = null;
  else if (isPlainObject(parsed.cursor)) {
    const anchor = relativePosition(parsed.cursor.anchor);
    const head = relativePosition(parsed.cursor.head);
    if (anchor && head) out.cursor = { anchor, head };
  }
  // Which vraagstuk someone has open, for "volg de voorzitter" (client/src/vraagstukken/chairFocus.ts).
  if (parsed.focus === null) out.focus = null;
  else if (isPlainObject(parsed.focus) && typeof parsed.focus.vraagstukId === 'string' && FOCUS_ID.test(parsed.focus.vraagstukId)) {
    out.focus = { vraagstukId: parsed.focus.vraagstukId };
  }
  return JSON.stringify(out);
}
