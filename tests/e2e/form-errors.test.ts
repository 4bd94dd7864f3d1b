// Forms say everything at once (issue 12, section 5): an empty submit of the deviation form, the
// doorbraak form and the new-account form shows every problem, each at its field with the field
// named in the summary, and a problem goes away as soon as its field is filled in.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, BrowserPeople, expectAccessible, shot } from '../support/browser';
import { inDays } from '../support/time';

const CASE_TITLE = 'Gezin Verbeek';

/** The problems shown at the fields of a form: label text → message. */
async function fieldProblems(form: Locator): Promise<Record<string, string>> {
  return form.evaluate((el) => {
    const out: Record<string, string> = {};
    for (const p of el.querySelectorAll('.veldfout')) {
      const id = p.id.replace(/-fout$/, '');
      const label = el.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent ?? el.querySelector(`[id="${CSS.escape(id)}"] > legend`)?.textContent ?? id;
      out[label.trim()] = (p.textContent ?? '').trim();
    }
    return out;
  });
}

async function invalidCount(form: Locator): Promise<number> {
  return form.locator('[aria-invalid="true"]').count();
}

describe.skipIf(!browserAvailable)('formulieren noemen alles tegelijk', () => {
  let server: TestServer;
  const people = new BrowserPeople();

  beforeAll(async () => {
    server = await startTestServer();
    await people.launch(server.url);
  });

  afterAll(async () => {
    await people.close();
    await server?.stop();
  });

  test('deviation form: an empty submit shows all eight problems at their fields; each clears when its field is filled in', async () => {
    const page: Page = await people.openCaseAs('klantmanager', CASE_TITLE);
    await page.locator('summary', { hasText: 'Afwijking voorstellen' }).click();
    const form = page.getByRole('form', { name: 'Afwijking voorstellen' });
    // The form proposes the plan's horizon as end and review date; emptied, they are problems like the rest.
    for (const label of ['Einddatum', 'Herbeoordelen op']) {
      expect(await form.getByLabel(label).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await form.getByLabel(label).fill('');
    }
    await form.getByRole('button', { name: 'Voorstel indienen' }).click();

    const summary = form.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('Controleer deze 8 punten');
    const text = (await summary.textContent()) ?? '';
    for (const line of ['Wet: Kies de wet waarvan wordt afgeweken.', 'Route: Kies de route die de afwijking mogelijk maakt.', 'Regel waarvan wordt afgeweken: Dit veld is verplicht.', 'Wat er niet gebeurt: Dit veld is verplicht.', 'Einddatum:', 'Herbeoordelen op:']) {
      expect(text).toContain(line);
    }
    const problems = await fieldProblems(form);
    expect(Object.keys(problems).sort()).toEqual(['Einddatum', 'Herbeoordelen op', 'Motivering', 'Regel waarvan wordt afgeweken', 'Route', 'Wat er niet gebeurt', 'Wat er wel gebeurt', 'Wet']);
    expect(problems['Wet']).toBe('Kies de wet waarvan wordt afgeweken.');
    expect(await invalidCount(form)).toBe(8);
    // Focus on the first field that needs attention.
    await expect.poll(() => form.getByLabel('Wet', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'afwijkingsformulier met alle fouten');
    await shot(form, 'afwijking-alle-fouten');

    await form.getByLabel('Regel waarvan wordt afgeweken').fill('Art. 22a Participatiewet');
    await form.getByLabel('Wet', { exact: true }).selectOption('participatiewet');
    await expect.poll(async () => Object.keys(await fieldProblems(form)).sort()).toEqual(['Einddatum', 'Herbeoordelen op', 'Motivering', 'Route', 'Wat er niet gebeurt', 'Wat er wel gebeurt']);
    expect(await form.getByLabel('Wet', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => summary.textContent()).toContain('Controleer deze 6 punten');
    expect(await summary.textContent()).not.toContain('Regel waarvan wordt afgeweken');
  });

  test('doorbraak form: an empty submit names every problem, not one of five', async () => {
    const page = await people.openCaseAs('procesregisseur', CASE_TITLE);
    await page.locator('summary', { hasText: 'Doorbraakverzoek indienen' }).click();
    const form = page.locator('form.dbv-formulier');
    await form.getByRole('button', { name: 'Doorbraakverzoek indienen' }).click();
    const summary = form.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('Controleer deze');
    const problems = await fieldProblems(form);
    expect(Object.keys(problems).sort()).toEqual(
      ['Gevraagd budget (€)', 'Kostenvergelijking', 'Mandaathouder', 'Soort doorbraak', 'Vast sinds', 'Voorgestelde doorbraak', 'Wat zit er vast', 'Welke regels blokkeren', 'Welke wetten blokkeren'].sort(),
    );
    for (const label of Object.keys(problems)) expect(await summary.textContent(), label).toContain(`${label}:`);
    await expectAccessible(page, 'doorbraakformulier met alle fouten');

    await form.getByLabel('Wat zit er vast').fill('De regels botsen.');
    await expect.poll(async () => Object.keys(await fieldProblems(form))).not.toContain('Wat zit er vast');
    expect(Object.keys(await fieldProblems(form))).toHaveLength(8);
  });

  test('goal form: a streefdatum in the past and no legitimation are named at their fields; a reason instead of a law is accepted; the goal can be withdrawn', async () => {
    const page = await people.openCaseAs('casusregisseur', CASE_TITLE);
    const goals = page.locator('section[aria-labelledby="doelen-kop"]');
    await goals.locator('summary', { hasText: 'Doel toevoegen' }).click();
    const form = goals.getByRole('form', { name: 'Doel toevoegen' });
    await form.getByLabel('Doel', { exact: true }).fill('Per vergissing ingevoerd doel QQQ');
    await form.getByLabel('Leefgebied').selectOption('financien');
    await form.getByLabel('Eigenaar', { exact: true }).selectOption('household');
    await form.getByLabel('Wie in het huishouden').fill('vader');
    await form.getByLabel('Streefdatum').fill(inDays(-3));
    await form.getByRole('button', { name: 'Doel toevoegen' }).click();
    const summary = form.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('Controleer deze 2 punten');
    const problems = await fieldProblems(form);
    expect(problems['Streefdatum']).toBe('De streefdatum ligt in het verleden. Kies een datum vanaf vandaag.');
    expect(problems['Legitimatie per wet']).toBe('Geef voor minstens één wet de legitimatie, of leg uit waarom geen wet het doel legitimeert.');
    await expectAccessible(page, 'doelformulier met datum in het verleden en zonder legitimatie');

    await form.getByLabel('Streefdatum').fill(inDays(30));
    await form.getByLabel('Geen wet: waarom niet?').fill('Een afspraak binnen het gezin; geen wet vraagt erom.');
    await expect.poll(() => form.locator('.veldfout').count()).toBe(0);
    await form.getByRole('button', { name: 'Doel toevoegen' }).click();
    const item = goals.locator('article.doel').filter({ hasText: 'Per vergissing ingevoerd doel QQQ' });
    await expect.poll(() => item.textContent()).toContain('Geen wet: Een afspraak binnen het gezin');

    // Entered by mistake: the regisseur withdraws it, with a reason; it leaves the list.
    await item.getByRole('button', { name: /Per vergissing vastgelegd: intrekken/ }).click();
    await item.getByRole('button', { name: 'Doel intrekken' }).click();
    await expect.poll(() => item.locator('.veldfout').textContent()).toContain('Vul in waarom');
    await item.getByLabel('Waarom is dit doel per vergissing vastgelegd?').fill('Bij de verkeerde casus ingevoerd.');
    await expect.poll(() => item.locator('.veldfout').count()).toBe(0);
    await item.getByRole('button', { name: 'Doel intrekken' }).click();
    await goals.getByRole('status').filter({ hasText: 'is ingetrokken' }).waitFor();
    expect(await goals.locator('article.doel').filter({ hasText: 'Per vergissing ingevoerd doel QQQ' }).count()).toBe(0);
    await expectAccessible(page, 'doelen na het intrekken');
  });

  test('new account: an empty submit names each field ("Naam: Dit veld is verplicht."), and the problem leaves once filled in', async () => {
    const page = await people.loginAs('beheer');
    await page.getByRole('link', { name: 'Gebruikersbeheer' }).click();
    await page.locator('summary', { hasText: 'Nieuw account aanmaken' }).click();
    const form = page.getByRole('form', { name: 'Nieuw account aanmaken' });
    await form.getByRole('button', { name: 'Account aanmaken' }).click();
    const summary = form.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('Controleer deze 4 punten');
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('Naam: Dit veld is verplicht.');
    expect(text).toContain('Organisatie: Dit veld is verplicht.');
    expect(text).toContain('E-mailadres:');
    expect(text).toContain('Tijdelijk wachtwoord:');
    expect(Object.keys(await fieldProblems(form)).sort()).toEqual(['E-mailadres', 'Naam', 'Organisatie', 'Tijdelijk wachtwoord']);
    await expectAccessible(page, 'nieuw account met alle fouten');

    await form.getByLabel('Naam', { exact: true }).fill('Nina Jansen');
    await form.getByLabel('E-mailadres').fill('nina@gemeente.nl');
    await form.getByLabel('Organisatie').fill('Gemeente Demo');
    await form.getByLabel('Tijdelijk wachtwoord').fill('Een-lang-tijdelijk-wachtwoord-1');
    await expect.poll(() => form.getByRole('alert').count()).toBe(0);
    await form.getByRole('button', { name: 'Account aanmaken' }).click();
    await page.getByRole('status').filter({ hasText: 'Account voor Nina Jansen aangemaakt' }).waitFor();
    expect(await page.locator('.veldfout').count()).toBe(0);
  });
});
