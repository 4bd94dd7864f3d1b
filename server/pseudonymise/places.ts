// Places, schools and employers in free text. A place is found two ways: by name, from the list
// of Dutch municipalities below (and some larger towns within them), wherever it is written
// with a capital; and by grammar, as a capitalised word after "in", "te", "uit", "naar",
// "gemeente" or "regio" ("woont in Rijsbergen", "woonachtig te Oud Gastel"). Schools go after a
// school word ("basisschool De Regenboog", "bso Kiekeboe") and when the school word is part of
// the name ("Da Vinci College", "Jozefschool"); employers after "werkt bij" and the like.
// What this cannot find is listed in README.md.
import { type Marker, MARKER_SRC } from './marker';
import { isFieldTerm } from './terms';

// ---------------------------------------------------------------- the list

/**
 * Dutch municipalities (2024), by province, with a few larger towns that are no municipality of
 * their own. Written for this module; spelled as the municipality spells itself, the Frisian
 * names also without accents. A name that is also an ordinary word ("Best", "Buren") is in
 * AMBIGUOUS_PLACES too.
 */
const PLACES_BY_PROVINCE: Record<string, string> = {
  groningen: 'Groningen, Midden-Groningen, Eemsdelta, Het Hogeland, Westerkwartier, Oldambt, Pekela, Veendam, Stadskanaal, Westerwolde, Delfzijl, Winschoten, Hoogezand, Appingedam',
  friesland:
    'Leeuwarden, Súdwest-Fryslân, Sudwest-Fryslan, Heerenveen, Smallingerland, Drachten, Sneek, Harlingen, Waadhoeke, Noardeast-Fryslân, Noardeast-Fryslan, Dantumadiel, Achtkarspelen, Tytsjerksteradiel, Tietjerksteradeel, Opsterland, Ooststellingwerf, Weststellingwerf, De Fryske Marren, Terschelling, Vlieland, Ameland, Schiermonnikoog, Franeker, Dokkum, Bolsward, Joure, Wolvega',
  drenthe: 'Assen, Emmen, Hoogeveen, Meppel, Coevorden, Borger-Odoorn, Aa en Hunze, Tynaarlo, Noordenveld, Westerveld, Midden-Drenthe, De Wolden, Roden, Beilen',
  overijssel:
    'Zwolle, Enschede, Deventer, Almelo, Hengelo, Kampen, Oldenzaal, Hardenberg, Rijssen-Holten, Hof van Twente, Haaksbergen, Borne, Tubbergen, Dinkelland, Losser, Wierden, Twenterand, Hellendoorn, Ommen, Dalfsen, Raalte, Olst-Wijhe, Zwartewaterland, Steenwijkerland, Staphorst, Steenwijk, Nijverdal, Genemuiden',
  flevoland: 'Almere, Lelystad, Dronten, Zeewolde, Noordoostpolder, Urk, Emmeloord',
  gelderland:
    'Arnhem, Nijmegen, Apeldoorn, Ede, Doetinchem, Zutphen, Harderwijk, Tiel, Culemborg, Wijchen, Renkum, Rheden, Rozendaal, Overbetuwe, Lingewaard, Zevenaar, Duiven, Westervoort, Montferland, Oude IJsselstreek, Aalten, Winterswijk, Oost Gelre, Berkelland, Bronckhorst, Lochem, Brummen, Voorst, Epe, Heerde, Hattem, Elburg, Oldebroek, Nunspeet, Ermelo, Putten, Nijkerk, Barneveld, Scherpenzeel, Wageningen, Neder-Betuwe, Buren, West Betuwe, West Maas en Waal, Druten, Beuningen, Berg en Dal, Heumen, Maasdriel, Zaltbommel, Doesburg, Oosterbeek, Velp, Elst, Groesbeek, Dieren',
  utrecht:
    'Utrecht, Amersfoort, Nieuwegein, Veenendaal, Zeist, Houten, IJsselstein, Woerden, Stichtse Vecht, De Bilt, De Ronde Venen, Utrechtse Heuvelrug, Wijk bij Duurstede, Lopik, Montfoort, Oudewater, Vijfheerenlanden, Bunnik, Baarn, Soest, Leusden, Woudenberg, Rhenen, Renswoude, Bunschoten, Eemnes, Maarssen, Bilthoven, Driebergen, Doorn, Vianen, Mijdrecht',
  noordHolland:
    'Amsterdam, Haarlem, Zaanstad, Zaandam, Haarlemmermeer, Hoofddorp, Alkmaar, Hilversum, Amstelveen, Purmerend, Hoorn, Velsen, IJmuiden, Den Helder, Gooise Meren, Bussum, Naarden, Dijk en Waard, Heerhugowaard, Langedijk, Hollands Kroon, Schagen, Beverwijk, Heemskerk, Castricum, Uitgeest, Heiloo, Bergen, Texel, Medemblik, Opmeer, Koggenland, Drechterland, Enkhuizen, Stede Broec, Edam-Volendam, Volendam, Waterland, Landsmeer, Oostzaan, Wormerland, Zandvoort, Bloemendaal, Heemstede, Aalsmeer, Uithoorn, Ouder-Amstel, Diemen, Huizen, Laren, Blaricum, Wijdemeren, Weesp',
  zuidHolland:
    "Rotterdam, Den Haag, 's-Gravenhage, Leiden, Dordrecht, Zoetermeer, Delft, Alphen aan den Rijn, Westland, Gouda, Schiedam, Vlaardingen, Leidschendam-Voorburg, Voorburg, Scheveningen, Rijswijk, Capelle aan den IJssel, Katwijk, Nissewaard, Spijkenisse, Barendrecht, Ridderkerk, Lansingerland, Pijnacker-Nootdorp, Zwijndrecht, Hoeksche Waard, Goeree-Overflakkee, Voorne aan Zee, Brielle, Hellevoetsluis, Westvoorne, Gorinchem, Papendrecht, Sliedrecht, Alblasserdam, Hendrik-Ido-Ambacht, Hardinxveld-Giessendam, Molenlanden, Krimpenerwaard, Krimpen aan den IJssel, Waddinxveen, Bodegraven-Reeuwijk, Zuidplas, Nieuwkoop, Kaag en Braassem, Leiderdorp, Oegstgeest, Voorschoten, Wassenaar, Zoeterwoude, Teylingen, Lisse, Hillegom, Noordwijk, Midden-Delfland, Maassluis, Albrandswaard, Hoogvliet, Naaldwijk, Gorkum",
  zeeland: 'Middelburg, Vlissingen, Goes, Terneuzen, Hulst, Sluis, Veere, Schouwen-Duiveland, Zierikzee, Noord-Beveland, Reimerswaal, Kapelle, Borsele, Tholen',
  noordBrabant:
    "'s-Hertogenbosch, Den Bosch, Eindhoven, Tilburg, Breda, Helmond, Oss, Roosendaal, Bergen op Zoom, Oosterhout, Meierijstad, Veghel, Land van Cuijk, Cuijk, Boxmeer, Maashorst, Uden, Waalwijk, Veldhoven, Etten-Leur, Altena, Moerdijk, Dongen, Geertruidenberg, Drimmelen, Halderberge, Rucphen, Zundert, Alphen-Chaam, Baarle-Nassau, Goirle, Hilvarenbeek, Oisterwijk, Gilze en Rijen, Woensdrecht, Steenbergen, Loon op Zand, Heusden, Vught, Sint-Michielsgestel, Boxtel, Bernheze, Oirschot, Best, Son en Breugel, Nuenen, Geldrop-Mierlo, Heeze-Leende, Cranendonck, Valkenswaard, Waalre, Bergeijk, Eersel, Bladel, Reusel-De Mierden, Laarbeek, Boekel, Gemert-Bakel, Deurne, Asten, Someren, Rosmalen, Schijndel, Sint-Oedenrode, Teteringen, Prinsenbeek, Raamsdonksveer, Kaatsheuvel, Drunen",
  limburg:
    'Maastricht, Heerlen, Sittard-Geleen, Sittard, Geleen, Kerkrade, Landgraaf, Brunssum, Beekdaelen, Simpelveld, Voerendaal, Gulpen-Wittem, Vaals, Eijsden-Margraten, Meerssen, Valkenburg aan de Geul, Beek, Stein, Echt-Susteren, Roerdalen, Roermond, Maasgouw, Leudal, Nederweert, Weert, Peel en Maas, Beesel, Venlo, Horst aan de Maas, Venray, Gennep, Mook en Middelaar, Hoensbroek',
};

