// The README's SSO demo starts Casustafel with scripts/dev-idp/providers.json: it must say what
// `npm run dev:idp` serves, and pass the same validation as OIDC_PROVIDERS.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoProvidersConfig } from '../../scripts/dev-idp/accounts';
import { loadConfig } from '../../server/config';
import { isPlainBsn } from '../../server/auth/oidc/assurance';

describe('the demo provider configuration', () => {
  it('providers.json is exactly the configuration for the default ports', () => {
    expect(JSON.parse(readFileSync('scripts/dev-idp/providers.json', 'utf8'))).toEqual(demoProvidersConfig('http://localhost:9090'));
  });

  it('loads through OIDC_PROVIDERS_FILE, and a broken provider list stops the start with a Dutch message without the secret', () => {
    const config = loadConfig({ OIDC_PROVIDERS_FILE: 'scripts/dev-idp/providers.json' });
    expect(config.OIDC_PROVIDERS?.map((p) => p.id)).toEqual(['gemeente', 'digid']);
    const secret = 'heel-geheim-123456';
    expect(() => loadConfig({ OIDC_PROVIDERS: JSON.stringify([{ id: 'X', name: 'x', kind: 'medewerkers', issuer: 'http://idp.example', clientId: 'c', clientSecret: secret }]) })).toThrow(
      /Ongeldige configuratie/,
    );
    try {
      loadConfig({ OIDC_PROVIDERS: JSON.stringify([{ id: 'x', name: 'x', kind: 'inwoners', issuer: 'https://idp.example', clientId: 'c', clientSecret: secret, jit: true }]) });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain('Inwoners krijgen nooit automatisch een account');
      expect((e as Error).message).not.toContain(secret);
    }
    expect(() => loadConfig({ OIDC_PROVIDERS: 'geen json' })).toThrow(/geen geldige JSON/);
  });
});

describe('the BSN guard', () => {
  it('recognises a plain BSN (elfproef), also behind a prefix, and nothing else', () => {
    expect(isPlainBsn('999993653')).toBe(true);
    expect(isPlainBsn('s00000000:999993653')).toBe(true);
    expect(isPlainBsn('999993654')).toBe(false);
    expect(isPlainBsn('12345678')).toBe(false);
    expect(isPlainBsn('a3f9c2d1e4b5a6978877665544332211aabbccddeeff00112233445566778899')).toBe(false);
  });
});
