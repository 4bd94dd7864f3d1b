// The scrubber works on one string and replaces as it goes. What it replaced is kept in a table
// and stands in the text as a private-use marker (two characters), so no later step matches
// inside a replacement, and at the end the text splits into pieces: plain text, replacements
// (layer a or b, with their kind) and suspicious tokens (layer c). Private-use characters in
// the input are dropped first, so a text cannot forge a marker.

export type ReplacementKind =
  | 'naam' | 'adres' | 'postcode' | 'plaats' | 'telefoon' | 'e-mail' | 'link' | 'handle' | 'iban' | 'kenteken' | 'nummer' | 'code'
  | 'datum' | 'geboortedatum' | 'jaar' | 'school' | 'organisatie' | 'intern';
export type SuspectReason = 'hoofdletter' | 'onbekend-woord' | 'cijfers' | 'handle' | 'e-mail';

export type Piece = { t: string } | { r: string; layer: 'a' | 'b'; kind: ReplacementKind } | { s: string; reason: SuspectReason };

const MARK = '\uE000';
const FIRST = 0xe100;
const LAST = 0xf8ff;
export const PRIVATE_USE = /[\uE000-\uF8FF]/g;
export const MARKER_SRC = '\\uE000[\\uE100-\\uF8FF]';
const MARKER = new RegExp(MARKER_SRC, 'g');

type Entry = { r: string; layer: 'a' | 'b'; kind: ReplacementKind } | { s: string; reason: SuspectReason };

export class Marker {
  private readonly table: Entry[] = [];

  private add(e: Entry): string {
    // Past the table's room (thousands of replacements in one text) the rest is removed outright.
    if (FIRST + this.table.length > LAST) return ' ';
    this.table.push(e);
    return MARK + String.fromCharCode(FIRST + this.table.length - 1);
  }

  /** A replacement: the marker that stands for it in the text. */
  replace(kind: ReplacementKind, layer: 'a' | 'b', text = `[${kind === 'iban' ? 'IBAN' : kind}]`): string {
    return this.add({ r: text, layer, kind });
  }

  suspect(text: string, reason: SuspectReason): string {
    return this.add({ s: text, reason });
  }

  /** What a marker in the text stands for. */
  entryOf(marker: string): Entry | undefined {
    return marker.startsWith(MARK) ? this.table[marker.charCodeAt(1) - FIRST] : undefined;
  }

  /** The text as pieces; neighbouring plain text joined. */
  pieces(text: string): Piece[] {
    const out: Piece[] = [];
    const push = (p: Piece) => {
      const last = out.at(-1);
      if ('t' in p && last && 't' in last) last.t += p.t;
      else if (!('t' in p) || p.t) out.push(p);
    };
    let at = 0;
    for (const m of text.matchAll(MARKER)) {
      push({ t: text.slice(at, m.index) });
      const e = this.entryOf(m[0]);
      if (e) push('r' in e ? { r: e.r, layer: e.layer, kind: e.kind } : { s: e.s, reason: e.reason });
      at = m.index! + m[0].length;
    }
    push({ t: text.slice(at) });
    return out;
  }
}

/** The pieces as one text: replacements as their placeholder, suspicious tokens as written (or `suspect` in their place). */
export function piecesToText(pieces: readonly Piece[], suspect?: (p: { s: string; reason: SuspectReason }) => string): string {
  return pieces.map((p) => ('t' in p ? p.t : 'r' in p ? p.r : suspect ? suspect(p) : p.s)).join('');
}
