// What a provider's settings mean once their defaults are filled in, and the checks on what a
// provider says about a sign-in: the level of assurance, the groups, the identifier.
import type { Functie } from '../../../shared/roles';
import { type AssuranceRule, DEFAULT_MFA_AMR, DIGID_ACR, DIGID_LEVELS, type OidcProviderSettings, type SsoErrorCode } from '../../../shared/schemas/oidc';

export interface EffectiveSettings extends OidcProviderSettings {
  scopes: string;
  claims: { subject: string; email: string; name: string; groups: string; organisation?: string };
  acrLevels: string[];
  assurance: AssuranceRule[];
  mfaAmr: string[];
  unknownGroup: 'pending' | 'refuse';
  jit: boolean;
  residentIdentifier: 'pseudonym' | 'encrypted_bsn';
}

/** Residents: DigiD Substantieel unless the broker's own scale is configured. */
export function effectiveSettings(s: OidcProviderSettings): EffectiveSettings {
  const resident = s.kind === 'inwoners';
  const assurance = s.assurance ?? (resident ? [{ functie: '*' as const, minAcr: DIGID_ACR.substantieel }] : []);
  const residentMinimum = assurance.find((r) => r.functie === '*')?.minAcr;
  return {
    ...s,
    scopes: s.scopes ?? (resident ? 'openid' : 'openid email profile'),
    claims: { subject: 'sub', email: 'email', name: 'name', groups: 'groups', ...s.claims },
    acrLevels: s.acrLevels ?? (resident ? [...DIGID_LEVELS] : []),
    assurance,
    acrValues: s.acrValues ?? (resident ? residentMinimum : undefined),
    mfaAmr: s.mfaAmr ?? DEFAULT_MFA_AMR,
    unknownGroup: s.unknownGroup ?? 'pending',
    jit: resident ? false : (s.jit ?? true),
    residentIdentifier: s.residentIdentifier ?? 'pseudonym',
  };
}

export interface Refusal {
  /** For the audit trail (English, stable). */
  reason: string;
  /** For the person (shared/schemas/oidc.ts SSO_ERRORS). */
  code: SsoErrorCode;
}

/**
 * Checks acr and amr against the rules for everyone ('*') and for this functie. `functie` is
 * null for an account whose functie is still to be set: then only the rules for everyone count.
 */
export function checkAssurance(s: EffectiveSettings, functie: Functie | null, acr: string | undefined, amr: string[]): Refusal | null {
  const rules = s.assurance.filter((r) => r.functie === '*' || r.functie === functie);
  const tooLow: SsoErrorCode = s.kind === 'inwoners' ? 'NIVEAU_INWONER_TE_LAAG' : 'NIVEAU_TE_LAAG';
  for (const rule of rules) {
    if (rule.minAcr !== undefined) {
      if (acr === undefined) return { reason: 'acr_missing', code: tooLow };
      const have = s.acrLevels.indexOf(acr);
      if (have < 0) return { reason: 'acr_unknown', code: tooLow };
      if (have < s.acrLevels.indexOf(rule.minAcr)) return { reason: 'acr_too_low', code: tooLow };
    }
    if (rule.mfa && !amr.some((m) => s.mfaAmr.includes(m))) return { reason: 'mfa_missing', code: 'MFA_VERPLICHT' };
  }
  return null;
}

/** The functie the groups claim points at through the table, or why not. */
export function functieFromGroups(groups: string[], table: ReadonlyMap<string, Functie>): { functie: Functie } | { reason: 'unknown_group' | 'ambiguous_groups' } {
  const found = new Set(groups.map((g) => table.get(g)).filter((f): f is Functie => f !== undefined));
  if (found.size === 1) return { functie: [...found][0]! };
  return { reason: found.size === 0 ? 'unknown_group' : 'ambiguous_groups' };
}

/** A group claim is an array of strings or one string (some providers send a single role). */
export function groupsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * A plain BSN (nine digits passing the elfproef), possibly behind a prefix such as
 * "s00000000:". Casustafel never stores one; an encrypted BSN does not look like this.
 */
export function isPlainBsn(value: string): boolean {
  const digits = value.split(':').pop() ?? '';
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}
