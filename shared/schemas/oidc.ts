// Signing in through an OpenID Connect provider: the municipality's own identity provider for
// staff and partners, a broker (DigiD) for residents. Shared by the server (validation of the
// environment and the admin API) and the client (login buttons, admin page, messages).
import { z } from 'zod';
import { FUNCTIES } from '../roles';
import { Id, Text, Timestamp } from './common';

/**
 * DigiD's levels of assurance as the NL GOV OIDC profile passes them in `acr`, from low to high
 * (Basis, Midden, Substantieel, Hoog). Residents need at least Substantieel.
 */
export const DIGID_ACR = {
  basis: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  midden: 'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract',
  substantieel: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard',
  hoog: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
} as const;
export const DIGID_LEVELS: readonly string[] = [DIGID_ACR.basis, DIGID_ACR.midden, DIGID_ACR.substantieel, DIGID_ACR.hoog];

/** eIDAS levels, which brokers and staff providers also use. */
export const EIDAS_ACR = {
  low: 'http://eidas.europa.eu/LoA/low',
  substantial: 'http://eidas.europa.eu/LoA/substantial',
  high: 'http://eidas.europa.eu/LoA/high',
} as const;

/** `amr` values (RFC 8176) that mean a second factor was used. */
export const DEFAULT_MFA_AMR = ['mfa', 'otp', 'hwk', 'swk', 'sms', 'fpt', 'face', 'iris', 'sc', 'tel'];

export const PROVIDER_KINDS = ['medewerkers', 'inwoners'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  medewerkers: 'Medewerkers en partners (eigen identiteitsprovider)',
  inwoners: 'Inwoners (DigiD via een broker)',
};

const ClaimName = z.string().trim().min(1).max(100);
const AcrValue = z.string().trim().min(1).max(300);

/** A minimum for one functie ('*': everyone who signs in through this provider). */
export const AssuranceRule = z
  .strictObject({
    functie: z.enum([...FUNCTIES, '*']),
    /** The lowest acceptable `acr`, one of the provider's acrLevels. */
    minAcr: AcrValue.optional(),
    /** `amr` must contain one of mfaAmr. */
    mfa: z.boolean().optional(),
  })
  .refine((r) => r.minAcr !== undefined || r.mfa === true, { message: 'Geef een minimaal niveau (minAcr) of mfa: true op.' })
  .meta({ id: 'AssuranceRule' });
export type AssuranceRule = z.infer<typeof AssuranceRule>;

const providerFields = {
  /** Our own name for the provider: it appears in its URLs (callback, back-channel logout). */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Gebruik kleine letters, cijfers en streepjes (hoogstens 40 tekens).'),
  /** The button reads "Inloggen met {name}". */
  name: Text(80),
  kind: z.enum(PROVIDER_KINDS),
  issuer: z.url().max(500),
  clientId: z.string().trim().min(1).max(300),
  /** Space-separated; must contain openid. */
  scopes: z
    .string()
    .trim()
    .max(500)
    .refine((s) => s.split(/\s+/).includes('openid'), 'De scopes moeten openid bevatten.')
    .optional(),
  /** Which claim carries what. The subject claim is the stable key of an identity (a pseudonym for residents). */
  claims: z
    .strictObject({
      subject: ClaimName.optional(),
      email: ClaimName.optional(),
      name: ClaimName.optional(),
      groups: ClaimName.optional(),
      organisation: ClaimName.optional(),
    })
    .optional(),
  /** The organisation written on accounts made at first login when no claim carries it. */
  organisation: Text(120).optional(),
  /** Sent as acr_values in the authorisation request (space-separated). */
  acrValues: z.string().trim().max(1000).optional(),
  /** The provider's acr values from low to high, to compare against a minimum. */
  acrLevels: z.array(AcrValue).max(20).optional(),
  assurance: z.array(AssuranceRule).max(40).optional(),
  /** amr values that count as a second factor. */
  mfaAmr: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
  /** A group that maps to no functie: make the account and let the administrator set the functie, or refuse. */
  unknownGroup: z.enum(['pending', 'refuse']).optional(),
  /** Make an account at first login (staff providers only; residents are always matched to an existing account). */
  jit: z.boolean().optional(),
  /**
   * What a resident provider's subject is: a pseudonym (the default), or a BSN the broker
   * encrypted for us (allowed to be stored as is). A plain BSN is always refused.
   */
  residentIdentifier: z.enum(['pseudonym', 'encrypted_bsn']).optional(),
};

