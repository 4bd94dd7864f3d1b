// One labelled form field with its hint and its error, tied to the control with
// aria-describedby / aria-invalid, so every form reads the same to a screen reader. The hint
// and the error take the field's id with -hint and -fout; the control gets its props from the
// field (`{(control) => <input {...control} … />}`), so label, hint and error cannot drift apart.
import type { ReactNode } from 'react';
import { describedBy } from './errors';

export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}

export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div className={error ? 'veld veld-fout' : 'veld'}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      {children({ id, 'aria-describedby': describedBy(hint && `${id}-hint`, error && `${id}-fout`), 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

/** A group of choices (checkboxes, radios) with a legend, its hint and its error. */
export function ChoiceGroup({ id, legend, hint, error, className, children }: { id: string; legend: string; hint?: string; error?: string | undefined; className: string; children: ReactNode }) {
  return (
    <fieldset className={error ? `${className} veld-fout` : className} id={id} aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-fout`)}>
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </fieldset>
  );
}

function HintAndError({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
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
    </>
  );
}
