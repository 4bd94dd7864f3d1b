// The in-app inbox (postvak): what asks for this user's attention across their cases.
import { z } from 'zod';
import { Id } from './common';

export const INBOX_KINDS = [
  'besluit_nodig',
  'ondertekening_nodig',
  'mandaathouder_nodig',
  'besluit_genomen',
  'herbeoordeling_afwijking',
  'herbeoordeling_vraagstuk',
  'resultaat_doorbraak',
  // The household's own Postvak (server/inbox/resident.ts): a question for her, and news for her.
  'mening_gevraagd',
  'bericht',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export const INBOX_KIND_LABELS: Record<InboxKind, string> = {
  besluit_nodig: 'Wacht op uw besluit',
  ondertekening_nodig: 'Uw oordeel en handtekening gevraagd',
  mandaathouder_nodig: 'Geen mandaathouder aan tafel',
  besluit_genomen: 'Besluit genomen',
  herbeoordeling_afwijking: 'Afwijking herbeoordelen',
  herbeoordeling_vraagstuk: 'Besluit over vraagstuk herbeoordelen',
  resultaat_doorbraak: 'Resultaat van doorbraak vastleggen',
  mening_gevraagd: 'Wij vragen uw mening',
  bericht: 'Nieuws over uw plan',
};

export const InboxItem = z
  .object({
    kind: z.enum(INBOX_KINDS),
    caseId: Id,
    caseTitle: z.string(),
    /** What it is about, in one Dutch sentence. */
    text: z.string(),
    /** The date that matters: since when it waits, when it was decided, when the review or term falls. */
    date: z.string(),
    overdue: z.boolean(),
    /** Where to go: the case page, at the section (or the vraagstuk and step) it is about. */
    href: z.string(),
  })
  .meta({ id: 'InboxItem' });
export type InboxItem = z.infer<typeof InboxItem>;

export const Inbox = z
  .object({
    items: z.array(InboxItem),
    count: z.number().int(),
    /** The items that wait on this user (everything but news of decisions): the number in the menu. */
    waiting: z.number().int(),
  })
  .meta({ id: 'Inbox' });
export type Inbox = z.infer<typeof Inbox>;

/** Items that are news only; every other kind waits on the user until it is done. */
export const INBOX_NEWS_KINDS: readonly InboxKind[] = ['besluit_genomen', 'bericht'];
