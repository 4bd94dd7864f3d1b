// The people in the product. Two different things are called "role" in the field:
//  - the account's function (functie): what someone is in the organisation, fixed per account;
//  - the role in a case (rol in de casus): the hat someone wears at one household's table.
// Both lists live here only; labels are the Dutch words the users themselves use.

export const FUNCTIES = [
  'procesregisseur',
  'casusregisseur',
  'klantmanager_pw',
  'consulent_wmo',
  'consulent_jeugd',
  'schuldhulpverlener',
  'consulent_inburgering',
  'gedragsdeskundige',
  'extern_partner',
  'inwoner',
  'teamleider',
  'directeur',
  'wethouder',
  'functioneel_beheerder',
] as const;
export type Functie = (typeof FUNCTIES)[number];

export const FUNCTIE_LABELS: Record<Functie, string> = {
  procesregisseur: 'Procesregisseur',
  casusregisseur: 'Casusregisseur / regievoerder',
  klantmanager_pw: 'Klantmanager Werk & Inkomen (Participatiewet)',
  consulent_wmo: 'Consulent Wmo',
  consulent_jeugd: 'Consulent Jeugd',
  schuldhulpverlener: 'Schuldhulpverlener (Wgs)',
  consulent_inburgering: 'Consulent inburgering',
  gedragsdeskundige: 'Gedragsdeskundige',
  extern_partner: 'Externe partner',
  inwoner: 'Inwoner',
  teamleider: 'Teamleider',
  directeur: 'Directeur',
  wethouder: 'Wethouder',
  functioneel_beheerder: 'Functioneel beheerder',
};

export const CASE_ROLES = [
  'procesregisseur',
  'casusregisseur',
  'klantmanager_pw',
  'consulent_wmo',
  'consulent_jeugd',
  'schuldhulpverlener',
  'consulent_inburgering',
  'gedragsdeskundige',
  'extern_partner',
  'inwoner',
  'mandaathouder',
] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

export const CASE_ROLE_LABELS: Record<CaseRole, string> = {
  procesregisseur: 'Procesregisseur',
  casusregisseur: 'Casusregisseur',
  klantmanager_pw: 'Klantmanager Participatiewet',
  consulent_wmo: 'Consulent Wmo',
  consulent_jeugd: 'Consulent Jeugd',
  schuldhulpverlener: 'Schuldhulpverlener',
  consulent_inburgering: 'Consulent inburgering',
  gedragsdeskundige: 'Gedragsdeskundige',
  extern_partner: 'Externe partner',
  inwoner: 'Inwoner / gezinslid',
  mandaathouder: 'Mandaathouder',
};

/**
 * A role or functie label inside a sentence ("ondertekend door Sander (klantmanager
 * Participatiewet)"): only the first letter lowercased, so that law names keep their capitals
 * ("consulent Wmo", never "consulent wmo").
 */
export function labelInSentence(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** Access level of a member in a case, ordered from least to most. */
export const ACCESS_LEVELS = ['read', 'comment', 'edit'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const ACCESS_LABELS: Record<AccessLevel, string> = {
  read: 'Lezen',
  comment: 'Reageren',
  edit: 'Bewerken',
};

export function accessAtLeast(have: AccessLevel, need: AccessLevel): boolean {
  return ACCESS_LEVELS.indexOf(have) >= ACCESS_LEVELS.indexOf(need);
}

export const CASE_STATUSES = ['open', 'gesloten'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Open',
  gesloten: 'Gesloten',
};
