// The law catalogue as the API serves it: the built-in laws (shared/laws.ts) plus the
// municipality's own articles (verordening, hardheidsclausule, beleidsregel), and the
// citations a conclusion rests on. Pure helpers for citation keys live here too, because
// the client builds the same keys when someone cites an article in the reverse test.
import { z } from 'zod';
import { DEVIATION_ROUTES, LAW_KEYS, type LawKey } from '../laws';
import { CASE_ROLES, type CaseRole } from '../roles';
import { Id, IsoDate, Text, Timestamp, UserRef } from './common';

// ---------------------------------------------------------------- vocabulary

export const LOCAL_ARTICLE_KINDS = ['verordening', 'hardheidsclausule', 'beleidsregel'] as const;
export type LocalArticleKind = (typeof LOCAL_ARTICLE_KINDS)[number];

export const LOCAL_ARTICLE_KIND_LABELS: Record<LocalArticleKind, string> = {
  verordening: 'Artikel uit een verordening',
  hardheidsclausule: 'Hardheidsclausule',
  beleidsregel: 'Beleidsregel',
};

export const CITATION_KINDS = ['wet', ...LOCAL_ARTICLE_KINDS] as const;
export type CitationKind = (typeof CITATION_KINDS)[number];

/** Case roles that can never give a law's verdict: outsiders, the household, and the mandate holder who decides afterwards. */
const NOT_RESPONSIBLE = ['extern_partner', 'inwoner', 'mandaathouder'] as const;
export type ResponsibleRole = Exclude<CaseRole, (typeof NOT_RESPONSIBLE)[number]>;
export const RESPONSIBLE_ROLES = CASE_ROLES.filter((r): r is ResponsibleRole => !(NOT_RESPONSIBLE as readonly string[]).includes(r)) as [ResponsibleRole, ...ResponsibleRole[]];

/**
 * Where a local article stands today, derived from its dates and its successor:
 * - geldend: in effect today;
 * - toekomstig: in effect from a later date;
 * - vervangen: a newer version (new wording or an end date) has taken over;
 * - vervallen: its end date (validUntil) has passed.
 */
export const LOCAL_ARTICLE_STATUSES = ['geldend', 'toekomstig', 'vervangen', 'vervallen'] as const;
export type LocalArticleStatus = (typeof LOCAL_ARTICLE_STATUSES)[number];
export const LOCAL_ARTICLE_STATUS_LABELS: Record<LocalArticleStatus, string> = {
  geldend: 'Geldend',
  toekomstig: 'Nog niet in werking',
  vervangen: 'Vervangen',
  vervallen: 'Vervallen',
};

/** How a row came about: a new article, a new wording of one, or the same wording with an end date. */
export const LOCAL_ARTICLE_CHANGES = ['toegevoegd', 'nieuwe_tekst', 'einddatum'] as const;
export type LocalArticleChange = (typeof LOCAL_ARTICLE_CHANGES)[number];

// ---------------------------------------------------------------- citation keys

/**
 * The key by which a conclusion cites an article: `wet:<lawKey>:<ref>` for a built-in article,
 * `lokaal:<id>` for one exact version of a local article (so a later wording never changes
 * what a decision rested on).
 */
export const citationKeyOf = {
  wet: (law: LawKey, ref: string) => `wet:${law}:${ref}`,
  lokaal: (localArticleId: string) => `lokaal:${localArticleId}`,
};

export type ParsedCitationKey = { type: 'wet'; law: LawKey; ref: string } | { type: 'lokaal'; id: string };

/** Splits a citation key; null when it is not one. Refs may contain colons (Awb 3:4), law keys never do. */
export function parseCitationKey(key: string): ParsedCitationKey | null {
  if (key.startsWith('lokaal:')) {
    const id = key.slice('lokaal:'.length);
    return id ? { type: 'lokaal', id } : null;
  }
  const m = /^wet:([^:]+):(.+)$/s.exec(key);
  if (!m) return null;
  const law = m[1] as LawKey;
  return (LAW_KEYS as readonly string[]).includes(law) ? { type: 'wet', law, ref: m[2]! } : null;
}

// ---------------------------------------------------------------- reading

export const LocalArticle = z
  .object({
    id: Id,
    law: z.enum(LAW_KEYS),
    kind: z.enum(LOCAL_ARTICLE_KINDS),
    /** The regulation's name, e.g. "Verordening maatschappelijke ondersteuning Gemeente Voorbeeld 2025". */
    source: z.string(),
    ref: z.string(),
    title: z.string(),
    body: z.string(),
    validFrom: z.string(),
    validUntil: z.string().nullable(),
    /** The version this one took over from; null for a new article. */
    replacesId: Id.nullable(),
    citationKey: z.string(),
  })
  .meta({ id: 'LocalArticle' });
export type LocalArticle = z.infer<typeof LocalArticle>;

