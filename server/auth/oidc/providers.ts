// The providers people can sign in with: those from the environment (OIDC_PROVIDERS, read-only
// here) and those the functional administrator keeps in the database. Discovery happens on first
// use and is cached per provider, so a provider that is down does not stop the server starting.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as client from 'openid-client';
import type { Db } from '../../../db/client';
import { findStoredProvider, listGroupFuncties, listStoredProviders } from '../../../db/queries/identity';
import type { Functie } from '../../../shared/roles';
import { isLoopbackUrl, type OidcProviderFromEnv, OidcProviderSettings } from '../../../shared/schemas/oidc';
import { effectiveSettings, type EffectiveSettings } from './assurance';
import type { SecretBox } from './secret-box';

export interface ActiveProvider {
  settings: EffectiveSettings;
  /** As configured, before defaults: what the admin page shows and edits. */
  raw: OidcProviderSettings;
  source: 'omgeving' | 'beheer';
  clientSecret: string;
  /** Group → functie from the environment; the administrator's table overrides these. */
  groupDefaults: Record<string, Functie>;
}

export const secretLabel = (providerId: string) => `client-secret:${providerId}`;

/** HTTP calls to a provider wait at most this long: a sign-in should fail clearly, not hang. */
const PROVIDER_TIMEOUT_SECONDS = 10;

export class ProviderRegistry {
  private readonly fromEnv: ActiveProvider[];
  private readonly configurations = new Map<string, { version: string; config: Promise<client.Configuration> }>();

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    envProviders: OidcProviderFromEnv[],
  ) {
    this.fromEnv = envProviders.map((p) => {
      const { clientSecret, clientSecretFile, groupFuncties, ...raw } = p;
      const secret = clientSecret ?? readFileSync(clientSecretFile!, 'utf8').trim();
      return { settings: effectiveSettings(raw), raw, source: 'omgeving', clientSecret: secret, groupDefaults: groupFuncties ?? {} };
    });
  }

  envIds(): Set<string> {
    return new Set(this.fromEnv.map((p) => p.settings.id));
  }

  async list(): Promise<ActiveProvider[]> {
    const stored = (await listStoredProviders(this.db))
      .map((row) => this.fromRow(row))
      .filter((p): p is ActiveProvider => p !== null);
    return [...this.fromEnv, ...stored.filter((p) => !this.envIds().has(p.settings.id))];
  }

  async get(id: string): Promise<ActiveProvider | null> {
    const env = this.fromEnv.find((p) => p.settings.id === id);
    if (env) return env;
    const row = await findStoredProvider(this.db, id);
    return row ? this.fromRow(row) : null;
  }

  private fromRow(row: { id: string; settings: string; clientSecretSealed: string }): ActiveProvider | null {
    const parsed = OidcProviderSettings.safeParse(JSON.parse(row.settings));
    const secret = this.box.open(secretLabel(row.id), row.clientSecretSealed);
    if (!parsed.success || secret === null) {
      // Unreadable (a different server key, or edited by hand): leave the provider out, say so without the value.
      console.error(`[oidc] provider ${row.id} in de database is onleesbaar en wordt overgeslagen`);
      return null;
    }
    return { settings: effectiveSettings(parsed.data), raw: parsed.data, source: 'beheer', clientSecret: secret, groupDefaults: {} };
  }

  /** The group → functie table for one provider: the environment's defaults, overridden by the administrator's rows. */
  async groupTable(p: ActiveProvider): Promise<Map<string, Functie>> {
    const table = new Map(Object.entries(p.groupDefaults));
    for (const row of await listGroupFuncties(this.db, p.settings.id)) table.set(row.groupName, row.functie);
    return table;
  }

  /** The discovered configuration, made once per provider version; a failed discovery is retried next time. */
  configuration(p: ActiveProvider): Promise<client.Configuration> {
    const version = createHash('sha256').update(JSON.stringify(p.settings)).update('\0').update(p.clientSecret).digest('hex');
    const cached = this.configurations.get(p.settings.id);
    if (cached && cached.version === version) return cached.config;
    const issuer = new URL(p.settings.issuer);
    const config = client
      .discovery(issuer, p.settings.clientId, p.clientSecret, client.ClientSecretBasic(p.clientSecret), {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // The ID token's signature is checked against the provider's keys, not only trusted for
        // arriving over TLS (openid-client's default). Plain http only for a provider on this machine.
        execute: [client.enableNonRepudiationChecks, ...(issuer.protocol === 'http:' && isLoopbackUrl(issuer) ? [client.allowInsecureRequests] : [])],
      })
      .then((c) => {
        c.timeout = PROVIDER_TIMEOUT_SECONDS;
        return c;
      });
    config.catch(() => {
      if (this.configurations.get(p.settings.id)?.config === config) this.configurations.delete(p.settings.id);
    });
    this.configurations.set(p.settings.id, { version, config });
    return config;
  }

  forget(id: string): void {
    this.configurations.delete(id);
  }
}
