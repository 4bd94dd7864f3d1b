// Capitalised words of the field that identify nobody: laws, agencies, tools, countries. They
// are never taken for a name, a place or an organisation, and the review does not flag them.
// Compared in lower case, without accents.
import { LAWS } from '../../shared/laws';

const WORDS = [
  // laws and their parts
  'wmo', 'jeugdwet', 'participatiewet', 'pwet', 'p-wet', 'wgs', 'awb', 'wet', 'wetten', 'inburgering', 'verordening', 'beleidsregel', 'beleidsregels', 'hardheidsclausule',
  'bw', 'grondwet', 'avg', 'wlz', 'zvw', 'wsnp', 'aow', 'anw', 'ww', 'wia', 'wajong', 'toeslagen', 'kinderbijslag', 'zorgtoeslag', 'huurtoeslag', 'kindgebonden',
  // agencies and services of the field
  'gemeente', 'college', 'wethouder', 'uwv', 'svb', 'duo', 'cak', 'cjib', 'belastingdienst', 'ggz', 'ggd', 'cjg', 'jgz', 'poh', 'kopp', 'zrm', 'veilig', 'thuis', 'wijkteam',
  'jeugdteam', 'sociaal', 'domein', 'team', 'raad', 'kinderbescherming', 'rvdk', 'rechtbank', 'kantonrechter', 'politie', 'wijkagent', 'reclassering', 'coa', 'ind',
  'vluchtelingenwerk', 'schuldhulpverlening', 'schuldhulp', 'kredietbank', 'bewindvoering', 'woningcorporatie', 'huisarts', 'maatwerkloket', 'landelijk',
  'bsn', 'iban', 'digid', 'pgb', 'zin', 'msnp', 'nibud', 'lvb', 'adhd', 'ass', 'ptss', 'ivf', 'mbo', 'hbo', 'vmbo', 'havo', 'vwo', 'bso', 'kdv', 'sbo', 'vso', 'roc',
  // the product and its words
  'casustafel', 'gezinsplan', 'plan', 'beeldvorming', 'afspraken', 'intervisie', 'omgekeerde', 'toets', 'doorbraak', 'vraagstuk', 'les', 'les:', 'opmerking', 'noot',
  // tools
  'teams', 'zoom', 'word', 'excel', 'outlook', 'whatsapp', 'signal', 'facebook', 'instagram', 'google', 'tiktok', 'snapchat',
  // countries and regions (a country of origin says little on its own)
  'nederland', 'holland', 'europa', 'belgië', 'duitsland', 'frankrijk', 'spanje', 'engeland', 'italië', 'portugal', 'polen', 'bulgarije', 'roemenië', 'oekraïne', 'turkije',
  'marokko', 'suriname', 'syrië', 'eritrea', 'somalië', 'afghanistan', 'irak', 'iran', 'ethiopië', 'jemen', 'soedan', 'ghana', 'nigeria', 'indonesië', 'curaçao', 'aruba',
  'bonaire', 'antillen', 'nederlands', 'nederlandse', 'marokkaans', 'marokkaanse', 'turks', 'turkse', 'syrisch', 'syrische', 'pools', 'poolse', 'engels', 'arabisch',
  // roles written with a capital at the start of a field
  'moeder', 'vader', 'kind', 'ouder', 'grootouder', 'gezinslid', 'huishouden', 'gezin',
  // months and days (only in titles)
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
];

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export const FIELD_TERMS: ReadonlySet<string> = new Set([...WORDS, ...LAWS.flatMap((l) => [l.key, ...l.name.split(/\s+/)])].map(fold));

/** Is this word (any case, any accents, also as a hyphenated compound like "Wmo-consulent") a term of the field? */
export function isFieldTerm(word: string): boolean {
  const f = fold(word).replace(/['’]s$/, '');
  if (FIELD_TERMS.has(f)) return true;
  const parts = f.split('-');
  return parts.length > 1 && FIELD_TERMS.has(parts[0]!);
}
