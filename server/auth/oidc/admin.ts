// What the functional administrator decides about signing in: providers, the group → functie
// table, links between identities and accounts, the functie of accounts made at first sign-in,
// and the password-login switch. Each change and its audit row commit together.
import { appendAudit } from '../../../db/queries/audit';
import { commit } from '../../domain/commit';
import {
  deleteGroupFunctie,
  deleteIdentity,
  deleteLinkRequest,
  deleteStoredProvider,
  findIdentity,
  findLinkRequest,
  findStoredProvider,
  identitiesOfUser,
  insertIdentity,
  listGroupFuncties,
  listLinkRequests,
  oidcSessionIdsFor,
  oidcSessionIdsOfProvider,
  passwordSessionIds,
  readAuthSettings,
  setGroupFunctie,
  setUserFunctie,
  upsertStoredProvider,
  writeAuthSettings,
} from '../../../db/queries/identity';
import { findUserById, type UserRow } from '../../../db/queries/users';
import type { Functie } from '../../../shared/roles';
import type {
  AuthSettings,
  CreateOidcProviderRequest,
  GroupMapping,
  IdentityView,
  LinkRequestView,
  OidcProviderView,
  SetAuthSettingsRequest,
  UpdateOidcProviderRequest,
} from '../../../shared/schemas/oidc';
import type { Actor, Services } from '../../context';
import { Errors } from '../../http/errors';
import { NO_PASSWORD } from '../passwords';
import { endSessions } from '../session-end';
import { callbackPath, fingerprint } from './login';
import { type ActiveProvider, secretLabel } from './providers';
import { POST_LOGOUT_PATH } from './service';

type Deps = Pick<Services, 'db' | 'events' | 'oidc'>;

export function providerView(p: ActiveProvider, origin: string): OidcProviderView {
  return {
    settings: p.raw,
    source: p.source,
    redirectUri: origin + callbackPath(p.settings.id),
    postLogoutRedirectUri: origin + POST_LOGOUT_PATH,
    backchannelLogoutUri: `${origin}/api/auth/oidc/${p.settings.id}/backchannel-logout`,
  };
}

export async function saveProvider(deps: Deps, actor: Actor, input: CreateOidcProviderRequest | UpdateOidcProviderRequest, mode: 'create' | 'update'): Promise<void> {
  const { oidc } = deps;
  if (oidc.registry.envIds().has(input.id)) throw Errors.conflict('PROVIDER_UIT_OMGEVING', 'Deze inlogdienst staat in de configuratie (OIDC_PROVIDERS) en is hier niet te wijzigen.');
  const { clientSecret, ...settings } = input;
  await commit(deps, actor, async ({ tx, audit }) => {
    const existing = await findStoredProvider(tx, input.id);
    if (mode === 'create' && existing) throw Errors.conflict('PROVIDER_BESTAAT', 'Er is al een inlogdienst met deze id.');
    if (mode === 'update' && !existing) throw Errors.notFound('Deze inlogdienst bestaat niet.');
    const sealed = clientSecret !== undefined ? oidc.box.seal(secretLabel(input.id), clientSecret) : existing!.clientSecretSealed;
    await upsertStoredProvider(tx, { id: input.id, settings: JSON.stringify(settings), clientSecretSealed: sealed, by: actor.user.id });
    // The settings, never the secret: only whether it changed.
    await audit({ action: 'oidc.provider_set', detail: { provider: input.id, mode, secretChanged: clientSecret !== undefined, settings } });
  });
  oidc.registry.forget(input.id);
}

/** Removing a provider ends the sessions made through it: it can no longer log them out. */
export async function removeProvider(deps: Deps, actor: Actor, id: string): Promise<void> {
  const { oidc, db } = deps;
  if (oidc.registry.envIds().has(id)) throw Errors.conflict('PROVIDER_UIT_OMGEVING', 'Deze inlogdienst staat in de configuratie (OIDC_PROVIDERS) en is hier niet te verwijderen.');
  if (!await findStoredProvider(db, id)) throw Errors.notFound('Deze inlogdienst bestaat niet.');
  const sessionIds = await oidcSessionIdsOfProvider(db, id);
  await commit(deps, actor, async ({ tx }) => await deleteStoredProvider(tx, id));
  await endSessions(deps, sessionIds, { action: 'oidc.provider_removed', actorUserId: actor.user.id, ip: actor.ip, detail: { provider: id, sessionsEnded: sessionIds.length } });
  oidc.registry.forget(id);
}

