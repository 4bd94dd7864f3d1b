// Configuration comes from the environment only, and is checked once at boot so a typo
// fails loudly instead of running with a surprise default.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { OidcProviderFromEnv } from '../shared/schemas/oidc';

const bool = z.enum(['true', 'false', '1', '0', 'on', 'off']).transform((v) => ['true', '1', 'on'].includes(v));

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('./data/casustafel.db'),
  /** postgres://user:password@host:5432/database selects PostgreSQL instead of the SQLite file at DATABASE_PATH. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//i, 'DATABASE_URL moet met postgres:// beginnen')
    .optional(),
  /** PostgreSQL: connections per server process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** NORMAL survives a crash or kill -9 of the server; FULL also a power cut, with an fsync per stored edit (see db/client.ts). */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** Load the fictional demo households into an empty database. Switch off in production. */
  DEMO_DATA: bool.default(true),
  DEMO_PASSWORD: z.string().min(12).default('Casustafel-demo-2026'),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  SESSION_MAX_HOURS: z.coerce.number().positive().default(12),
  /** Set to true behind HTTPS so the session cookie is never sent in the clear. */
  COOKIE_SECURE: bool.default(false),
  /** The origin browsers use (e.g. https://casustafel.gemeente.nl) when behind a proxy. */
  PUBLIC_ORIGIN: z.url().optional(),
  /** Take the client IP from X-Forwarded-For (only behind a proxy you control). */
  TRUST_PROXY: bool.default(false),
  /** Wrong passwords per account+address before each further attempt waits (1 s, 2 s, 4 s, …). */
  LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: z.coerce.number().int().positive().default(5),
  /** Wrong passwords per account from any address before the delays start. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  LOGIN_DELAY_SECONDS: z.coerce.number().positive().default(1),
  LOGIN_MAX_DELAY_MINUTES: z.coerce.number().positive().default(15),
  /** How long a failed login counts. */
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  CLIENT_DIST: z.string().default('./dist/client'),
  /** How long an empty collaboration room stays in memory before it is unloaded. */
  COLLAB_UNLOAD_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  /** Fold a room's stored updates into a snapshot after this many. */
  COLLAB_COMPACT_EVERY: z.coerce.number().int().positive().default(500),
  /** How often each socket is pinged and its session re-checked. */
  COLLAB_PING_MS: z.coerce.number().int().positive().default(30_000),
  // The change feed (GET /api/feed): a comment line this often keeps proxies from closing an
  // idle stream and re-checks the session behind it; open streams per session and in total.
  // Over HTTP/1.1 a browser keeps at most 6 connections per host, shared by all its tabs: at
  // most 4 of them go to streams, so the tabs' own requests still get through.
  FEED_HEARTBEAT_MS: z.coerce.number().int().positive().default(25_000),
  FEED_MAX_STREAMS_PER_SESSION: z.coerce.number().int().positive().default(4),
  FEED_MAX_STREAMS: z.coerce.number().int().positive().default(2000),
  LOG_REQUESTS: bool.default(false),
  /**
   * The key of the audit trail's hash chain (at least 32 characters), or a file holding it.
   * Keep it outside the database and its backups. Required with DEMO_DATA=off; a try-out
   * makes one beside the database (see server/audit/key.ts).
   */
  AUDIT_KEY: z.string().min(32, 'minstens 32 tekens').optional(),
  AUDIT_KEY_FILE: z.string().min(1).optional(),
  /** Where the head of the audit trail is written, outside the database; default beside it. */
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().positive().default(60),
  /**
   * Identity providers for signing in (OpenID Connect), as a JSON array (see README), or a file
   * holding that array. More can be added by the functional administrator.
   */
  OIDC_PROVIDERS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'geen geldige JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.array(OidcProviderFromEnv))
    .optional(),
  OIDC_PROVIDERS_FILE: z.string().min(1).optional(),
  /** How often a session made through a provider is re-checked there (a token refresh): a deactivated account ends. */
  OIDC_RECHECK_MINUTES: z.coerce.number().positive().default(10),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const picked = Object.fromEntries(Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Ongeldige configuratie:\n${lines.join('\n')}`);
  }
  const config = { ...parsed.data, ...overrides };
  if (config.OIDC_PROVIDERS_FILE && !config.OIDC_PROVIDERS) config.OIDC_PROVIDERS = providersFromFile(config.OIDC_PROVIDERS_FILE);
  const ids = (config.OIDC_PROVIDERS ?? []).map((p) => p.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`Ongeldige configuratie:\n  OIDC_PROVIDERS: de id ${twice} komt twee keer voor`);
  return config;
}

function providersFromFile(path: string): Config['OIDC_PROVIDERS'] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`Ongeldige configuratie:\n  OIDC_PROVIDERS_FILE: ${path} is niet te lezen`);
  }
  const parsed = ConfigSchema.shape.OIDC_PROVIDERS.safeParse(text);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  OIDC_PROVIDERS_FILE ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Ongeldige configuratie:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
