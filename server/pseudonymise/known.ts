// Layer a: what the case itself knows. Every name, phone number, e-mail address and
// organisation in the case's structured data (the household, the title, everyone who sat at the
// table or decided something, their contact details) is replaced wherever it occurs, in any
// spelling: any letter case, with or without accents, in full-width or other look-alike
// characters (the text is NFKC-normalised first), with initials in front ("S. Verbeek"), a
// diminutive ("Noortje") or a possessive ("Sanne's", "Sannes") behind, with its particles in
// any case ("van der Berg", "Van der Berg", "VAN DER BERG") and as half of a double surname
// ("Verbeek-Jansen"). A known first name takes the surname after it along ("Sanne van der
// Berg" -> "moeder"), also when that surname was never registered.
//
// The index is keyed: it holds HMAC-SHA256 digests of the folded names, with a random key per
// copy, and the role or placeholder each one becomes. A session keeps its index, so a story
// published from it later is checked against the same household without the session holding
// a single name in plain text.
import { createHmac, randomBytes } from 'node:crypto';
import { isDutchWord } from './dictionary';
import { fold, normalise } from './normalise';
import { isFieldTerm } from './terms';

export type KnownKind = 'naam' | 'telefoon' | 'e-mail' | 'organisatie';

export interface KnownName {
  /** A full name, a first name, a family name, an organisation: anything that must not appear. */
  name: string;
  replacement: string;
  kind?: KnownKind;
}

interface Entry {
  replacement: string;
  kind: KnownKind;
  /** A name that is also an ordinary word ("Roos", "Bos"): only with a capital. */
  capitalOnly: boolean;
}

export interface KnownIndexJson {
  key: string;
  maxTokens: number;
  entries: [string, Entry][];
}

// Surname particles: on their own they name nobody.
export const PARTICLES = new Set(['de', 'van', 'der', 'den', 'het', 'ten', 'ter', 'te', 'in', "'t", 't', 'op', 'la', 'le', 'du', 'da', 'di', 'del', 'dos', 'el', 'al', 'von', 'zu', 'bin', 'ben', 'ibn', 'abu', 'vande', 'vander']);
const ADDRESS = new Set(['gezin', 'familie', 'fam', 'huishouden', 'dhr', 'mevr', 'mw', 'mr', 'heer', 'mevrouw', 'meneer', 'jr', 'sr', 'extern', 'inwoner']);

