// The municipality's own catalogue, maintained by the functional administrator: local articles
// (append-only versions, rules in validity.ts) and who answers for which law. Every write runs in
// one transaction with its audit row. Permission (catalogue.manage) is checked by the routes.
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client';
import { commit } from '../domain/commit';
import { authorizeGlobal } from '../auth/authorize';
import {
  findLocalArticle,
  findSuccessor,
  insertLocalArticle,
  lawResponsibleRoles,
  type LocalArticleRow,
  listLocalArticles,
  listLocalArticlesWithAuthor,
  setLawResponsibility,
} from '../../db/queries/catalogue';
import { CATALOGUE_VERSION, DEVIATION_ROUTES, LAW_KEYS, LAWS, type LawKey } from '../../shared/laws';
import {
  type AddLocalArticleRequest,
  type Catalogue,
  citationKeyOf,
  type EndLocalArticleRequest,
  type LawResponsibility,
  type LocalArticle,
  type LocalArticleRecord,
  type ReplaceLocalArticleRequest,
  type ResponsibleRole,
} from '../../shared/schemas';
import type { Actor, Services } from '../context';
import { formatDayNl, todayNl } from '../dates';
import { ApiError, Errors } from '../http/errors';
import { changeOf, effectiveOn, statusOn, successors } from './validity';

// ---------------------------------------------------------------- views

export function toLocalArticle(r: LocalArticleRow): LocalArticle {
  return {
    id: r.id,
    law: r.law,
    kind: r.kind,
    source: r.source,
    ref: r.ref,
    title: r.title,
    body: r.body,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    replacesId: r.replacesId,
    citationKey: citationKeyOf.lokaal(r.id),
  };
}

/** Same regulation together, then article numbers in natural order (2.8 before 2.10). */
const byRef = (a: LocalArticleRow, b: LocalArticleRow) => a.source.localeCompare(b.source, 'nl') || a.ref.localeCompare(b.ref, 'nl', { numeric: true });

/** The whole catalogue as it applies on `date`: built-in laws, this municipality's settings and articles. */
export async function catalogueOn(db: Db, date: string): Promise<Catalogue> {
  const roles = await lawResponsibleRoles(db);
  const local = effectiveOn(await listLocalArticles(db), date);
  return {
    version: CATALOGUE_VERSION,
    date,
    routes: DEVIATION_ROUTES.map((r) => ({ key: r.key, label: r.label })),
    laws: LAWS.map((l) => ({
      key: l.key,
      name: l.name,
      purpose: l.purpose,
      responsibleRole: roles[l.key],
      articles: l.articles.map((a) => ({ ref: a.ref, title: a.title, citationKey: citationKeyOf.wet(l.key, a.ref) })),
      local: local
        .filter((a) => a.law === l.key)
        .sort(byRef)
        .map(toLocalArticle),
    })),
  };
}

/**
 * Every version of every local article, for the administrator: per law (catalogue order), per
 * article (first recorded first), and within an article oldest version first.
 */
