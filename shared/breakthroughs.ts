// Mandated breakthroughs (doorbraken): the vocabulary and the default configuration. Routing
// levels and amount limits are municipal configuration (stored by the functional
// administrator); these are the defaults when nothing is stored.
import type { MandateLevel } from './laws';


/** What kind of departure a breakthrough asks for; each needs at least a mandate level. */
export const BREAKTHROUGH_KINDS = [
  { key: 'budget', label: 'Maatwerk binnen de regels, met extra budget', defaultLevel: 'teamleider' },
  { key: 'beleidsregel', label: 'Afwijken van een beleidsregel (Awb 4:84)', defaultLevel: 'teamleider' },
  { key: 'verordening', label: 'Afwijken van de verordening (hardheidsclausule)', defaultLevel: 'directeur' },
  { key: 'wet', label: 'Buiten de wettelijke kaders (bestuurlijk, eventueel landelijk maatwerkloket)', defaultLevel: 'wethouder' },
] as const satisfies readonly { key: string; label: string; defaultLevel: MandateLevel }[];
export type BreakthroughKind = (typeof BREAKTHROUGH_KINDS)[number]['key'];

/**
 * The highest amount (in euro cents) each level may grant; null = no limit. An amount above a
 * level's limit routes the request up, and can't be granted at that level.
 */
export const DEFAULT_AMOUNT_LIMITS: Record<MandateLevel, number | null> = {
  teamleider: 10_000_00,
  directeur: 50_000_00,
  wethouder: null,
};

/** The pilot's breakthroughs (domain.md, 001_…), plus "anders". */
export const BREAKTHROUGH_TYPES = [
  { key: 'uithuisplaatsing_voorkomen', label: 'Uithuisplaatsing voorkomen' },
  { key: 'schuldenregeling', label: 'Schuldenregeling' },
  { key: 'nanny', label: 'Nanny ter ondersteuning van de opvoeding' },
  { key: 'koopgedrag_beteugelen', label: 'Koopgedrag beteugelen' },
  { key: 'afschalen', label: 'Stabiliteit door minder hulp (afschalen)' },
  { key: 'begeleiding_zonder_probleembesef', label: 'Begeleiding zonder probleembesef' },
  { key: 'regie_terug', label: 'Cliënt krijgt de regie over het eigen leven terug' },
  { key: 'anders', label: 'Anders' },
] as const;
export type BreakthroughType = (typeof BREAKTHROUGH_TYPES)[number]['key'];

/** The pilot's case clusters, for the pilot figures. */
export const CASE_CLUSTERS = [
  { key: 'alleenstaande_ouder', label: 'Alleenstaande ouder met kinderen' },
  { key: 'alleenstaande_verslaving', label: 'Alleenstaande met verslaving en klein netwerk' },
  { key: 'gezin_met_kinderen', label: 'Gezin met kinderen' },
  { key: 'overgang_18', label: 'Overgang naar 18 jaar' },
  { key: 'anders', label: 'Anders' },
] as const;
export type CaseCluster = (typeof CASE_CLUSTERS)[number]['key'];

export const BREAKTHROUGH_STATUSES = ['ingediend', 'terug_voor_aanvulling', 'toegekend', 'afgewezen', 'landelijk', 'ingetrokken'] as const;
export type BreakthroughStatus = (typeof BREAKTHROUGH_STATUSES)[number];
export const BREAKTHROUGH_STATUS_LABELS: Record<BreakthroughStatus, string> = {
  ingediend: 'Wacht op besluit',
  terug_voor_aanvulling: 'Terug voor aanvulling',
  toegekend: 'Toegekend',
  afgewezen: 'Afgewezen',
  landelijk: 'Voorgelegd aan het landelijk maatwerkloket',
  ingetrokken: 'Ingetrokken',
};