/** One row of the administrator's list: a version with its history and who recorded it. */
export const LocalArticleRecord = LocalArticle.extend({
  /** The id of the first version: all versions of one article share it. */
  chainId: Id,
  change: z.enum(LOCAL_ARTICLE_CHANGES),
  status: z.enum(LOCAL_ARTICLE_STATUSES),
  /** In effect today (status geldend). */
  current: z.boolean(),
  replacedBy: z.object({ id: Id, validFrom: z.string() }).nullable(),
  createdBy: UserRef,
  createdAt: Timestamp,
}).meta({ id: 'LocalArticleRecord' });
export type LocalArticleRecord = z.infer<typeof LocalArticleRecord>;

export const CatalogueLaw = z
  .object({
    key: z.enum(LAW_KEYS),
    name: z.string(),
    purpose: z.string(),
    /** Who gives this law's verdict here: the municipality's setting, else the catalogue default. */
    responsibleRole: z.enum(CASE_ROLES).nullable(),
    articles: z.array(z.object({ ref: z.string(), title: z.string(), citationKey: z.string() })),
    /** The municipality's own articles in effect on the requested date. */
    local: z.array(LocalArticle),
  })
  .meta({ id: 'CatalogueLaw' });
export type CatalogueLaw = z.infer<typeof CatalogueLaw>;

const ROUTE_KEYS = DEVIATION_ROUTES.map((r) => r.key) as [(typeof DEVIATION_ROUTES)[number]['key'], ...(typeof DEVIATION_ROUTES)[number]['key'][]];

export const Catalogue = z
  .object({
    version: z.string(),
    date: z.string(),
    routes: z.array(z.object({ key: z.enum(ROUTE_KEYS), label: z.string() })),
    laws: z.array(CatalogueLaw),
  })
  .meta({ id: 'Catalogue' });
export type Catalogue = z.infer<typeof Catalogue>;

export const CatalogueQuery = z.object({
  date: IsoDate.optional().meta({ param: { name: 'date', in: 'query' }, description: 'JJJJ-MM-DD; standaard vandaag (Nederlandse tijd)' }),
});

/** What a conclusion cites, copied into the conclusion as it was at that moment. */
export const Citation = z
  .object({
    key: z.string(),
    law: z.enum(LAW_KEYS),
    ref: z.string(),
    title: z.string(),
    /** The law's name for a built-in article, the regulation's name for a local one. */
    source: z.string(),
    kind: z.enum(CITATION_KINDS),
    /** The wording of a local article; null for built-in articles (the catalogue has no texts). */
    body: z.string().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    /** CATALOGUE_VERSION for a built-in article; null for a local one (its id is the version). */
    catalogueVersion: z.string().nullable(),
  })
  .meta({ id: 'Citation' });
export type Citation = z.infer<typeof Citation>;

// ---------------------------------------------------------------- writing

const untilAfterFrom = (d: { validFrom: string; validUntil?: string | null | undefined }) => !d.validUntil || d.validUntil >= d.validFrom;
const UNTIL_BEFORE_FROM = { message: 'De einddatum ligt vóór de ingangsdatum.', path: ['validUntil'] };

const wording = {
  kind: z.enum(LOCAL_ARTICLE_KINDS),
  source: Text(200),
  ref: Text(60),
  title: Text(200),
  body: Text(20000),
};

export const AddLocalArticleRequest = z
  .strictObject({ law: z.enum(LAW_KEYS), ...wording, validFrom: IsoDate, validUntil: IsoDate.nullable().optional() })
  .refine(untilAfterFrom, UNTIL_BEFORE_FROM)
  .meta({ id: 'AddLocalArticleRequest' });
export type AddLocalArticleRequest = z.input<typeof AddLocalArticleRequest>;

/** A new wording from `validFrom` on. Kind, source, ref and title default to those of the version it replaces. */
export const ReplaceLocalArticleRequest = z
  .strictObject({
    kind: wording.kind.optional(),
    source: wording.source.optional(),
    ref: wording.ref.optional(),
    title: wording.title.optional(),
    body: wording.body,
    validFrom: IsoDate,
    validUntil: IsoDate.nullable().optional(),
  })
  .refine(untilAfterFrom, UNTIL_BEFORE_FROM)
  .meta({ id: 'ReplaceLocalArticleRequest' });
export type ReplaceLocalArticleRequest = z.input<typeof ReplaceLocalArticleRequest>;

/** Ending an article: the same wording, recorded again with this end date. */
export const EndLocalArticleRequest = z.strictObject({ validUntil: IsoDate }).meta({ id: 'EndLocalArticleRequest' });
export type EndLocalArticleRequest = z.input<typeof EndLocalArticleRequest>;

export const SetLawResponsibilityRequest = z
  .strictObject({ caseRole: z.enum(RESPONSIBLE_ROLES).nullable() })
  .meta({ id: 'SetLawResponsibilityRequest' });
export type SetLawResponsibilityRequest = z.input<typeof SetLawResponsibilityRequest>;

export const LawResponsibility = z
  .object({ law: z.enum(LAW_KEYS), caseRole: z.enum(CASE_ROLES).nullable() })
  .meta({ id: 'LawResponsibility' });
export type LawResponsibility = z.infer<typeof LawResponsibility>;
