// The demo identity provider's accounts and its two clients, as `npm run dev:idp` serves them
// and the tests use them. Fictional people; the passwords are public demo values.
import { DIGID_ACR, EIDAS_ACR } from '../../shared/schemas/oidc';
import type { IdpAccount } from './provider';

export const DEMO_IDP_PASSWORD = 'demo';

const staff = (a: Omit<IdpAccount, 'password' | 'active'> & { active?: boolean }): IdpAccount => ({ password: DEMO_IDP_PASSWORD, active: true, ...a });

export const DEMO_IDP_ACCOUNTS: IdpAccount[] = [
  // Staff of the municipality, through its own provider: groups and eIDAS levels, amr with or without a second factor.
  staff({ username: 'noor', id: 'medewerker-noor', name: 'Noor Jansen', email: 'noor.jansen@gemeente-demo.nl', groups: ['casustafel-casusregie'], acr: EIDAS_ACR.substantial, amr: ['pwd', 'otp', 'mfa'] }),
  staff({ username: 'bram', id: 'medewerker-bram', name: 'Bram de Boer', email: 'bram.deboer@gemeente-demo.nl', groups: ['afdeling-facilitair'], acr: EIDAS_ACR.substantial, amr: ['pwd', 'otp', 'mfa'] }),
  staff({ username: 'eva', id: 'medewerker-eva', name: 'Eva Smit', email: 'eva.smit@gemeente-demo.nl', groups: ['casustafel-beheer'], acr: EIDAS_ACR.low, amr: ['pwd'] }),
  staff({ username: 'lotte', id: 'medewerker-lotte', name: 'Lotte Hendriks', email: 'jeugd@demo.casustafel.nl', groups: ['casustafel-jeugd'], acr: EIDAS_ACR.substantial, amr: ['pwd', 'otp', 'mfa'] }),
  staff({ username: 'geenacr', id: 'medewerker-geenacr', name: 'Sem Visser', email: 'sem.visser@gemeente-demo.nl', groups: ['casustafel-casusregie'], amr: ['pwd'] }),
  staff({ username: 'oud', id: 'medewerker-oud', name: 'Erik Mulder', email: 'erik.mulder@gemeente-demo.nl', groups: ['casustafel-casusregie'], acr: EIDAS_ACR.substantial, amr: ['pwd', 'otp', 'mfa'], active: false }),
  // Residents, through the (imitated) DigiD broker: DigiD levels, no e-mail, a pseudonym per client.
  staff({ username: 'sanne', id: 'inwoner-sanne', name: 'S. Verbeek', acr: DIGID_ACR.substantieel, amr: ['pwd', 'app'] }),
  staff({ username: 'basis', id: 'inwoner-basis', name: 'J. de Graaf', acr: DIGID_ACR.basis, amr: ['pwd'] }),
];

/** Casustafel's provider ids for the two clients (the ids in its OIDC_PROVIDERS). */
export const DEMO_PROVIDER_IDS = { staff: 'gemeente', residents: 'digid' } as const;
export const DEMO_CLIENTS = {
  staff: { clientId: 'casustafel-medewerkers', clientSecret: 'demo-geheim-medewerkers-alleen-lokaal' },
  residents: { clientId: 'casustafel-inwoners', clientSecret: 'demo-geheim-inwoners-alleen-lokaal' },
} as const;

/** Casustafel's OIDC_PROVIDERS for this demo provider. */
export function demoProvidersConfig(issuer: string) {
  return [
    {
      id: DEMO_PROVIDER_IDS.staff,
      name: 'Gemeente Demo (SSO)',
      kind: 'medewerkers' as const,
      issuer,
      clientId: DEMO_CLIENTS.staff.clientId,
      clientSecret: DEMO_CLIENTS.staff.clientSecret,
      scopes: 'openid email profile groups',
      organisation: 'Gemeente Demo',
      acrLevels: [EIDAS_ACR.low, EIDAS_ACR.substantial, EIDAS_ACR.high],
      assurance: [
        { functie: '*' as const, minAcr: EIDAS_ACR.low },
        { functie: 'functioneel_beheerder' as const, mfa: true },
        { functie: 'procesregisseur' as const, minAcr: EIDAS_ACR.substantial },
      ],
      groupFuncties: { 'casustafel-casusregie': 'casusregisseur' as const, 'casustafel-jeugd': 'consulent_jeugd' as const, 'casustafel-beheer': 'functioneel_beheerder' as const },
    },
    {
      id: DEMO_PROVIDER_IDS.residents,
      name: 'DigiD',
      kind: 'inwoners' as const,
      issuer,
      clientId: DEMO_CLIENTS.residents.clientId,
      clientSecret: DEMO_CLIENTS.residents.clientSecret,
    },
  ];
}
