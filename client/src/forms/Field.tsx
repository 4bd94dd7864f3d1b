// One labelled form field with its hint and its error, tied to the control with
// aria-describedby / aria-invalid, so every form in this folder reads the same to a screen reader.
import type { ReactNode } from 'react';
import { describedBy } from './errors';

export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string | undefined; children: (p: ControlProps) => ReactNode }) {
  return (
    <div className={error ? 'veld veld-fout' : 'veld'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="veldfout" id={`${id}-fout`}>
          {error}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy(hint && `${id}-hint`, error && `${id}-fout`), 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

/** A group of choices (checkboxes, radios) with a legend and its error. */
export function ChoiceGroup({ id, legend, hint, error, children, className }: { id: string; legend: string; hint?: string; error?: string | undefined; children: ReactNode; className?: string }) {
  return (
    <fieldset className={`dbv-groep${error ? ' veld-fout' : ''}${className ? ` ${className}` : ''}`} id={id} aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-fout`)}>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="veldfout" id={`${id}-fout`}>
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}
