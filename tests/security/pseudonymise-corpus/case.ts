// The case behind the corpus: what its structured data knows (layer a's source). A family with
// particles in its name, a father whose surname is only in the free-text relation, children with
// names that have diminutives and accents, professionals with e-mail addresses and phone numbers,
// and an external partner whose organisation names a care provider.
import type { CaseSnapshot } from '../../../server/pseudonymise';

export const CORPUS_CASE: CaseSnapshot = {
  title: 'Gezin Van der Berg',
  summary: '',
  startedOn: '2025-09-01',
  plan: {
    sections: [],
    household: [
      { id: 'h1', voornaam: 'Sanne', relatie: 'moeder', geboortejaar: 1988 },
      { id: 'h2', voornaam: 'Ahmed', relatie: 'vader (Ahmed El Amrani, woont apart)', geboortejaar: 1985 },
      { id: 'h3', voornaam: 'Noor', relatie: 'dochter', geboortejaar: 2014 },
      { id: 'h4', voornaam: 'Daan', relatie: 'zoon', geboortejaar: 2017 },
      { id: 'h5', voornaam: 'Zoë', relatie: 'dochter', geboortejaar: 2020 },
      { id: 'h6', voornaam: 'Jan-Willem', relatie: 'pleegzoon', geboortejaar: 2009 },
    ],
    zrm: [],
  },
  goals: [],
  vraagstukken: [],
  deviations: [],
  people: [
    { name: 'Marieke de Vries', caseRole: 'casusregisseur', functie: 'casusregisseur', atTable: true, email: 'marieke.devries@gemeente.example', phone: '0162-000102' },
    { name: 'Sander Willemsen', caseRole: 'klantmanager_pw', functie: 'klantmanager_pw', atTable: true, email: 's.willemsen@gemeente.example', phone: '0162 000 103' },
    { name: 'Fatma Yildiz', caseRole: 'consulent_wmo', functie: 'consulent_wmo', atTable: true, email: 'f.yildiz@gemeente.example', phone: null },
    { name: 'Anouk Peeters', caseRole: 'extern_partner', functie: 'extern_partner', atTable: true, email: 'a.peeters@zuiderhaven.example', phone: '076 530 22 11', organisation: 'GGZ Zuiderhaven (extern)' },
    { name: 'Ruud Smeets', caseRole: 'mandaathouder', functie: 'teamleider', atTable: true, email: null, phone: null },
    { name: 'Erik Mulder', caseRole: 'casusregisseur', functie: 'casusregisseur', atTable: false, email: 'e.mulder@gemeente.example', phone: null },
    { name: 'Sanne van der Berg', caseRole: 'inwoner', functie: 'inwoner', atTable: true, email: 's.vanderberg@post.example', phone: '06-48291734' },
  ],
};
