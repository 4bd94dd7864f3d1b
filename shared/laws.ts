// The law catalogue: one module, used by server and client. Purposes (bedoeling) and the
// articles that usually matter come from domain.md; municipalities add their own verordening
// articles, hardship clauses and policy rules next to these (server/catalogue/, kept by the
// functional administrator, with effective dates). Who is responsible for a law at the table, and which
// mandate level may approve what, is configuration: these are the defaults.
import type { CaseRole } from './roles';

/**
 * The edition of the built-in catalogue below. A conclusion stores it with every article it
 * cites, so a later edit of this file cannot change what a decision rested on.
 */
export const CATALOGUE_VERSION = '2026-11';

export const LAW_KEYS = ['wmo', 'jeugdwet', 'participatiewet', 'wgs', 'inburgering', 'awb'] as const;
export type LawKey = (typeof LAW_KEYS)[number];

export interface LawArticle {
  ref: string;
  title: string;
}

export interface Law {
  key: LawKey;
  name: string;
  purpose: string;
  articles: LawArticle[];
  /** The case role that gives this law's verdict by default; null for cross-cutting law. */
  responsibleRole: CaseRole | null;
}

export const LAWS: readonly Law[] = [
  {
    key: 'wmo',
    name: 'Wmo 2015',
    purpose:
      'Zelfredzaamheid en participatie van mensen met een beperking of chronische psychische of psychosociale problemen, zo veel mogelijk in de eigen leefomgeving. Sociale samenhang, mantelzorg, veiligheid, beschermd wonen en opvang (art. 1.1.1).',
    articles: [
      { ref: '1.1.1', title: 'Begripsbepalingen en doel' },
      { ref: '2.3.2', title: 'Onderzoek na melding' },
      { ref: '2.3.5', title: 'Maatwerkvoorziening' },
    ],
    responsibleRole: 'consulent_wmo',
  },
  {
    key: 'jeugdwet',
    name: 'Jeugdwet',
    purpose:
      'Kinderen groeien gezond en veilig op, ontwikkelen hun talenten en doen mee. Preventie, normaliseren, eigen verantwoordelijkheid van ouders, veiligheid van het kind; één gezin, één plan, één regisseur (art. 2.1).',
    articles: [
      { ref: '2.1', title: 'Doelen van het gemeentelijk beleid' },
      { ref: '2.3', title: 'Voorziening op het gebied van jeugdhulp' },
      { ref: '7.3.8', title: 'Bewaartermijn dossier' },
    ],
    responsibleRole: 'consulent_jeugd',
  },
  {
    key: 'participatiewet',
    name: 'Participatiewet',
    purpose:
      'Een financieel vangnet, en zo veel mogelijk mensen, met of zonder arbeidsbeperking, aan het werk en meedoen in de samenleving.',
    articles: [
      { ref: '3', title: 'Gezamenlijke huishouding' },
      { ref: '7', title: 'Opdracht aan het college' },
      { ref: '15', title: 'Voorliggende voorziening' },
      { ref: '16', title: 'Zeer dringende redenen' },
      { ref: '18 lid 1', title: 'Afstemming van de bijstand op de omstandigheden' },
      { ref: '18a', title: 'Bestuurlijke boete' },
      { ref: '22a', title: 'Kostendelersnorm' },
      { ref: '35', title: 'Bijzondere bijstand' },
      { ref: '58', title: 'Terugvordering' },
    ],
    responsibleRole: 'klantmanager_pw',
  },
  {
    key: 'wgs',
    name: 'Wet gemeentelijke schuldhulpverlening',
    purpose: 'Integrale schuldhulpverlening en voorkomen dat mensen schulden aangaan die zij niet kunnen betalen. Vroegsignalering van betalingsachterstanden.',
    articles: [
      { ref: '2', title: 'Beleidsplan' },
      { ref: '3', title: 'Toegang tot schuldhulpverlening' },
    ],
    responsibleRole: 'schuldhulpverlener',
  },
  {
    key: 'inburgering',
    name: 'Wet inburgering 2021',
    purpose: 'Nieuwkomers leren snel Nederlands en doen mee via werk. Statushouders de eerste zes maanden ontzorgen.',
    articles: [],
    responsibleRole: 'consulent_inburgering',
  },
  {
    key: 'awb',
    name: 'Algemene wet bestuursrecht',
    purpose: 'Behoorlijk bestuur (geldt voor alle besluiten).',
    articles: [
      { ref: '3:4 lid 2', title: 'Evenredigheid' },
      { ref: '3:46', title: 'Deugdelijke motivering' },
      { ref: '4:84', title: 'Afwijken van een beleidsregel bij bijzondere omstandigheden' },
    ],
    responsibleRole: null,
  },
];

export function lawByKey(key: LawKey): Law {
  const law = LAWS.find((l) => l.key === key);
  if (!law) throw new Error(`onbekende wet ${key}`);
  return law;
}

/** The legal routes that allow departing from a rule (reverse test, step 5). */
export const DEVIATION_ROUTES = [
  { key: 'hardheidsclausule', label: 'Hardheidsclausule in de verordening' },
  { key: 'awb_4_84', label: 'Awb 4:84 (afwijken van een beleidsregel)' },
  { key: 'pwet_18_1', label: 'Participatiewet art. 18 lid 1 (afstemming)' },
  { key: 'pwet_16', label: 'Participatiewet art. 16 (zeer dringende redenen)' },
  { key: 'anders', label: 'Anders (toelichten)' },
] as const;
export type DeviationRoute = (typeof DEVIATION_ROUTES)[number]['key'];

/** Mandate levels, lowest first: a higher level may approve whatever a lower one may. */
export const MANDATE_LEVELS = ['teamleider', 'directeur', 'wethouder'] as const;
export type MandateLevel = (typeof MANDATE_LEVELS)[number];

export const MANDATE_LABELS: Record<MandateLevel, string> = { teamleider: 'Teamleider', directeur: 'Directeur', wethouder: 'Wethouder' };

export const DEFAULT_MANDATE: MandateLevel = 'teamleider';

export function mandateCovers(have: MandateLevel, need: MandateLevel): boolean {
  return MANDATE_LEVELS.indexOf(have) >= MANDATE_LEVELS.indexOf(need);
}
