// Arriving from a link with a hash (the Postvak's …#afwijking-<id>, …#doorbraken): bring the
// heading of that record or section into view and give it focus once the records have loaded,
// since before that the page above it is still growing.
import { useEffect, useRef } from 'react';

export function useHashTarget(hash: string, loaded: boolean) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (loaded && window.location.hash === hash) {
      heading.current?.scrollIntoView({ block: 'start' });
      heading.current?.focus();
    }
  }, [hash, loaded]);
  return heading;
}