/** Plain http only for a provider on this machine (a local try-out, the tests). */
export function isLoopbackUrl(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

function checkProvider(p: { kind: ProviderKind; issuer: string; acrLevels?: string[]; assurance?: AssuranceRule[]; jit?: boolean }, ctx: z.RefinementCtx) {
  const issuer = URL.canParse(p.issuer) ? new URL(p.issuer) : null;
  if (issuer && issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopbackUrl(issuer))) {
    ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'De issuer moet https gebruiken (http alleen voor een provider op deze machine).' });
  }
  const levels = p.acrLevels ?? (p.kind === 'inwoners' ? DIGID_LEVELS : []);
  for (const [i, rule] of (p.assurance ?? []).entries()) {
    if (rule.minAcr !== undefined && !levels.includes(rule.minAcr)) {
      ctx.addIssue({ code: 'custom', path: ['assurance', i, 'minAcr'], message: 'Dit niveau staat niet in acrLevels van deze provider.' });
    }
  }
  if (p.kind === 'inwoners') {
    if (p.jit === true) ctx.addIssue({ code: 'custom', path: ['jit'], message: 'Inwoners krijgen nooit automatisch een account: ze worden aan hun huishouden gekoppeld.' });
    if (p.assurance && !p.assurance.some((r) => r.functie === '*' && r.minAcr !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['assurance'], message: 'Een inwonersprovider eist altijd een minimaal niveau voor iedereen (DigiD Substantieel of het equivalent van de broker).' });
    }
  }
}

/** A provider's settings without its secret: what is stored and shown. */
export const OidcProviderSettings = z.strictObject(providerFields).superRefine(checkProvider).meta({ id: 'OidcProviderSettings' });
export type OidcProviderSettings = z.infer<typeof OidcProviderSettings>;

/** One entry of OIDC_PROVIDERS (environment): the settings, the secret (or a file holding it) and default group mappings. */
export const OidcProviderFromEnv = z
  .strictObject({
    ...providerFields,
    clientSecret: z.string().min(1).max(1000).optional(),
    clientSecretFile: z.string().min(1).optional(),
    groupFuncties: z.record(z.string().min(1).max(200), z.enum(FUNCTIES)).optional(),
  })
  .superRefine(checkProvider)
  .refine((p) => (p.clientSecret === undefined) !== (p.clientSecretFile === undefined), { message: 'Geef clientSecret of clientSecretFile op (precies één).' });
export type OidcProviderFromEnv = z.infer<typeof OidcProviderFromEnv>;

export const CreateOidcProviderRequest = z
  .strictObject({ ...providerFields, clientSecret: z.string().min(1).max(1000) })
  .superRefine(checkProvider)
  .meta({ id: 'CreateOidcProviderRequest' });
export type CreateOidcProviderRequest = z.infer<typeof CreateOidcProviderRequest>;

/** Changing a provider: the same fields; leave clientSecret out to keep the stored one. */
export const UpdateOidcProviderRequest = z
  .strictObject({ ...providerFields, clientSecret: z.string().min(1).max(1000).optional() })
  .superRefine(checkProvider)
  .meta({ id: 'UpdateOidcProviderRequest' });
export type UpdateOidcProviderRequest = z.infer<typeof UpdateOidcProviderRequest>;