const WORD = /[\p{L}][\p{L}'’]*/gu;

const digitsOf = (s: string) => {
  const d = normalise(s).replace(/\D/g, '');
  return d.startsWith('0031') ? `0${d.slice(4)}` : d.startsWith('31') && d.length === 11 ? `0${d.slice(2)}` : d;
};

/** The whole name and each word of it that can identify someone on its own, and the surname with its particles. */
export function nameAndParts(name: string, replacement: string, partReplacement = replacement): KnownName[] {
  const full = normalise(name).replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  if (!full) return [];
  const out: KnownName[] = [{ name: full, replacement }];
  const parts = full.split(/[\s\-]+/).filter(Boolean);
  for (const w of parts) {
    const bare = w.replace(/[.,]$/, '');
    const f = fold(bare);
    if (bare.length < 2 || PARTICLES.has(f) || ADDRESS.has(f) || /^\p{L}\.?$/u.test(bare) || isFieldTerm(bare)) continue;
    if (/^[\p{L}'’]+$/u.test(bare)) out.push({ name: bare, replacement: partReplacement });
  }
  // "de Graaf", "van der Berg": the family name with its particles is a name of its own.
  const firstName = parts.findIndex((w) => !PARTICLES.has(fold(w)));
  const particleAt = parts.findIndex((w, i) => i > firstName && PARTICLES.has(fold(w)));
  if (particleAt > 0) out.push({ name: parts.slice(particleAt).join(' '), replacement: partReplacement });
  return out;
}

/** Capitalised words of a free text that could be names ("vader (Ahmed Yilmaz)"): each becomes a known name. */
export function namesInFreeText(text: string, replacement: string): KnownName[] {
  const out: KnownName[] = [];
  for (const m of normalise(text).matchAll(WORD)) {
    const w = m[0];
    if (w.length < 2 || !/^\p{Lu}/u.test(w) || PARTICLES.has(fold(w)) || ADDRESS.has(fold(w)) || isFieldTerm(w)) continue;
    out.push({ name: w, replacement });
  }
  return out;
}

export function phoneEntry(phone: string | null | undefined, replacement = '[telefoon]'): KnownName[] {
  return phone && digitsOf(phone).length >= 6 ? [{ name: phone, replacement, kind: 'telefoon' }] : [];
}

export function emailEntry(email: string | null | undefined): KnownName[] {
  return email && email.includes('@') ? [{ name: email, replacement: '[e-mail]', kind: 'e-mail' }] : [];
}

export class KnownIndex {
  private constructor(
    private readonly key: Buffer,
    private readonly entries: Map<string, Entry>,
    readonly maxTokens: number,
  ) {}

  private digest(s: string): string {
    return createHmac('sha256', this.key).update(s).digest('hex').slice(0, 32);
  }

  /** The first registration of a name wins: register the household first. */
  static build(known: readonly KnownName[], key: Buffer = randomBytes(32)): KnownIndex {
    const index = new KnownIndex(key, new Map(), 1);
    let maxTokens = 1;
    for (const k of known) {
      const kind = k.kind ?? 'naam';
      let folded: string;
      if (kind === 'telefoon') folded = `#tel:${digitsOf(k.name)}`;
      else if (kind === 'e-mail') folded = `#mail:${fold(k.name).trim()}`;
      else {
        const tokens = [...fold(k.name).matchAll(WORD)].map((m) => m[0].replace(/’/g, "'"));
        if (tokens.length === 0 || (tokens.length === 1 && tokens[0]!.length < 2)) continue;
        folded = tokens.join(' ');
        maxTokens = Math.max(maxTokens, tokens.length);
      }
      const digest = index.digest(folded);
      if (index.entries.has(digest)) continue;
      const single = !folded.includes(' ') && !folded.startsWith('#');
      index.entries.set(digest, { replacement: k.replacement, kind, capitalOnly: single && isDutchWord(folded) });
    }
    return new KnownIndex(key, index.entries, maxTokens);
  }

  static fromJson(json: KnownIndexJson): KnownIndex {
    return new KnownIndex(Buffer.from(json.key, 'base64'), new Map(json.entries), json.maxTokens);
  }

  toJson(): KnownIndexJson {
    return { key: this.key.toString('base64'), maxTokens: this.maxTokens, entries: [...this.entries] };
  }

  get size(): number {
    return this.entries.size;
  }

  lookupName(foldedTokens: readonly string[]): Entry | undefined {
    return this.entries.get(this.digest(foldedTokens.join(' ')));
  }

  lookupPhone(text: string): Entry | undefined {
    return this.entries.get(this.digest(`#tel:${digitsOf(text)}`));
  }

  lookupEmail(text: string): Entry | undefined {
    return this.entries.get(this.digest(`#mail:${fold(text).trim()}`));
  }
}

// ---------------------------------------------------------------- matching in text

export interface KnownHit {
  start: number;
  end: number;
  replacement: string;
  kind: KnownKind;
}

/** What a possessive of a replacement reads like: "moeders", "kind 1’s". */
export function possessive(replacement: string): string {
  return /[\p{L}]$/u.test(replacement) && !/[aeiouy]$/i.test(replacement) ? `${replacement}s` : `${replacement}’s`;
}

const DIMINUTIVES = ['etje', 'tje', 'pje', 'kje', 'je', 'ke'];
const POSSESSIVES = ["'s", 's'];
const CAPITALISED_WORD = "\\p{Lu}[\\p{L}'’]*";
const PARTICLE_WORDS = [...PARTICLES].filter((p) => /^\p{L}+$/u.test(p));
/** After a known first name: an unregistered surname, with particles in any case, maybe double ("van der Berg-Jansen"). */
const SURNAME_AFTER = new RegExp(`^[ \\t]+((?:(?:${PARTICLE_WORDS.map((p) => `[${p[0]}${p[0]!.toUpperCase()}]${p.slice(1)}`).join('|')}|'t)[ \\t]+){0,3}${CAPITALISED_WORD}(?:-${CAPITALISED_WORD})*)`, 'u');
const INITIALS_BEFORE = /(?:\p{Lu}\.[ \t]?){1,3}$/u;
const BARREL_BEFORE = new RegExp(`(?:${CAPITALISED_WORD}-)+$`, 'u');
const BARREL_AFTER = new RegExp(`^(?:-(?:(?:van|de|der|den|ter|ten)[ \\t]+)*${CAPITALISED_WORD})+`, 'u');

/**
 * Every known name in a text, longest first, left to right. Tokens are words; a candidate runs
 * over words separated only by spaces or hyphens.
 */
export function findKnown(text: string, index: KnownIndex): KnownHit[] {
  const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, raw: m[0] }));
  const hits: KnownHit[] = [];
  let i = 0;
  while (i < words.length) {
    let hit: KnownHit | null = null;
    for (let n = Math.min(index.maxTokens, words.length - i); n >= 1 && !hit; n--) {
      const run = words.slice(i, i + n);
      if (run.some((w, k) => k > 0 && !/^[\s-]+$/.test(text.slice(run[k - 1]!.end, w.start)))) continue;
      const folded = run.map((w) => fold(w.raw).replace(/’/g, "'"));
      const last = folded.at(-1)!;
      // The word as written, then without a possessive, then without a diminutive.
      const variants: { tokens: string[]; poss: boolean }[] = [{ tokens: folded, poss: false }];
      for (const p of POSSESSIVES) if (last.endsWith(p) && last.length > p.length + 1) variants.push({ tokens: [...folded.slice(0, -1), last.slice(0, -p.length)], poss: true });
      for (const v of [...variants]) {
        const l = v.tokens.at(-1)!;
        for (const d of DIMINUTIVES) {
          if (!l.endsWith(d) || l.length - d.length < 2) continue;
          const base = l.slice(0, -d.length);
          variants.push({ tokens: [...v.tokens.slice(0, -1), base], poss: v.poss });
          // "Noortje" -> "Noor", "Annetje" -> "Anne"/"Ann", "Daantje" -> "Daan"
          if (/(.)\1$/.test(base)) variants.push({ tokens: [...v.tokens.slice(0, -1), base.slice(0, -1)], poss: v.poss });
        }
      }
      for (const v of variants) {
        const e = index.lookupName(v.tokens);
        if (!e || (e.kind !== 'naam' && e.kind !== 'organisatie')) continue;
        if (e.capitalOnly && !/^\p{Lu}/u.test(run[0]!.raw)) continue;
        // Single-letter and particle-only tokens are never looked up on their own.
        if (n === 1 && PARTICLES.has(v.tokens[0]!)) continue;
        hit = { start: run[0]!.start, end: run.at(-1)!.end, replacement: v.poss ? possessive(e.replacement) : e.replacement, kind: e.kind };
        break;
      }
    }
    if (!hit) {
      i++;
      continue;
    }
    let { start, end } = hit;
    const before = text.slice(0, start);
    const initials = INITIALS_BEFORE.exec(before);
    if (initials) start -= initials[0].length;
    const barrel = BARREL_BEFORE.exec(text.slice(0, start));
    if (barrel) start -= barrel[0].length;
    const after = text.slice(end);
    const more = BARREL_AFTER.exec(after) ?? (hit.kind === 'naam' && !hit.replacement.endsWith('’s') && !/s$/.test(hit.replacement) ? surnameAfter(after) : null);
    // A possessive at the end of the taken-along surname is the whole name's ("Sanne Verbeek-Jansen's").
    if (more) end += more[0].replace(/['’]s$/, '').length;
    // A possessive after the whole name ("Sanne van der Berg's").
    const poss = /^['’]s(?![\p{L}\p{N}])/u.exec(text.slice(end));
    let replacement = hit.replacement;
    if (poss && more) {
      end += poss[0].length;
      replacement = possessive(replacement);
    }
    hits.push({ start, end, replacement, kind: hit.kind });
    while (i < words.length && words[i]!.start < end) i++;
  }
  return hits;
}

function surnameAfter(after: string): RegExpExecArray | null {
  const m = SURNAME_AFTER.exec(after);
  if (!m) return null;
  const words = m[1]!.split(/[\s-]+/);
  const last = words.at(-1)!;
  // "Sanne Wmo-consulent", "Daan Moeder zegt": a term of the field or the start of a new sentence is no surname.
  if (isFieldTerm(last) || (words.length === 1 && isDutchWord(last) && !/^\p{Lu}\p{Ll}+$/u.test(last))) return null;
  return m;
}