/** Places whose name is also an ordinary word: not replaced at the start of a sentence ("Best is …", "Buren klagen"). */
const AMBIGUOUS_PLACES = new Set(['Best', 'Buren', 'Bergen', 'Hoorn', 'Putten', 'Sluis', 'Huizen', 'Duiven', 'Beek', 'Stein', 'Laren', 'Leiden', 'Delft', 'Weert', 'Goes', 'Doorn', 'Kampen', 'Losser', 'Hulst', 'Assen', 'Voorst', 'Elst', 'Velp', 'Epe', 'Ede', 'Borne', 'Tholen', 'Veere', 'Ommen', 'Texel', 'Urk']);

export const PLACE_NAMES: readonly string[] = Object.values(PLACES_BY_PROVINCE).flatMap((list) => list.split(',').map((p) => p.trim()).filter(Boolean));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

/** One place as a regex source: as written, spaces and hyphens interchangeable, apostrophes in any form. */
function placeSource(place: string): string {
  return escape(place)
    .replace(/[\s-]+/g, '[\\s\\-‐]+')
    .replace(/'/g, "['’]");
}

const PLACE_VARIANTS = [...new Set(PLACE_NAMES.flatMap((p) => [p, stripAccents(p), p.toUpperCase(), stripAccents(p).toUpperCase()]))].sort((a, b) => b.length - a.length);
const KNOWN_PLACE = new RegExp(`(?<![\\p{L}\\p{N}])(?=[\\p{Lu}'’])(?:${PLACE_VARIANTS.map(placeSource).join('|')})(?:[\\-‐]\\p{Lu}\\p{Ll}+)*(?:['’]?s)?(?![\\p{L}\\p{N}])`, 'gu');
const AMBIGUOUS_KEYS = new Set([...AMBIGUOUS_PLACES].flatMap((p) => [p, p.toUpperCase()]));