export const OidcProviderView = z
  .object({
    settings: OidcProviderSettings,
    /** 'omgeving': from OIDC_PROVIDERS, read-only here; 'beheer': kept by the functional administrator. */
    source: z.enum(['omgeving', 'beheer']),
    /** What the provider's administrator registers for this client. */
    redirectUri: z.string(),
    postLogoutRedirectUri: z.string(),
    backchannelLogoutUri: z.string(),
  })
  .meta({ id: 'OidcProviderView' });
export type OidcProviderView = z.infer<typeof OidcProviderView>;

export const PASSWORD_LOGIN_MODES = ['on', 'break_glass_only'] as const;
export type PasswordLoginMode = (typeof PASSWORD_LOGIN_MODES)[number];

/** What the login page needs before anyone is signed in. */
export const LoginOptions = z
  .object({
    providers: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(PROVIDER_KINDS) })),
    passwordLogin: z.enum(PASSWORD_LOGIN_MODES),
  })
  .meta({ id: 'LoginOptions' });
export type LoginOptions = z.infer<typeof LoginOptions>;

export const LogoutResponse = z
  .object({
    /** Where the browser goes next to end the session at the provider too (RP-initiated logout); null after a password login. */
    providerLogoutUrl: z.string().nullable(),
  })
  .meta({ id: 'LogoutResponse' });
export type LogoutResponse = z.infer<typeof LogoutResponse>;

export const GroupMapping = z
  .object({ providerId: z.string(), group: z.string(), functie: z.enum(FUNCTIES), source: z.enum(['omgeving', 'beheer']) })
  .meta({ id: 'GroupMapping' });
export type GroupMapping = z.infer<typeof GroupMapping>;

export const SetGroupMappingRequest = z
  .strictObject({ group: z.string().trim().min(1).max(200), functie: z.enum(FUNCTIES) })
  .meta({ id: 'SetGroupMappingRequest' });
export type SetGroupMappingRequest = z.infer<typeof SetGroupMappingRequest>;

export const LINK_REQUEST_KINDS = ['email', 'inwoner'] as const;
export const LinkRequestView = z
  .object({
    id: Id,
    providerId: z.string(),
    providerName: z.string(),
    /** 'email': an existing account has the provider's verified e-mail address; 'inwoner': an unknown resident pseudonym. */
    kind: z.enum(LINK_REQUEST_KINDS),
    email: z.string().nullable(),
    name: z.string().nullable(),
    /** A short fingerprint of the identifier at the provider, never the identifier itself. */
    subjectFingerprint: z.string(),
    targetUser: z.object({ id: Id, name: z.string(), email: z.string() }).nullable(),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
  })
  .meta({ id: 'LinkRequestView' });
export type LinkRequestView = z.infer<typeof LinkRequestView>;

/** Approving a link: for a resident the administrator names the account; for an e-mail match it is fixed. */
export const ApproveLinkRequest = z.strictObject({ userId: Id.optional() }).meta({ id: 'ApproveLinkRequest' });
export type ApproveLinkRequest = z.infer<typeof ApproveLinkRequest>;

export const IdentityView = z
  .object({ providerId: z.string(), providerName: z.string(), subjectFingerprint: z.string(), linkedAt: Timestamp, how: z.enum(['jit', 'goedgekeurd']) })
  .meta({ id: 'IdentityView' });
export type IdentityView = z.infer<typeof IdentityView>;

export const AuthSettings = z
  .object({
    passwordLogin: z.enum(PASSWORD_LOGIN_MODES),
    /** The one administrator account that may still sign in with a password when it is switched off. */
    breakGlassUserId: Id.nullable(),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'AuthSettings' });
export type AuthSettings = z.infer<typeof AuthSettings>;

