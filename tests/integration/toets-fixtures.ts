// A concluded vraagstuk (reverse test) that relies on a deviation, made through the API with
// the drafts written server-side into the plan document: for tests that need a conclusion to
// exist, not for testing the reverse test itself (that is vraagstukken.test.ts).
import * as Y from 'yjs';
import { expect } from 'vitest';
import { changePlanDoc, readPlanDoc } from '../../server/plan/plan-doc';
import { readVraagstukDraft, reasoningFragment, setVerdictDraft, textFragment } from '../../shared/plan/vraagstukken';
import type { ApiClient, TestServer } from '../support/server';
import { waitFor } from '../support/time';

/** The klantmanager signs the Participatiewet verdict exactly as it stands in the draft; returns that draft. */
export async function signParticipatiewet(server: TestServer, as: (key: string) => Promise<ApiClient>, caseId: string, id: string) {
  const draft = (await readPlanDoc(server.services, caseId, (doc) => readVraagstukDraft(doc, id)))!;
  const signed = await (await as('klantmanager')).post(`/api/cases/${caseId}/vraagstukken/${id}/signatures`, {
    law: 'participatiewet',
    verdict: draft.verdicts.participatiewet.verdict,
    reasoning: draft.verdicts.participatiewet.reasoning,
    solution: draft.texts.oplossing,
  });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  return draft;
}

export function replaceText(fragment: Y.XmlFragment, text: string): void {
  fragment.delete(0, fragment.length);
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  fragment.insert(0, [p]);
}

/**
 * Opens a vraagstuk on the Participatiewet only (the klantmanager answers for it), links the
 * deviation, has the klantmanager sign "past deels" and the regisseur conclude "we doen het".
 */
export async function concludedVraagstuk(
  server: TestServer,
  as: (key: string) => Promise<ApiClient>,
  uid: (key: string) => string,
  caseId: string,
  opts: { title: string; motivation: string; deviationId: string; reviewDate: string; conclude?: boolean },
): Promise<string> {
  const cr = await as('casusregisseur');
  const opened = await cr.post(`/api/cases/${caseId}/vraagstukken`, { title: opts.title, laws: ['participatiewet'] });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const id = opened.body.id as string;
  await waitFor(async () => await readPlanDoc(server.services, caseId, (doc) => readVraagstukDraft(doc, id) !== null));
  await changePlanDoc(server.services, caseId, uid('casusregisseur'), (doc) => {
    replaceText(textFragment(doc, id, 'oplossing')!, 'Begeleiding bij de behandeling van moeder; vader blijft betrokken.');
    setVerdictDraft(doc, id, 'participatiewet', 'past_deels');
    replaceText(reasoningFragment(doc, id, 'participatiewet')!, 'Een stap richting activering; tijdelijk met een afwijking.');
    replaceText(textFragment(doc, id, 'besluit')!, opts.motivation);
  });
  const linked = await cr.post(`/api/cases/${caseId}/vraagstukken/${id}/deviations`, { deviationId: opts.deviationId });
  expect(linked.status, JSON.stringify(linked.body)).toBe(200);
  if (opts.conclude === false) return id;
  const draft = await signParticipatiewet(server, as, caseId, id);
  const concluded = await cr.post(`/api/cases/${caseId}/vraagstukken/${id}/conclusion`, { outcome: 'uitvoeren', motivation: draft.texts.besluit, reviewDate: opts.reviewDate });
  expect(concluded.status, JSON.stringify(concluded.body)).toBe(200);
  return id;
}
