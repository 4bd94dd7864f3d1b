// The vocabulary of the reverse test (omgekeerde toets, domain.md): its six steps, the
// verdicts per law and the outcomes of a conclusion. Free of Yjs so any screen can use it.

export const TOETS_STEPS = [
  { n: 1, key: 'behoefte', label: 'Behoefte', hint: 'Wat heeft het huishouden nodig en wat wil het bereiken, in eigen woorden? Welke leefgebieden raakt het?' },
  { n: 2, key: 'oplossing', label: 'Oplossing', hint: 'Wat zou helpen, op korte en op lange termijn? Onconventionele oplossingen mogen: een nanny, afschalen, een schuldenregeling, een bewindvoerder.' },
  { n: 3, key: 'bedoeling', label: 'Bedoeling per wet', hint: 'Dient de oplossing de bedoeling van elke wet? De professional die voor de wet verantwoordelijk is, geeft en ondertekent het oordeel.' },
  { n: 4, key: 'effecten', label: 'Effecten in volle breedte', hint: 'Effecten op ieder gezinslid en op de andere wetten, kort en lang. Kosten van doormodderen tegenover doorbreken.' },
  { n: 5, key: 'toetsing', label: 'Juridische toets', hint: 'Welke artikelen dragen de oplossing? Waar een regel blokkeert: welke route maakt afwijken mogelijk (hardheidsclausule, Awb 4:84, P-wet 18 lid 1 of 16), of is opschalen nodig?' },
  { n: 6, key: 'besluit', label: 'Besluit en motivering', hint: 'Een conclusie met een motivering die standhoudt in bezwaar en beroep (Awb 3:46, evenredigheid Awb 3:4 lid 2). Ook „nee, omdat…” is een besluit.' },
] as const;
export type ToetsStep = (typeof TOETS_STEPS)[number]['n'];

/** The steps that are one free text each; step 3 is a verdict per law. */
export const TOETS_TEXTS = ['behoefte', 'oplossing', 'effecten', 'toetsing', 'besluit'] as const;
export type ToetsText = (typeof TOETS_TEXTS)[number];

export const VERDICTS = [
  { key: 'past', label: 'Past' },
  { key: 'past_deels', label: 'Past deels' },
  { key: 'past_niet', label: 'Past niet' },
  { key: 'nvt', label: 'Niet van toepassing' },
] as const;
export type Verdict = (typeof VERDICTS)[number]['key'];
export const isVerdict = (v: unknown): v is Verdict => VERDICTS.some((x) => x.key === v);

export const OUTCOMES = [
  { key: 'uitvoeren', label: 'We doen het' },
  { key: 'niet_uitvoeren', label: 'We doen het niet' },
] as const;
export type Outcome = (typeof OUTCOMES)[number]['key'];

/**
 * A link that opens one vraagstuk of a case at a given step (the Postvak asks each signer to
 * step 3): the case page reads `vraagstuk` and `stap` from the query. Opening it shows that step
 * to the one who follows the link; it does not move the table.
 */
export function vraagstukHref(caseId: string, vraagstukId: string, step: ToetsStep): string {
  return `/casussen/${encodeURIComponent(caseId)}?vraagstuk=${encodeURIComponent(vraagstukId)}&stap=${step}`;
}

/** The vraagstuk and step a case page URL asks to open, or null. */
export function vraagstukTarget(search: string): { vraagstukId: string; step: ToetsStep | null } | null {
  const q = new URLSearchParams(search);
  const vraagstukId = q.get('vraagstuk');
  if (!vraagstukId) return null;
  const n = Number(q.get('stap'));
  return { vraagstukId, step: TOETS_STEPS.find((s) => s.n === n)?.n ?? null };
}
