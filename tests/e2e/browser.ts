// Headless Debian Chromium driven by playwright-core. Without a browser the e2e tests are
// skipped with a clear message on a developer machine, and fail in CI (CI=true) or when
// REQUIRE_BROWSER=1, so a missing browser can never turn CI green.
import { existsSync, readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD, demoEmail } from '../support/server';
import { createRequire } from 'node:module';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserRequired = process.env.CI === 'true' || process.env.REQUIRE_BROWSER === '1';
export const browserAvailable = existsSync(CHROMIUM_PATH);

if (!browserAvailable) {
  const msg = `Chromium niet gevonden op ${CHROMIUM_PATH}: browsertests ${browserRequired ? 'zijn verplicht en falen' : 'worden overgeslagen'}. Installeer met: apt-get install chromium`;
  if (browserRequired) throw new Error(msg);
  console.warn(msg);
}

export interface BrowserHandle {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserHandle> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // The machine has no outside network: background networking would stall on refused connections.
    // Playwright gives every launch a fresh, temporary profile (user data dir) of its own.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core with the WCAG 2.1 A/AA rules; returns serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's strict CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ passes: unknown[]; violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return {
      passes: result.passes.length,
      violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })),
    };
  });
  // A run that checked nothing would pass any page: make sure the rules really ran.
  if (violations.passes === 0) throw new Error('axe-core heeft geen enkele regel gecontroleerd');
  return violations.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * A fresh browser context (its own cookies: another person), logged in as a demo account.
 * Console errors, page errors and CSP violations are collected in `errors`, prefixed with the key.
 */
export async function loggedInPage(
  browser: Browser,
  url: string,
  key: string,
  errors: string[],
  opts: { now?: Date; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...(opts.locale ? { locale: opts.locale } : {}) });
  if (opts.now) await context.clock.setFixedTime(opts.now);
  // Injected through the DevTools protocol, so the page's own CSP does not block it.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP blocked ${e.violatedDirective}: ${e.blockedURI || e.sample}`));
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${key}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${key}: ${e.message}`));
  await page.goto(url);
  await page.getByLabel('E-mailadres').fill(demoEmail(key));
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  return { context, page };
}
