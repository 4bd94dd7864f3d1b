// Fictional demo data, drawn from the worked example and the pilot's case clusters in
// ../shared/domain.md. No real person or municipality is described here.
import type { CaseCluster } from '../../shared/breakthroughs';
import type { AccessLevel, CaseRole, Functie } from '../../shared/roles';

export const DEMO_EMAIL_DOMAIN = 'demo.casustafel.nl';
const ORG = 'Gemeente Zuiderhaven';

export interface DemoAccount {
  key: string;
  name: string;
  functie: Functie;
  organisation: string;
  /** Fictional: the 000 block after Oosterhout's area code is not in use. */
  phone?: string;
  active?: boolean;
}

/** One account per role; the e-mail address is `<key>@demo.casustafel.nl`. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { key: 'procesregisseur', name: 'Priya Ramdin', functie: 'procesregisseur', organisation: ORG, phone: '0162 000 101' },
  { key: 'casusregisseur', name: 'Marieke de Vries', functie: 'casusregisseur', organisation: ORG, phone: '0162 000 102' },
  { key: 'klantmanager', name: 'Sander Willemsen', functie: 'klantmanager_pw', organisation: `${ORG}, Werk & Inkomen`, phone: '0162 000 103' },
  { key: 'wmo', name: 'Fatma Yildiz', functie: 'consulent_wmo', organisation: `${ORG}, Wmo-team`, phone: '0162 000 104' },
  { key: 'jeugd', name: 'Lotte Hendriks', functie: 'consulent_jeugd', organisation: `${ORG}, Jeugdteam`, phone: '0162 000 105' },
  { key: 'schuldhulp', name: 'Kees van Dijk', functie: 'schuldhulpverlener', organisation: `${ORG}, Schuldhulpverlening`, phone: '0162 000 106' },
  { key: 'gedragsdeskundige', name: 'Hanna Bos', functie: 'gedragsdeskundige', organisation: `${ORG}, Jeugdteam`, phone: '0162 000 107' },
  { key: 'ggz', name: 'Anouk Peeters', functie: 'extern_partner', organisation: 'GGZ Zuiderhaven (extern)', phone: '0162 000 201' },
  { key: 'teamleider', name: 'Ruud Smeets', functie: 'teamleider', organisation: `${ORG}, Sociaal Domein` },
  { key: 'wethouder', name: 'Ingrid Maas', functie: 'wethouder', organisation: `${ORG}, College van B&W` },
  { key: 'inwoner', name: 'Sanne Verbeek', functie: 'inwoner', organisation: 'Inwoner' },
  { key: 'beheer', name: 'Tom Kuipers', functie: 'functioneel_beheerder', organisation: `${ORG}, Functioneel beheer` },
  // The regisseur who left the organisation; the account is switched off.
  { key: 'vertrokken', name: 'Erik Mulder', functie: 'casusregisseur', organisation: ORG, active: false },
];

export interface DemoMember {
  key: string;
  caseRole: CaseRole;
  access: AccessLevel;
  /** Left the case this many days ago. */
  removedDaysAgo?: number;
}

export interface DemoHousehold {
  title: string;
  /** The pilot's case cluster, for the pilot figures. */
  cluster: CaseCluster;
  summary: string;
  createdDaysAgo: number;
  lastActivityDaysAgo: number;
  createdBy: string;
  regisseur: string | null;
  members: DemoMember[];
  closed?: { daysAgo: number; by: string; borgingsafspraken: string };
}

