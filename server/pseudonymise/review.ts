// The review before release (layer c's other half): a copy's text fields as pieces, every
// replacement and every flag a mark with an id, the resolutions of the person who reviews, and
// the texts as they stand now. Pure functions; server/intervision stores the result.
import type { Review, ReviewField, ReviewMark, ReviewPiece, ReviewPlaceholder } from '../../shared/schemas';
import { INTERNAL_DROPPED, type InternalGuard } from './guard';
import { type Piece, piecesToText } from './marker';
import { type ScrubContext, scrubPieces } from './scrub';

/** Collects the fields of one copy while it is made: each text once, scrubbed, with its marks. */
export class ReviewBuilder {
  readonly fields: ReviewField[] = [];
  readonly marks: ReviewMark[] = [];

  constructor(
    private readonly ctx: ScrubContext,
    private readonly quotesInternal: InternalGuard = () => false,
  ) {}

  /** Scrubs a text for the field at `path`; returns the text as it stands before any resolution. A text quoting internal content goes whole. */
  text(path: string, label: string, input: string | null | undefined): string {
    if (input && this.quotesInternal(input)) return this.add(path, label, [{ r: INTERNAL_DROPPED, layer: 'b', kind: 'intern' }]);
    return this.add(path, label, scrubPieces(input ?? '', this.ctx));
  }

  add(path: string, label: string, pieces: readonly Piece[]): string {
    const out: ReviewPiece[] = [];
    for (const p of pieces) {
      if ('t' in p) {
        out.push({ text: p.t });
        continue;
      }
      const id = `m${this.marks.length + 1}`;
      this.marks.push(
        'r' in p
          ? { id, kind: 'vervanging', layer: p.layer, category: p.kind, found: p.r, resolution: 'vervangen', value: p.r }
          : { id, kind: 'verdacht', layer: 'c', category: p.reason, found: p.s, resolution: 'open', value: p.s },
      );
      out.push({ mark: id });
    }
    this.fields.push({ path, label, pieces: out });
    return renderPieces(out, this.marks);
  }

  review(): Review {
    return { fields: this.fields, marks: this.marks, open: openCount(this.marks) };
  }
}

export const openCount = (marks: readonly ReviewMark[]) => marks.filter((m) => m.resolution === 'open').length;

export function renderPieces(pieces: readonly ReviewPiece[], marks: readonly ReviewMark[]): string {
  const byId = new Map(marks.map((m) => [m.id, m]));
  return pieces.map((p) => ('text' in p ? p.text : (byId.get(p.mark)?.value ?? ''))).join('');
}

export function defaultPlaceholder(m: ReviewMark): ReviewPlaceholder {
  if (m.category === 'cijfers') return '[nummer]';
  if (m.category === 'e-mail' || m.category === 'handle') return '[weggelaten]';
  return '[naam]';
}

export interface Resolution {
  markId: string;
  resolution: 'behouden' | 'vervangen' | 'bewerkt';
  placeholder?: ReviewPlaceholder;
  text?: string;
}

export type ResolveProblem =
  | { code: 'ONBEKENDE_MARKERING'; markId: string }
  | { code: 'ORIGINEEL_ONBEKEND'; markId: string }
  | { code: 'TEKST_ONTBREEKT'; markId: string }
  | { code: 'BEWERKING_HERKENBAAR'; markId: string; found: string };

/**
 * Applies resolutions to a review, all or nothing. An edit is scrubbed like the copy (with the
 * same known names) and refused when it still holds something the scrubber would replace or
 * flag; a replacement cannot be "kept", as its original is not stored.
 */
export function resolveMarks(review: Review, resolutions: readonly Resolution[], ctx: ScrubContext): { review: Review } | { problem: ResolveProblem } {
  const marks = review.marks.map((m) => ({ ...m }));
  const byId = new Map(marks.map((m) => [m.id, m]));
  for (const r of resolutions) {
    const m = byId.get(r.markId);
    if (!m) return { problem: { code: 'ONBEKENDE_MARKERING', markId: r.markId } };
    if (r.resolution === 'behouden') {
      if (m.kind === 'vervanging') return { problem: { code: 'ORIGINEEL_ONBEKEND', markId: r.markId } };
      m.resolution = 'behouden';
      m.value = m.found;
    } else if (r.resolution === 'vervangen') {
      m.resolution = 'vervangen';
      m.value = m.kind === 'vervanging' && !r.placeholder ? m.found : (r.placeholder ?? defaultPlaceholder(m));
    } else {
      const text = (r.text ?? '').trim();
      if (!text) return { problem: { code: 'TEKST_ONTBREEKT', markId: r.markId } };
      const pieces = scrubPieces(text, ctx);
      for (const p of pieces) {
        if ('r' in p) return { problem: { code: 'BEWERKING_HERKENBAAR', markId: r.markId, found: p.r } };
        if ('s' in p) return { problem: { code: 'BEWERKING_HERKENBAAR', markId: r.markId, found: p.s } };
      }
      m.resolution = 'bewerkt';
      m.value = piecesToText(pieces);
    }
  }
  return { review: { fields: review.fields, marks, open: openCount(marks) } };
}

/** Every field's text as it stands now, by path. */
export function renderedFields(review: Review): Map<string, string> {
  return new Map(review.fields.map((f) => [f.path, renderPieces(f.pieces, review.marks)]));
}

/** Writes a value at a dotted path ("goals.0.actions.1.text") into a plain object. */
export function setPath(target: unknown, path: string, value: string): void {
  const keys = path.split('.');
  let at = target as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    if (!next || typeof next !== 'object') return;
    at = next as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  if (last in at) at[last] = value;
}
