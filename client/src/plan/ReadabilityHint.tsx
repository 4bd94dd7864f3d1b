// Under the plan's text for the household: how readable it is while it is being written
// (shared/readability.ts). Updated a moment after typing stops, so it does not flicker.
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { fragmentToText } from '../../../shared/plan/doc';
import { LONG_SENTENCE_WORDS, readability, READABILITY_LABELS, type Readability } from '../../../shared/readability';

const SETTLE_MS = 400;

export function ReadabilityHint({ fragment, id }: { fragment: Y.XmlFragment; id: string }) {
  const [r, setR] = useState<Readability>(() => readability(fragmentToText(fragment)));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setR(readability(fragmentToText(fragment))), SETTLE_MS);
    };
    update();
    fragment.observeDeep(update);
    return () => {
      clearTimeout(timer);
      fragment.unobserveDeep(update);
    };
  }, [fragment]);

  if (r.level === 'leeg') return null;
  return (
    <div className={`leesbaarheid leesbaarheid-${r.level}`} id={id} data-level={r.level}>
      <p>
        <strong>Leesbaarheid: {READABILITY_LABELS[r.level]}</strong> (Flesch-Douma {r.score}; {r.words} woorden in {r.sentences} {r.sentences === 1 ? 'zin' : 'zinnen'})
      </p>
      {(r.longSentences > 0 || r.longWords.length > 0) && (
        <ul>
          {r.longSentences > 0 && (
            <li>
              {r.longSentences === 1 ? '1 zin heeft' : `${r.longSentences} zinnen hebben`} meer dan {LONG_SENTENCE_WORDS} woorden.
            </li>
          )}
          {r.longWords.length > 0 && <li>Lange woorden: {r.longWords.slice(0, 8).join(', ')}.</li>}
        </ul>
      )}
    </div>
  );
}
