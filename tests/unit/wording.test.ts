// Wording (issue 12, section 5): law names keep their capitals inside a sentence, no "0 dagen",
// counts with the noun in the right number, and no Markdown marks in the dossier PDF.
import { describe, expect, it } from 'vitest';
import { renderDossierPdf } from '../../server/dossier/pdf';
import type { DossierModel } from '../../server/dossier/model';
import { conferenceToText } from '../../shared/plan/conference';
import { CASE_ROLE_LABELS, FUNCTIE_LABELS, labelInSentence } from '../../shared/roles';
import { durationDays } from '../../client/src/format';
import { countOf } from '../../shared/words';
import { knelpuntenCsv } from '../../server/knelpunten/csv';
import { pdfText } from '../support/pdf';

describe('labels inside a sentence', () => {
  it('keep the capitals of law names: "consulent Wmo", "klantmanager Participatiewet"', () => {
    expect(labelInSentence(CASE_ROLE_LABELS.consulent_wmo)).toBe('consulent Wmo');
    expect(labelInSentence(CASE_ROLE_LABELS.klantmanager_pw)).toBe('klantmanager Participatiewet');
    expect(labelInSentence(FUNCTIE_LABELS.klantmanager_pw)).toBe('klantmanager Werk & Inkomen (Participatiewet)');
    expect(labelInSentence(CASE_ROLE_LABELS.casusregisseur)).toBe('casusregisseur');
  });
});

describe('counts and durations', () => {
  it('"1 doorbraakverzoek", "2 doorbraakverzoeken"; never "0 dagen"', () => {
    expect(countOf(1, 'doorbraakverzoek', 'doorbraakverzoeken')).toBe('1 doorbraakverzoek');
    expect(countOf(2, 'doorbraakverzoek', 'doorbraakverzoeken')).toBe('2 doorbraakverzoeken');
    expect(countOf(1, 'doorbraak', 'doorbraken')).toBe('1 doorbraak');
    expect(durationDays(0)).toBe('minder dan een dag');
    expect(durationDays(0.5)).toBe('minder dan een dag');
    expect(durationDays(1)).toBe('1 dag');
    expect(durationDays(12)).toBe('12 dagen');
  });
});

describe('the knelpunten CSV', () => {
  it('says "1 doorbraak toegekend" and "in 1 casus", not "1 doorbraken" or "1 casussen"', () => {
    const median = { n: 0, medianDays: null };
    const csv = knelpuntenCsv(
      { from: '2026-01-01', to: '2026-06-30', minCases: 2, rules: [{ law: 'wmo', rule: 'Beleidsregel', deviations: 2, cases: 1 }], otherRules: [], lawPairs: [], breakthroughTypes: [], requestToDecision: median } as never,
      { cases: { opened: 1, active: 1, closed: 0 }, breakthroughs: { requested: 1, granted: 1, refused: 0, achieved: 0 }, clusters: [{ cluster: null, opened: 1, active: 1, granted: 1 }], durations: { caseOpenToClosed: median } } as never,
    );
    expect(csv).toContain('1 doorbraak toegekend');
    expect(csv).toContain('"in 1 casus"');
    expect(csv).not.toMatch(/1 doorbraken|1 casussen/);
  });
});

describe('the dossier PDF', () => {
  it('shows the frozen minutes with headings, not "# Agenda" or "# Verslag"', async () => {
    const model: DossierModel = {
      variant: 'volledig',
      caseTitle: 'Gezin Test',
      caseStatus: 'open',
      regisseur: 'Marieke de Vries',
      version: { number: 1, adoptedAt: '2026-11-20T10:00:00.000Z', adoptedBy: 'Marieke de Vries', note: null },
      plan: { sections: [], household: [], zrm: [] },
      records: null,
      conference: {
        startedAt: '2026-11-20T09:00:00.000Z',
        closedAt: '2026-11-20T09:45:00.000Z',
        chair: 'Marieke de Vries',
        householdPresent: true,
        attendance: [],
        decisions: [],
        minutes: conferenceToText([{ id: 'a', title: 'Opening en doel van het overleg', minutes: 5 }], 'We spraken over de rust in huis.'),
      },
      exportedAt: '2026-11-20T11:00:00.000Z',
      exportedBy: { name: 'Marieke de Vries', role: 'Casusregisseur' },
    };
    const text = await pdfText(new Uint8Array(await renderDossierPdf(model)));
    expect(text).toContain('Agenda');
    expect(text).toContain('1. Opening en doel van het overleg (5 min.)');
    expect(text).toContain('Verslag');
    expect(text).toContain('We spraken over de rust in huis.');
    expect(text).not.toMatch(/#\s*(Agenda|Verslag)/);
    expect(text).not.toContain('#');
  });
});
