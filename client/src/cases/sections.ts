// The sections of the case page and their URLs: /casussen/<id>/<slug> (see PAGES in router.ts).
// A section is found by the id of its heading, which the section component renders itself, so the
// components stay unaware of the navigation. To open something inside a section from a link, add a
// query to the section's URL (e.g. /casussen/<id>/vraagstukken?vraagstuk=<id>&stap=3) and read it
// in that section.
import type { CaseDetail } from '../../../shared/schemas';

export interface CaseSection {
  slug: string;
  label: string;
  /** The id of the section's heading (rendered by the section component). */
  headingId: string;
  /** Part of the section above it (shown indented in the contents). */
  within?: string;
}

export const CASE_SECTIONS = [
  { slug: 'omschrijving', label: 'Omschrijving', headingId: 'samenvatting-kop' },
  { slug: 'gezinsplan', label: 'Gezinsplan', headingId: 'plan-kop' },
  { slug: 'doelen', label: 'Doelen', headingId: 'doelen-kop', within: 'gezinsplan' },
  { slug: 'vraagstukken', label: 'Vraagstukken', headingId: 'toets-kop', within: 'gezinsplan' },
  { slug: 'intern', label: 'Intern', headingId: 'intern-kop' },
  { slug: 'overleg', label: 'Casusoverleg', headingId: 'overleg-kop' },
  { slug: 'afwijkingen', label: 'Afwijkingen', headingId: 'afwijkingen-kop' },
  { slug: 'doorbraken', label: 'Doorbraken', headingId: 'doorbraken-kop' },
  { slug: 'reacties', label: 'Reacties huishouden', headingId: 'huishouden-reacties-kop' },
  { slug: 'intervisie', label: 'Intervisie', headingId: 'intervisie-voorbereiden-kop' },
  { slug: 'leden', label: 'Wie doet wat', headingId: 'leden-kop' },
  { slug: 'signalen', label: 'Signalen en regie', headingId: 'vastgelopen-kop' },
  { slug: 'status', label: 'Status en afsluiting', headingId: 'status-kop' },
] as const satisfies readonly CaseSection[];

export type CaseSectionSlug = (typeof CASE_SECTIONS)[number]['slug'];

/** The sections this person sees in this case, in page order (the same conditions as CasePage). */
export function sectionsFor(detail: CaseDetail): CaseSection[] {
  return CASE_SECTIONS.filter((s) => {
    if (s.slug === 'omschrijving') return Boolean(detail.summary);
    if (s.slug === 'intern') return detail.me.can['case.intern.access'];
    if (s.slug === 'intervisie') return detail.me.can['intervision.create'];
    return true;
  });
}

export function sectionPath(caseId: string, slug?: string): string {
  return `/casussen/${encodeURIComponent(caseId)}${slug ? `/${slug}` : ''}`;
}
