import { KnownIndex } from './server/pseudonymise/known';
import { nameAndParts } from './server/pseudonymise/known';
import { scrubText, scrubPieces } from './server/pseudonymise/scrub';
const known = KnownIndex.build([{ name: 'Sanne Verbeek', replacement: 'moeder' }, ...nameAndParts('Sanne', 'moeder'), ...nameAndParts('Noor', 'kind 1'), ...nameAndParts('Verbeek', '[naam]'), { name: '06-11223344', replacement: '[telefoon]', kind: 'telefoon' }]);
const ctx = { known, dates: { kind: 'relative' as const, anchor: '2026-01-01', referenceYear: 2026, oldest: '2024-01-01' } };
const texts = [
  'Sanne van der Berg belt; mevrouw Van den Heuvel en Van der Berg kwamen. Sanne\'s fiets, Noortje, S. Verbeek, SANNE, ｓａｎｎｅ.',
  'Woont Kerkstr. 12 en Markt 3, auto 12-ABC-3 en AB-123-C, paspoort NXC3P4R12, @sanne_v op Instagram.',
  'BSN 123.456.782, IBAN NL91 ABNA 0417 1643 00 en NL91-ABNA-0417-1643-00, bel １２３４５６７８２ of 06-11223344.',
  'Noor (12-05-2014) kreeg op 14 maart 2026 om 10.30 uur een gesprek; 2026-03-14T09:30:00Z; maart 2026.',
  'Participatiewet art. 18 lid 1, Awb 4:84, Wmo 2015, € 1.250 per maand, 30%, ZRM score 3, 8 jaar, 3 gesprekken, groep 7, tussen 09.00-10.30, kamer 212, klant 87654.',
  'Oma Truus helpt. Kevin komt vaak langs. De buurman Jan de Wit ook. Albert Heijn in Breda.',
];
for (const t of texts) { console.log(scrubText(t, ctx)); console.log(JSON.stringify(scrubPieces(t, ctx).filter((p) => 's' in p))); }
