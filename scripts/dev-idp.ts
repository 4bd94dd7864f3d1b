// `npm run dev:idp`: the demo identity provider on http://localhost:9090 (IDP_PORT), for
// Casustafel on http://127.0.0.1:8080 (APP_ORIGIN). Prints how to start Casustafel with it.
import { DEMO_IDP_ACCOUNTS, DEMO_IDP_PASSWORD, DEMO_PROVIDER_IDS, DEMO_CLIENTS, demoProvidersConfig } from './dev-idp/accounts';
import { startIdp } from './dev-idp/provider';

const port = Number(process.env.IDP_PORT ?? 9090);
const appOrigin = new URL(process.env.APP_ORIGIN ?? 'http://127.0.0.1:8080').origin;
const idp = await startIdp({ port, accounts: DEMO_IDP_ACCOUNTS });
idp.configure([
  { ...DEMO_CLIENTS.staff, appOrigin, providerIds: [DEMO_PROVIDER_IDS.staff] },
  { ...DEMO_CLIENTS.residents, appOrigin, providerIds: [DEMO_PROVIDER_IDS.residents], pairwise: true },
]);
console.log(`Demo-identiteitsprovider draait op ${idp.issuer} (voor Casustafel op ${appOrigin}).`);
console.log(`Accounts (wachtwoord "${DEMO_IDP_PASSWORD}"): ${DEMO_IDP_ACCOUNTS.map((a) => `${a.username}${a.active ? '' : ' (gedeactiveerd)'}`).join(', ')}`);
console.log('Start Casustafel in een tweede terminal met:');
if (idp.issuer === 'http://localhost:9090' && appOrigin === 'http://127.0.0.1:8080') console.log('  OIDC_PROVIDERS_FILE=scripts/dev-idp/providers.json npm start');
else console.log(`  OIDC_PROVIDERS='${JSON.stringify(demoProvidersConfig(idp.issuer))}' npm start`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void idp.close().then(() => process.exit(0)));
