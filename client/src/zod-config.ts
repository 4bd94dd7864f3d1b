// Imported first by main.tsx. The client pulls zod in through shared/schemas; zod's
// "can I use eval?" probe (new Function) trips the page's CSP (script-src 'self') and
// is reported as a violation. The client never needs zod's JIT, so switch it off.
import { config } from 'zod';

config({ jitless: true });