/** At the start of the text, a line, a list item or a sentence. */
const atSentenceStart = (before: string) => /(?:^|[.!?:;]\s+|\n[\s\-•*–]*)$/u.test(before);

// ---------------------------------------------------------------- by grammar

/** Capitalised words after a place word that are no place: laws, agencies, tools, countries, months. */
const NOT_A_PLACE = new Set(
  [
    'wmo', 'jeugdwet', 'participatiewet', 'wgs', 'awb', 'wet', 'wetten', 'inburgering', 'zrm', 'jeugd', 'jeugdzorg', 'veilig', 'thuis', 'ggz', 'ggd', 'cjg', 'uwv', 'svb', 'duo', 'cak',
    'belastingdienst', 'wijkteam', 'sociaal', 'team', 'gemeente', 'regio', 'casustafel', 'gezinsplan', 'plan', 'beeldvorming', 'afspraken', 'overleg', 'intervisie',
    'teams', 'zoom', 'word', 'excel', 'outlook', 'whatsapp', 'signal', 'facebook', 'instagram', 'google', 'nederland', 'holland', 'europa', 'belgië', 'belgie', 'duitsland',
    'frankrijk', 'spanje', 'engeland', 'italië', 'italie', 'portugal', 'polen', 'bulgarije', 'roemenië', 'roemenie', 'oekraïne', 'oekraine', 'turkije', 'marokko',
    'suriname', 'syrië', 'syrie', 'eritrea', 'somalië', 'somalie', 'afghanistan', 'irak', 'iran', 'ethiopië', 'ethiopie', 'jemen', 'soedan', 'sudan', 'ghana', 'nigeria',
    'indonesië', 'indonesie', 'curaçao', 'curacao', 'aruba', 'bonaire', 'antillen', 'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus',
    'september', 'oktober', 'november', 'december', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'fase', 'stap', 'week', 'bijlage',
    'hoofdstuk', 'artikel', 'deel', 'de', 'het', 'een', 'dit', 'dat', 'die', 'deze', 'hij', 'zij', 'ze', 'ik', 'wij', 'we', 'jullie', 'u', 'er', 'daar', 'hier', 'overleg',
  ].map((w) => w.toLowerCase()),
);