export const SetAuthSettingsRequest = z
  .strictObject({ passwordLogin: z.enum(PASSWORD_LOGIN_MODES), breakGlassUserId: Id.nullable() })
  .refine((s) => s.passwordLogin === 'on' || s.breakGlassUserId !== null, {
    message: 'Kies het noodaccount (een functioneel beheerder) dat met een wachtwoord blijft inloggen.',
    path: ['breakGlassUserId'],
  })
  .meta({ id: 'SetAuthSettingsRequest' });
export type SetAuthSettingsRequest = z.infer<typeof SetAuthSettingsRequest>;

export const SetFunctieRequest = z.strictObject({ functie: z.enum(FUNCTIES) }).meta({ id: 'SetFunctieRequest' });
export type SetFunctieRequest = z.infer<typeof SetFunctieRequest>;

/**
 * Why a sign-in through a provider did not end in a session. The callback sends the browser to
 * `/?sso_fout=<code>`; the login page shows the Dutch text. Codes only: nothing from the
 * provider's answer is ever reflected into the page.
 */
export const SSO_ERRORS = {
  VERLOPEN: 'Het inloggen duurde te lang of is in een ander tabblad opnieuw begonnen. Probeer het opnieuw.',
  GEWEIGERD_DOOR_PROVIDER: 'De inlogdienst heeft het inloggen geweigerd of afgebroken. Is uw account daar nog actief? Probeer het opnieuw of neem contact op met uw ICT-afdeling.',
  ONGELDIG_ANTWOORD: 'Het antwoord van de inlogdienst kon niet worden gecontroleerd (ongeldig, vervalst of verlopen). U bent niet ingelogd. Probeer het opnieuw.',
  PROVIDER_ONBEREIKBAAR: 'De inlogdienst is nu niet bereikbaar. Probeer het later opnieuw of log in met uw wachtwoord als dat voor u aan staat.',
  NIVEAU_TE_LAAG: 'U bent ingelogd op een te laag betrouwbaarheidsniveau voor uw functie. Log opnieuw in met een sterkere inlogmethode.',
  MFA_VERPLICHT: 'Voor uw functie is inloggen met een tweede factor (bijvoorbeeld een authenticator-app) verplicht. Log opnieuw in met een tweede factor.',
  NIVEAU_INWONER_TE_LAAG:
    'Voor Casustafel is DigiD op niveau Substantieel of hoger nodig, bijvoorbeeld de DigiD app met ID-check. Inloggen met alleen gebruikersnaam en wachtwoord of sms is niet genoeg.',
  GROEP_ONBEKEND: 'Uw groep bij de inlogdienst hoort bij geen enkele functie in Casustafel. Vraag de functioneel beheerder om u toegang te geven.',
  KOPPELING_NODIG:
    'Er bestaat al een Casustafel-account met uw e-mailadres. De functioneel beheerder moet de koppeling met uw organisatie-account eerst goedkeuren; probeer het daarna opnieuw.',
  INWONER_ONBEKEND:
    'Uw DigiD is nog niet gekoppeld aan uw gezin in Casustafel. Neem contact op met uw regisseur; de functioneel beheerder maakt de koppeling.',
  GEEN_EMAIL: 'De inlogdienst gaf geen bevestigd e-mailadres door, dus er kan geen account worden aangemaakt. Neem contact op met de functioneel beheerder.',
  ACCOUNT_GEDEACTIVEERD: 'Uw Casustafel-account is gedeactiveerd. Neem contact op met de functioneel beheerder.',
  BSN_ONTVANGEN: 'De inlogdienst gaf een BSN door in plaats van een pseudoniem. Casustafel slaat geen BSN op; het inloggen is geweigerd. Meld dit aan de functioneel beheerder.',
  VERKEERDE_DIENST: 'Dit account hoort bij een andere manier van inloggen. Kies de juiste knop op de inlogpagina.',
  GEEN_ACCOUNT: 'Er is voor u nog geen Casustafel-account. Vraag de functioneel beheerder er een aan te maken.',
} as const;
export type SsoErrorCode = keyof typeof SSO_ERRORS;
