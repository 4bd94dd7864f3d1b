// Validation messages in plain Dutch, for both the server's error responses and the
// client's forms. Zod's own Dutch locale is the fallback for the rarer cases.
import { z } from 'zod';
import { nl } from 'zod/locales';

const TYPE_NAMES: Record<string, string> = {
  string: 'tekst',
  number: 'getal',
  boolean: 'ja/nee-waarde',
  object: 'object',
  array: 'lijst',
};

function customError(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Dit veld is verplicht.';
      return `Ongeldige waarde: verwacht ${TYPE_NAMES[issue.expected] ?? issue.expected}.`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? 'Dit veld is verplicht.' : `Vul minstens ${issue.minimum} tekens in.`;
      }
      return undefined;
    case 'too_big':
      if (issue.origin === 'string') return `Gebruik hoogstens ${issue.maximum} tekens.`;
      return undefined;
    case 'unrecognized_keys':
      return `Onbekend veld: ${issue.keys.join(', ')}.`;
    case 'invalid_format':
      if (issue.format === 'email') return 'Vul een geldig e-mailadres in.';
      return undefined;
    case 'invalid_value':
      // Nothing chosen (an empty select): the field's label says what to choose.
      if (issue.input === undefined || issue.input === '' || issue.input === null) return 'Maak een keuze.';
      return `Kies een van: ${issue.values.map(String).join(', ')}.`;
    default:
      return undefined;
  }
}

let installed = false;
export function installDutchErrors(): void {
  if (installed) return;
  installed = true;
  z.config({ ...nl(), customError });
}
installDutchErrors();
