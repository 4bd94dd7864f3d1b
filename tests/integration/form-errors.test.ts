// An empty or bad submit is answered with every field problem at once (issue 12, section 5): the
// deviation form, the doorbraak form and the new-account form once named one problem per try.
// The wire contract stays { error: { code, message } }; `details` lists each problem with its
// field's path, and the message names them all with their Dutch field names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { caseIdByTitle } from '../support/db';
import { inDays } from '../support/time';

let server: TestServer;
const { as } = demoAccounts(() => server);

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const paths = (body: { error: { details?: { path: string }[] } }) => [...new Set((body.error.details ?? []).map((d) => d.path.split('.')[0]))].sort();

describe('every problem at once', () => {
  it('an empty deviation proposal names all nine fields, each in Dutch, with the field named in the message', async () => {
    const res = await (await as('klantmanager')).post(`/api/cases/${await caseIdByTitle(server, 'Gezin Verbeek')}/deviations`, {});
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(paths(res.body)).toEqual(['endDate', 'law', 'reasoning', 'reviewDate', 'route', 'rule', 'startDate', 'willDo', 'willNotDo']);
    expect(res.body.error.message).toContain('Wet: Kies de wet waarvan wordt afgeweken.');
    expect(res.body.error.message).toContain('Route: Kies de route die de afwijking mogelijk maakt.');
    expect(res.body.error.message).toContain('Regel: Dit veld is verplicht.');
    expect(res.body.error.message).toContain('Wat niet gebeurt: Dit veld is verplicht.');
  });

  it('what the form sends when nothing is filled in (empty strings) is refused field by field as well', async () => {
    const empty = { law: '', rule: '', route: '', willDo: '', willNotDo: '', reasoning: '', startDate: inDays(0), endDate: '', reviewDate: '', internal: false };
    const res = await (await as('klantmanager')).post(`/api/cases/${await caseIdByTitle(server, 'Gezin Verbeek')}/deviations`, empty);
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(paths(res.body)).toEqual(['endDate', 'law', 'reasoning', 'reviewDate', 'route', 'rule', 'willDo', 'willNotDo']);
    expect(JSON.stringify(res.body)).not.toContain('Kies een van');
  });

  it('a rule across fields is checked even when another field is wrong: end before start and an empty rule, together', async () => {
    const body = {
      law: 'participatiewet',
      rule: '',
      route: 'awb_4_84',
      willDo: 'Wel.',
      willNotDo: 'Niet.',
      reasoning: 'Een motivering die lang genoeg is om te tellen.',
      startDate: inDays(10),
      endDate: inDays(5),
      reviewDate: inDays(5),
    };
    const res = await (await as('klantmanager')).post(`/api/cases/${await caseIdByTitle(server, 'Gezin Verbeek')}/deviations`, body);
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'rule', message: 'Dit veld is verplicht.' },
        { path: 'endDate', message: 'De einddatum ligt vóór de begindatum.' },
      ]),
    );
  });

  it('both date rules of a proposal in one refusal: the review date in the past and after the end date', async () => {
    const body = {
      law: 'participatiewet',
      rule: 'Art. 22a',
      route: 'awb_4_84',
      willDo: 'Wel.',
      willNotDo: 'Niet.',
      reasoning: 'Een motivering die lang genoeg is om te tellen.',
      startDate: inDays(-30),
      endDate: inDays(-5),
      reviewDate: inDays(-1),
    };
    const res = await (await as('klantmanager')).post(`/api/cases/${await caseIdByTitle(server, 'Gezin Verbeek')}/deviations`, body);
    expectError(res, 422, 'REVIEWDATUM_VERLEDEN');
    expect(res.body.error.details).toEqual([
      { path: 'reviewDate', message: 'De datum van herbeoordeling ligt in het verleden.' },
      { path: 'reviewDate', message: 'Herbeoordeel de afwijking uiterlijk op de einddatum.' },
    ]);
  });

  it('an empty doorbraak request names all nine problems, not one', async () => {
    const res = await (await as('procesregisseur')).post(`/api/cases/${await caseIdByTitle(server, 'Gezin Verbeek')}/breakthroughs`, {});
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(paths(res.body)).toEqual(['amountCents', 'assigneeId', 'costs', 'kind', 'laws', 'proposal', 'rules', 'stuck', 'stuckSince']);
    expect(res.body.error.message).toContain('Wat zit vast: Dit veld is verplicht.');
    expect(res.body.error.message).toContain('Soort: Maak een keuze.');
  });

  it('an empty new account names every field ("Naam: Dit veld is verplicht.", not the bare sentence twice)', async () => {
    const res = await (await as('beheer')).post('/api/admin/users', { email: '', name: '', functie: '', organisation: '', temporaryPassword: '' });
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(paths(res.body)).toEqual(['email', 'functie', 'name', 'organisation', 'temporaryPassword']);
    for (const part of ['Naam: Dit veld is verplicht.', 'Organisatie: Dit veld is verplicht.', 'Functie: Maak een keuze.', 'E-mailadres:', 'Tijdelijk wachtwoord:']) {
      expect(res.body.error.message).toContain(part);
    }
  });
});
