import { useEffect, useRef } from 'react';
import { ApiError } from '../api';

/** An error from the server, read out by screen readers as soon as it appears. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  const details = error instanceof ApiError ? error.details.filter((d) => d.message !== message && `${d.path}: ${d.message}` !== message) : [];
  return (
    <div className="melding melding-fout" role="alert">
      <p>{message}</p>
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={i}>{d.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SuccessMessage({ children }: { children: React.ReactNode }) {
  return (
    <div className="melding melding-ok" role="status">
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="laden">
      {what} laden…
    </p>
  );
}

/** Moves focus to the page heading on navigation, so screen-reader users hear where they are. */
export function PageTitle({ children, title }: { children: React.ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Casustafel`;
    ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