const WORD = "(?:IJ|\\p{Lu})\\p{Ll}[\\p{L}'’]*";
const JOIN = "(?:[\\-‐]|\\s+(?:(?:aan|op|en|bij|in|de|den|der|van|het|a/d)\\s+)*)";
const PLACE_SRC = `(?:['’][st][\\s\\-‐])?${WORD}(?:${JOIN}${WORD}){0,4}`;
const PLACE_WORDS = ['in', 'te', 'uit', 'naar', 'vanuit', 'nabij', 'richting', 'gemeente', 'regio', 'woonplaats', 'geboorteplaats'];
const capitalOptional = (w: string) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`;
const AFTER_PLACE_WORD = new RegExp(`(?<![\\p{L}\\p{N}])((?:${PLACE_WORDS.map(capitalOptional).join('|')})\\s*:?[ \\t]+)(${PLACE_SRC})(?![\\p{L}\\p{N}])`, 'gu');

/** "[adres], Oosterhout", "[postcode] Oosterhout": the place right after an address that went. */
const AFTER_ADDRESS = new RegExp(`(${MARKER_SRC})(?:,?[ \\t]+)(${PLACE_SRC})(?![\\p{L}\\p{N}])`, 'gu');

const firstWord = (s: string) => s.replace(/^['’][st][\s\-‐]/, '').split(/[\s\-‐]+/)[0]!.toLowerCase();

/** Every place this module can see in a text becomes "[plaats]" (after an address: part of "[adres]"). */
export function replacePlaces(text: string, marker: Marker): string {
  const notAPlace = (place: string) => NOT_A_PLACE.has(firstWord(place)) || isFieldTerm(firstWord(place));
  let out = text.replace(AFTER_ADDRESS, (match, m: string, place: string) => {
    const e = marker.entryOf(m);
    return e && 'r' in e && (e.kind === 'adres' || e.kind === 'postcode') && !notAPlace(place) ? m : match;
  });
  out = out.replace(KNOWN_PLACE, (match, offset: number, whole: string) => {
    const bare = match.replace(/['’]?s$/, '');
    if ((AMBIGUOUS_KEYS.has(bare) || AMBIGUOUS_KEYS.has(match)) && atSentenceStart(whole.slice(0, offset))) return match;
    return marker.replace('plaats', 'b');
  });
  out = out.replace(AFTER_PLACE_WORD, (match, lead: string, place: string) => (notAPlace(place) ? match : `${lead}${marker.replace('plaats', 'b')}`));
  return out;
}

// ---------------------------------------------------------------- schools and employers

/** A word in any letter case, without the `i` flag (which would make \p{Lu} match lower case too). */
const anyCase = (src: string) => src.replace(/(?<!\\)\p{L}/gu, (ch) => `[${ch.toLowerCase()}${ch.toUpperCase()}]`);

/** A capitalised word of a name, also in capitals or with digits ("ROC", "Kiekeboe", "Curio", "T-Mobile", "2College"). */
const NAME_WORD = "(?:\\p{Lu}|\\p{N})(?:[\\p{L}\\p{N}'’&+-]|\\.(?=\\p{L}))*";
const NAME_SRC = `(?:(?:[Dd]e|[Hh]et|['’][tT]|St\\.?|Sint)\\s+)?${NAME_WORD}(?:\\s+(?:(?:van|de|der|den|het|en|&)\\s+)?${NAME_WORD}){0,3}`;

const SCHOOL_WORDS = [
  'basisschool', 'basisscholen', 'school', 'scholen', 'kinderopvang', 'bso', 'kdv', 'kinderdagverblijf', 'peuterspeelzaal', 'peuteropvang', 'buitenschoolse opvang',
  'naschoolse opvang', 'opvang', 'creche', 'crèche', 'college', 'lyceum', 'gymnasium', 'scholengemeenschap', 'sbo', 'vso', 'praktijkschool', 'speciaal onderwijs', 'mavo',
  'havo', 'vwo', 'vmbo', 'mbo', 'hbo', 'roc', 'hogeschool', 'universiteit', 'kindcentrum', 'ikc', 'kinderdagopvang', 'gastouderbureau', 'gastouder',
];
const AFTER_SCHOOL_WORD = new RegExp(`(?<![\\p{L}\\p{N}])((?:${SCHOOL_WORDS.map((w) => anyCase(w).replace(/ /g, '\\s+')).join('|')})[ \\t]+)(${NAME_SRC})(?![\\p{L}\\p{N}])`, 'gu');
/** The school word as part of the name: "Da Vinci College", "Stedelijk Gymnasium", "Jozefschool", "Montessorischool". */
const SCHOOL_SUFFIX_WORDS = ['College', 'Lyceum', 'Gymnasium', 'Scholengemeenschap', 'Campus', 'Academie', 'Basisschool', 'School', 'Kindcentrum'];
const NAMED_SCHOOL = new RegExp(`(?<![\\p{L}\\p{N}])(?:${NAME_WORD}\\s+){1,3}(?:${SCHOOL_SUFFIX_WORDS.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
const SCHOOL_COMPOUND = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}'’-]*school(?![\p{L}\p{N}])/gu;
/** Compounds on -school that are kinds of school, not names ("Basisschool", at the start of a sentence). */
const SCHOOL_KINDS = new Set(['basisschool', 'school', 'hogeschool', 'kleuterschool', 'muziekschool', 'rijschool', 'zwemschool', 'taalschool', 'dansschool', 'vakschool', 'zondagsschool', 'huiswerkschool', 'praktijkschool', 'dagschool', 'avondschool', 'zomerschool', 'brugklasschool', 'middelbare-school', 'lagere-school', 'internationale-school', 'nieuwkomersschool', 'schakelschool', 'taalschakelschool', 'montessorischool', 'daltonschool', 'jenaplanschool', 'vrijeschool', 'waldorfschool']);

const EMPLOYER_LEAD = new RegExp(
  `(?<![\\p{L}])((?:${['werk', 'werkt', 'werkte', 'werken', 'werkzaam', 'in dienst', 'stage', 'stageplek', 'stageplaats', 'baan', 'bijbaan', 'vrijwilligerswerk', 'vrijwilliger', 'gedetacheerd', 'solliciteert', 'solliciteerde', 'ontslagen', 'leerwerkplek', 'proefplaatsing', 'werkervaringsplek'].map((w) => anyCase(w).replace(/ /g, '\\s+')).join('|')})(?:\\s+[\\p{Ll}\\p{N}\\[\\]]+){0,4}\\s+(?:bij|voor|van)\\s+|[Ww]erkgever\\s*:?\\s+)(${NAME_SRC})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** The names a field uses for its own agencies and laws, which stay: "werkt samen met Veilig Thuis" is no employer to hide. */
const NOT_AN_ORGANISATION = new Set(['wmo', 'jeugdwet', 'participatiewet', 'wgs', 'awb', 'zrm', 'de', 'het', 'een', 'ik', 'hij', 'zij', 'ze', 'we', 'wij', 'u', 'hem', 'haar', 'hen', 'zichzelf', 'mij', 'ons', 'jullie']);

const orgFirst = (s: string) => s.split(/\s+/)[0]!.toLowerCase();

/** A school's name becomes "[naam]" after its school word and "[school]" when the school word is part of the name; an employer "[organisatie]". */
export function replaceOrganisations(text: string, marker: Marker): string {
  let out = text.replace(AFTER_SCHOOL_WORD, (match, lead: string, name: string) => {
    const words = name.split(/\s+/);
    // "school De juf zei …": an article with nothing capitalised after it is no name.
    if (words.length === 1 && /^(?:de|het|['’]t)$/i.test(words[0]!)) return match;
    return (NOT_AN_ORGANISATION.has(orgFirst(name)) || NOT_A_PLACE.has(orgFirst(name))) && words.length === 1 ? match : `${lead}${marker.replace('school', 'b', '[naam]')}`;
  });
  out = out.replace(NAMED_SCHOOL, (match) => (match.split(/\s+/).every((w) => NOT_AN_ORGANISATION.has(w.toLowerCase()) || SCHOOL_SUFFIX_WORDS.includes(w)) ? match : marker.replace('school', 'b')));
  out = out.replace(SCHOOL_COMPOUND, (match) => (SCHOOL_KINDS.has(match.toLowerCase()) ? match : marker.replace('school', 'b')));
  out = out.replace(EMPLOYER_LEAD, (match, lead: string, name: string) => (NOT_AN_ORGANISATION.has(orgFirst(name)) || NOT_A_PLACE.has(orgFirst(name)) || isFieldTerm(orgFirst(name)) ? match : `${lead}${marker.replace('organisatie', 'b')}`));
  return out;
}