export async function groupMappings(deps: Deps): Promise<GroupMapping[]> {
  const rows: GroupMapping[] = [];
  const stored = await listGroupFuncties(deps.db);
  for (const p of (await deps.oidc.registry.list())) {
    const own = stored.filter((r) => r.providerId === p.settings.id);
    for (const [group, functie] of Object.entries(p.groupDefaults)) {
      if (!own.some((r) => r.groupName === group)) rows.push({ providerId: p.settings.id, group, functie, source: 'omgeving' });
    }
    for (const r of own) rows.push({ providerId: r.providerId, group: r.groupName, functie: r.functie, source: 'beheer' });
  }
  return rows;
}

async function providerOr404(deps: Deps, id: string): Promise<ActiveProvider> {
  const p = (await deps.oidc.registry.get(id));
  if (!p) throw Errors.notFound('Deze inlogdienst bestaat niet.');
  return p;
}

export async function putGroupMapping(deps: Deps, actor: Actor, providerId: string, group: string, functie: Functie): Promise<void> {
  const provider = await providerOr404(deps, providerId);
  if (provider.settings.kind === 'inwoners' || functie === 'inwoner') {
    throw Errors.unprocessable('GEEN_INWONERGROEP', 'Inwoners krijgen hun toegang via hun huishouden, niet via een groep.');
  }
  await commit(deps, actor, async ({ tx, audit }) => {
    await setGroupFunctie(tx, { providerId, group, functie, by: actor.user.id });
    await audit({ action: 'oidc.group_functie_set', detail: { provider: providerId, group, functie } });
  });
}

export async function removeGroupMapping(deps: Deps, actor: Actor, providerId: string, group: string): Promise<void> {
  await providerOr404(deps, providerId);
  await commit(deps, actor, async ({ tx, audit }) => {
    if (!await deleteGroupFunctie(tx, providerId, group)) throw Errors.notFound('Deze groep staat niet in de tabel van de beheerder.');
    await audit({ action: 'oidc.group_functie_removed', detail: { provider: providerId, group } });
  });
}

export async function linkRequests(deps: Deps): Promise<LinkRequestView[]> {
  const names = new Map((await deps.oidc.registry.list()).map((p) => [p.settings.id, p.settings.name]));
  return (await listLinkRequests(deps.db)).map(({ request: r, target }) => ({
    id: r.id,
    providerId: r.providerId,
    providerName: names.get(r.providerId) ?? r.providerId,
    kind: r.kind,
    email: r.email,
    name: r.name,
    subjectFingerprint: fingerprint(r.subject),
    targetUser: target?.id ? { id: target.id, name: target.name, email: target.email } : null,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
  }));
}

/**
 * The administrator agrees: this identity is that account. For an e-mail match the account is
 * the one with that address; for a resident the administrator names the household member's
 * (inwoner) account, having checked who it is outside Casustafel.
 */
export async function approveLink(deps: Deps, actor: Actor, requestId: string, userId: string | undefined): Promise<UserRow> {
  return await commit(deps, actor, async ({ tx, audit }) => {
    const request = await findLinkRequest(tx, requestId);
    if (!request) throw Errors.notFound('Dit koppelverzoek bestaat niet (meer).');
    const targetId = request.kind === 'email' ? request.targetUserId : userId;
    if (!targetId) throw Errors.unprocessable('ACCOUNT_KIEZEN', 'Kies het account van de inwoner waaraan deze DigiD-login gekoppeld wordt.');
    if (request.kind === 'email' && userId !== undefined && userId !== targetId) {
      throw Errors.unprocessable('ANDER_ACCOUNT', 'Een koppeling op e-mailadres gaat altijd naar het account met dat e-mailadres.');
    }
    const target = await findUserById(tx, targetId);
    if (!target) throw Errors.notFound('Dit account bestaat niet.');
    if ((request.kind === 'inwoner') !== (target.functie === 'inwoner')) {
      throw Errors.unprocessable('VERKEERD_ACCOUNT', request.kind === 'inwoner' ? 'Een DigiD-login hoort bij het account van een inwoner.' : 'Een medewerker wordt niet aan een inwonersaccount gekoppeld.');
    }
    if (await findIdentity(tx, request.providerId, request.subject)) throw Errors.conflict('AL_GEKOPPELD', 'Deze identiteit is al gekoppeld.');
    await insertIdentity(tx, { providerId: request.providerId, subject: request.subject, userId: target.id, linkedBy: actor.user.id });
    await deleteLinkRequest(tx, request.id);
    await appendAudit(tx, {
      action: 'oidc.link_approved',
      actorUserId: actor.user.id,
      ip: actor.ip,
      detail: { provider: request.providerId, requestId, kind: request.kind, userId: target.id, subject: fingerprint(request.subject) },
    });
    return target;
  });
}