export const DEMO_HOUSEHOLDS: DemoHousehold[] = [
  {
    title: 'Gezin Verbeek',
    cluster: 'alleenstaande_ouder',
    summary:
      'Gescheiden ouders met twee kinderen (8 en 11). Moeder heeft psychiatrische klachten en heeft moeite met de zorg voor de kinderen. ' +
      'Vader is veel betrokken: hij kookt, helpt bij het naar bed brengen en blijft soms slapen. Beide ouders hebben een eigen bijstandsuitkering. ' +
      'Gedeeld doel: een stabiele psychische gezondheid van moeder, met vader betrokken.',
    createdDaysAgo: 41,
    lastActivityDaysAgo: 1,
    createdBy: 'casusregisseur',
    regisseur: 'casusregisseur',
    members: [
      { key: 'casusregisseur', caseRole: 'casusregisseur', access: 'edit' },
      { key: 'procesregisseur', caseRole: 'procesregisseur', access: 'edit' },
      { key: 'klantmanager', caseRole: 'klantmanager_pw', access: 'edit' },
      { key: 'jeugd', caseRole: 'consulent_jeugd', access: 'edit' },
      { key: 'wmo', caseRole: 'consulent_wmo', access: 'edit' },
      { key: 'gedragsdeskundige', caseRole: 'gedragsdeskundige', access: 'comment' },
      { key: 'ggz', caseRole: 'extern_partner', access: 'comment' },
      { key: 'teamleider', caseRole: 'mandaathouder', access: 'read' },
      { key: 'inwoner', caseRole: 'inwoner', access: 'comment' },
    ],
  },
  {
    title: 'Dhr. R. de Graaf',
    cluster: 'alleenstaande_verslaving',
    summary:
      'Alleenstaande man (46) met alcoholverslaving en een klein netwerk: één zus op afstand. Huurachterstand en betalingsachterstanden bij de zorgverzekeraar. ' +
      'Wil zelf: "weer grip op mijn geld en een dag die ergens over gaat".',
    createdDaysAgo: 23,
    lastActivityDaysAgo: 3,
    createdBy: 'casusregisseur',
    regisseur: 'klantmanager',
    members: [
      { key: 'casusregisseur', caseRole: 'casusregisseur', access: 'edit' },
      { key: 'klantmanager', caseRole: 'klantmanager_pw', access: 'edit' },
      { key: 'schuldhulp', caseRole: 'schuldhulpverlener', access: 'edit' },
      { key: 'wmo', caseRole: 'consulent_wmo', access: 'edit' },
      { key: 'ggz', caseRole: 'extern_partner', access: 'comment' },
    ],
  },
  {
    title: 'Gezin El Khatib',
    cluster: 'gezin_met_kinderen',
    summary:
      'Gezin met drie kinderen; de vorige regisseur is uit dienst gegaan en de casus staat sindsdien stil. Schulden, een dreigende huisuitzetting en ' +
      'zorgen over schoolverzuim van de oudste. Het gezin vraagt om "één persoon die de weg weet".',
    createdDaysAgo: 97,
    lastActivityDaysAgo: 34,
    createdBy: 'vertrokken',
    regisseur: null,
    members: [
      { key: 'vertrokken', caseRole: 'casusregisseur', access: 'edit', removedDaysAgo: 35 },
      { key: 'procesregisseur', caseRole: 'procesregisseur', access: 'edit' },
      { key: 'jeugd', caseRole: 'consulent_jeugd', access: 'edit' },
      { key: 'wmo', caseRole: 'consulent_wmo', access: 'edit' },
      { key: 'schuldhulp', caseRole: 'schuldhulpverlener', access: 'edit' },
      { key: 'wethouder', caseRole: 'mandaathouder', access: 'read' },
    ],
  },
  {
    title: 'Mw. J. Koster (18-/18+)',
    cluster: 'overgang_18',
    summary:
      'Jongere die 18 werd: de jeugdhulp stopte en volwassenenzorg sloot nog niet aan. Met een overbruggingsplan zijn woonbegeleiding en inkomen geregeld.',
    createdDaysAgo: 160,
    lastActivityDaysAgo: 12,
    createdBy: 'jeugd',
    regisseur: 'jeugd',
    members: [
      { key: 'jeugd', caseRole: 'casusregisseur', access: 'edit' },
      { key: 'procesregisseur', caseRole: 'procesregisseur', access: 'edit' },
      { key: 'klantmanager', caseRole: 'klantmanager_pw', access: 'edit' },
      { key: 'wmo', caseRole: 'consulent_wmo', access: 'edit' },
    ],
    closed: {
      daysAgo: 12,
      by: 'jeugd',
      borgingsafspraken:
        'Consulent Wmo belt over drie maanden om te horen hoe het gaat met de woonbegeleiding. Mevrouw kan zelf contact opnemen met het Wmo-team; ' +
        'bij nieuwe betalingsachterstanden meldt de woningcorporatie dit via vroegsignalering.',
    },
  },
];
