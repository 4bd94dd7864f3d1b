// Unicode first: every layer works on NFKC text, so full-width digits ("１２３"), ligatures
// ("ĳ"), superscripts and compatibility spaces read as what they look like, and an
// identifier cannot slip past a detector by being written in look-alike characters.
// Invisible characters (zero-width spaces and joiners, soft hyphens) go: they would split a
// name or a number for a detector and disappear for a reader.

const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
const ODD_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// Hyphens and minus signs of every kind; an en or em dash only between letters or digits
// ("NL91–ABNA", "3–5"), where it joins rather than separates a phrase.
const HYPHENS = /[\u2010-\u2012\u2212\uFE58\uFE63\uFF0D]/g;
const JOINING_DASH = /(?<=[\p{L}\p{N}])[\u2013\u2014](?=[\p{L}\p{N}])/gu;

export function normalise(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(ODD_SPACE, ' ').replace(HYPHENS, '-').replace(JOINING_DASH, '-');
}

/** The form in which names and words are compared: normalised, no accents, lower case. */
export function fold(text: string): string {
  return normalise(text).normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase();
}