export async function rejectLink(deps: Deps, actor: Actor, requestId: string): Promise<void> {
  await commit(deps, actor, async ({ tx, audit }) => {
    const request = await findLinkRequest(tx, requestId);
    if (!request) throw Errors.notFound('Dit koppelverzoek bestaat niet (meer).');
    await deleteLinkRequest(tx, request.id);
    await audit({ action: 'oidc.link_rejected', detail: { provider: request.providerId, requestId, kind: request.kind } });
  });
}

export async function identitiesOf(deps: Deps, userId: string): Promise<IdentityView[]> {
  if (!await findUserById(deps.db, userId)) throw Errors.notFound('Dit account bestaat niet.');
  const names = new Map((await deps.oidc.registry.list()).map((p) => [p.settings.id, p.settings.name]));
  return (await identitiesOfUser(deps.db, userId)).map((i) => ({
    providerId: i.providerId,
    providerName: names.get(i.providerId) ?? i.providerId,
    subjectFingerprint: fingerprint(i.subject),
    linkedAt: i.linkedAt,
    how: i.linkedBy ? 'goedgekeurd' : 'jit',
  }));
}

/** Unlinking ends the sessions made with those identities. */
export async function unlinkIdentities(deps: Deps, actor: Actor, userId: string, providerId: string): Promise<void> {
  const identities = (await identitiesOfUser(deps.db, userId)).filter((i) => i.providerId === providerId);
  if (identities.length === 0) throw Errors.notFound('Dit account is niet gekoppeld aan deze inlogdienst.');
  const sessionIds = (await Promise.all(identities.map(async (i) => await oidcSessionIdsFor(deps.db, providerId, { subject: i.subject })))).flat();
  await commit(deps, actor, async ({ tx }) => {
    for (const i of identities) await deleteIdentity(tx, providerId, i.subject);
  });
  await endSessions(deps, sessionIds, { action: 'oidc.identity_removed', actorUserId: actor.user.id, ip: actor.ip, detail: { provider: providerId, userId, count: identities.length } });
}

/** The functie of an account made at first sign-in; a functie once set is not changed here. */
export async function setFunctieOnce(deps: Deps, actor: Actor, userId: string, functie: Functie): Promise<UserRow> {
  return await commit(deps, actor, async ({ tx, audit }) => {
    const user = await findUserById(tx, userId);
    if (!user) throw Errors.notFound('Dit account bestaat niet.');
    if (!user.functiePending) throw Errors.conflict('FUNCTIE_AL_INGESTELD', 'De functie van dit account is al ingesteld.');
    if (functie === 'inwoner') throw Errors.unprocessable('GEEN_INWONER', 'Een inwoner logt in met DigiD en wordt aan het huishouden gekoppeld.');
    await setUserFunctie(tx, userId, functie);
    await audit({ action: 'user.functie_set', detail: { userId, functie } });
    return (await findUserById(tx, userId))!;
  });
}

export async function authSettings(deps: Deps): Promise<AuthSettings> {
  const s = await readAuthSettings(deps.db);
  return { passwordLogin: s?.passwordLogin ?? 'on', breakGlassUserId: s?.breakGlassUserId ?? null, updatedAt: s?.updatedAt ?? null };
}

/**
 * Switching password login off ends every password session except the break-glass account's
 * (the acting administrator's own included, unless that is the break-glass account).
 */
export async function setAuthSettings(deps: Deps, actor: Actor, input: SetAuthSettingsRequest): Promise<AuthSettings> {
  const breakGlass = input.breakGlassUserId ? await findUserById(deps.db, input.breakGlassUserId) : null;
  if (input.breakGlassUserId && (!breakGlass || breakGlass.functie !== 'functioneel_beheerder' || !breakGlass.active || breakGlass.passwordHash === NO_PASSWORD)) {
    throw Errors.unprocessable('GEEN_NOODACCOUNT', 'Het noodaccount moet een actieve functioneel beheerder met een wachtwoord zijn.');
  }
  const ending = input.passwordLogin === 'break_glass_only' ? await passwordSessionIds(deps.db, input.breakGlassUserId) : [];
  await commit(deps, actor, async ({ tx }) => await writeAuthSettings(tx, { ...input, by: actor.user.id }));
  await endSessions(
    deps,
    ending.map((s) => s.id),
    { action: 'auth.settings_set', actorUserId: actor.user.id, ip: actor.ip, detail: { passwordLogin: input.passwordLogin, breakGlassUserId: input.breakGlassUserId, passwordSessionsEnded: ending.length } },
  );
  return await authSettings(deps);
}
