// Where in her own overview (the case page as the household sees it) a link can point: the
// resident's Postvak links here, and the overview brings the matching heading into view.

export const RESIDENT_SECTIONS = {
  /** "Uw doelen": where she agrees with a goal. */
  goals: 'doelen',
  /** "Wat de gemeente voor u anders doet": the approved exceptions. */
  exceptions: 'uitzonderingen',
  /** "Uw vaste contactpersoon": her regisseur. */
  contact: 'contactpersoon',
} as const;
export type ResidentSection = keyof typeof RESIDENT_SECTIONS;

export function residentHref(caseId: string, section: ResidentSection): string {
  return `/casussen/${encodeURIComponent(caseId)}#${RESIDENT_SECTIONS[section]}`;
}
