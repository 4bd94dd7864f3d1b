// Fictional local articles of the demo municipality, so the catalogue page and the reverse test
// show the municipality's own rules next to the laws. One article has a newer wording, so the
// history (an immutable older version) is visible too. Not real regulations.
import type { Tx } from '../../db/client';
import { appendAudit } from '../../db/queries/audit';
import { insertLocalArticle, type LocalArticleRow } from '../../db/queries/catalogue';

type Wording = Pick<LocalArticleRow, 'law' | 'kind' | 'source' | 'ref' | 'title' | 'body' | 'validFrom'>;

const WMO = 'Verordening maatschappelijke ondersteuning Zuiderhaven 2025';

const ARTICLES: (Wording & { newWording?: Pick<Wording, 'body' | 'validFrom'> })[] = [
  {
    law: 'wmo',
    kind: 'hardheidsclausule',
    source: WMO,
    ref: '2.8',
    title: 'Hardheidsclausule',
    body: 'Het college kan in bijzondere gevallen afwijken van de bepalingen van deze verordening, als toepassing ervan leidt tot onbillijkheden van overwegende aard.',
    validFrom: '2025-01-01',
    newWording: {
      body:
        'Het college kan in bijzondere gevallen, ten gunste van de cliënt of diens mantelzorger, afwijken van de bepalingen van deze verordening, als toepassing ervan ' +
        'leidt tot onbillijkheden van overwegende aard. Het college motiveert de afwijking en betrekt daarbij het gezinsplan en, in een vastgelopen casus, het advies van de procesregisseur.',
      validFrom: '2026-07-01',
    },
  },
  {
    law: 'participatiewet',
    kind: 'beleidsregel',
    source: 'Beleidsregels Participatiewet Zuiderhaven 2026',
    ref: '4.3',
    title: 'Kostendelersnorm bij tijdelijke inwoning voor zorg',
    body:
      'Een meerderjarige die tijdelijk, ten hoogste zes maanden, inwoont om mantelzorg te geven of te ontvangen, telt niet mee als kostendeler (art. 22a Participatiewet), ' +
      'mits de inwoning in het gezinsplan is vastgelegd met een einddatum. Verlenging is eenmaal mogelijk na herbeoordeling door de klantmanager.',
    validFrom: '2026-01-01',
  },
  {
    law: 'jeugdwet',
    kind: 'hardheidsclausule',
    source: 'Verordening jeugdhulp Zuiderhaven 2025',
    ref: '14',
    title: 'Hardheidsclausule',
    body: 'Het college kan in bijzondere gevallen ten gunste van de jeugdige of zijn ouders afwijken van deze verordening, als toepassing ervan in strijd is met het belang van de jeugdige.',
    validFrom: '2025-01-01',
  },
  {
    law: 'wgs',
    kind: 'beleidsregel',
    source: 'Beleidsregels schuldhulpverlening Zuiderhaven 2025',
    ref: '3.2',
    title: 'Opnieuw toegang na een afgebroken traject',
    body:
      'Wie in de afgelopen vijf jaar een schuldhulptraject heeft afgebroken, krijgt opnieuw toegang als de oorzaak van het afbreken is weggenomen of in het gezinsplan wordt aangepakt, ' +
      'bijvoorbeeld met beschermingsbewind of begeleiding bij de administratie.',
    validFrom: '2025-03-01',
  },
];

/** Seeds the demo articles, recorded by the demo's functional administrator. Called once, inside the seed transaction. */
export async function seedDemoCatalogue(tx: Tx, beheerId: string): Promise<void> {
  for (const { newWording, ...a } of ARTICLES) {
    const first = await insertLocalArticle(tx, { ...a, validUntil: null, replacesId: null, createdBy: beheerId });
    await appendAudit(tx, { action: 'catalogue.article_added', actorUserId: beheerId, detail: { articleId: first.id, law: a.law, ref: a.ref, source: 'demo' } });
    if (newWording) {
      const next = await insertLocalArticle(tx, { ...a, ...newWording, validUntil: null, replacesId: first.id, createdBy: beheerId });
      await appendAudit(tx, { action: 'catalogue.article_replaced', actorUserId: beheerId, detail: { articleId: next.id, replacesId: first.id, law: a.law, ref: a.ref, source: 'demo' } });
    }
  }
}