export async function listArticleRecords(db: Db, today = todayNl()): Promise<LocalArticleRecord[]> {
  const rows = await listLocalArticlesWithAuthor(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const next = successors(rows);
  const firstVersions = rows.filter((r) => !r.replacesId || !byId.has(r.replacesId)).sort((a, b) => LAW_KEYS.indexOf(a.law) - LAW_KEYS.indexOf(b.law));
  const out: LocalArticleRecord[] = [];
  for (const first of firstVersions) {
    // Walk the chain; bounded by the number of rows, in case of a damaged chain.
    for (let v: typeof first | undefined = first, n = 0; v && n <= rows.length; v = next.get(v.id), n++) {
      const successor = next.get(v.id);
      const status = statusOn(v, successor, today);
      out.push({
        ...toLocalArticle(v),
        chainId: first.id,
        change: changeOf(v, v.replacesId ? byId.get(v.replacesId) : undefined),
        status,
        current: status === 'geldend',
        replacedBy: successor ? { id: successor.id, validFrom: successor.validFrom } : null,
        createdBy: { id: v.createdBy, name: v.createdByName },
        createdAt: v.createdAt,
      });
    }
  }
  return out;
}

async function recordOf(db: Db, id: string): Promise<LocalArticleRecord> {
  const found = (await listArticleRecords(db)).find((r) => r.id === id);
  if (!found) throw Errors.internal();
  return found;
}

// ---------------------------------------------------------------- writes

const notFound = () => new ApiError(404, 'ARTIKEL_NIET_GEVONDEN', 'Dit artikel staat niet in de catalogus.');

/** The version to replace or end: it must exist and not have been replaced already. */
async function latestVersion(tx: Tx, id: string): Promise<LocalArticleRow> {
  const row = await findLocalArticle(tx, id);
  if (!row) throw notFound();
  const successor = await findSuccessor(tx, id);
  if (successor) {
    throw Errors.conflict('AL_VERVANGEN', `Deze versie is al vervangen (per ${formatDayNl(successor.validFrom)}). Vervang of beëindig de nieuwste versie.`);
  }
  return row;
}

/** The catalogue is configuration: only the functional administrator keeps it. */
const requireAdmin = (actor: Actor) => authorizeGlobal(actor, 'catalogue.manage', 'Alleen de functioneel beheerder beheert de wettencatalogus.');

/** Every version of every local article, for the administrator's page. */
export async function articleRecords(services: Services, actor: Actor): Promise<LocalArticleRecord[]> {
  requireAdmin(actor);
  return await listArticleRecords(services.db);
}

export async function addLocalArticle(services: Services, actor: Actor, input: z.output<typeof AddLocalArticleRequest>): Promise<LocalArticleRecord> {
  requireAdmin(actor);
  const row = await commit(services, actor, async ({ tx, audit }) => {
    const r = await insertLocalArticle(tx, { ...input, validUntil: input.validUntil ?? null, replacesId: null, createdBy: actor.user.id });
    await audit({ action: 'catalogue.article_added', detail: { articleId: r.id, law: r.law, kind: r.kind, ref: r.ref, validFrom: r.validFrom, validUntil: r.validUntil } });
    return r;
  });
  return await recordOf(services.db, row.id);
}

export async function replaceLocalArticle(services: Services, actor: Actor, id: string, input: z.output<typeof ReplaceLocalArticleRequest>): Promise<LocalArticleRecord> {
  requireAdmin(actor);
  const row = await commit(services, actor, async ({ tx, audit }) => {
    const old = await latestVersion(tx, id);
    if (input.validFrom <= old.validFrom) {
      throw Errors.unprocessable('INGANG_NIET_NA_VORIGE', `Een nieuwe tekst gaat in na de ingangsdatum van de versie die hij vervangt (${formatDayNl(old.validFrom)}).`);
    }
    const r = await insertLocalArticle(tx, {
      law: old.law,
      kind: input.kind ?? old.kind,
      source: input.source ?? old.source,
      ref: input.ref ?? old.ref,
      title: input.title ?? old.title,
      body: input.body,
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? null,
      replacesId: old.id,
      createdBy: actor.user.id,
    });
    await audit({ action: 'catalogue.article_replaced', detail: { articleId: r.id, replacesId: old.id, law: r.law, ref: r.ref, validFrom: r.validFrom, validUntil: r.validUntil } });
    return r;
  });
  return await recordOf(services.db, row.id);
}

/** Ends an article: the same wording recorded again with an end date, taking over from the same validFrom (validity.ts). */
export async function endLocalArticle(services: Services, actor: Actor, id: string, input: EndLocalArticleRequest): Promise<LocalArticleRecord> {
  requireAdmin(actor);
  const row = await commit(services, actor, async ({ tx, audit }) => {
    const old = await latestVersion(tx, id);
    if (input.validUntil < old.validFrom) {
      throw Errors.unprocessable('EINDE_VOOR_INGANG', `De einddatum ligt vóór de ingangsdatum van deze versie (${formatDayNl(old.validFrom)}).`);
    }
    if (input.validUntil === old.validUntil) throw Errors.unprocessable('NIETS_GEWIJZIGD', `Deze versie eindigt al op ${formatDayNl(old.validUntil)}.`);
    const { id: _id, createdAt: _at, createdBy: _by, ...wording } = old;
    const r = await insertLocalArticle(tx, { ...wording, validUntil: input.validUntil, replacesId: old.id, createdBy: actor.user.id });
    await audit({ action: 'catalogue.article_ended', detail: { articleId: r.id, replacesId: old.id, law: r.law, ref: r.ref, validUntil: r.validUntil, previousValidUntil: old.validUntil } });
    return r;
  });
  return await recordOf(services.db, row.id);
}

export async function setResponsibility(services: Services, actor: Actor, law: LawKey, caseRole: ResponsibleRole | null): Promise<LawResponsibility> {
  requireAdmin(actor);
  await commit(services, actor, async ({ tx, audit }) => {
    const previous = (await lawResponsibleRoles(tx))[law];
    await setLawResponsibility(tx, { law, caseRole, updatedBy: actor.user.id });
    await audit({ action: 'catalogue.responsibility_set', detail: { law, caseRole, previous } });
  });
  return { law, caseRole };
}

