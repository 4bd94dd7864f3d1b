// The demo accounts' password is the server's own default (DEMO_PASSWORD in server/config.ts),
// read from there so that no test or benchmark carries a copy of it. Kept apart from server.ts
// so a benchmark can take it without loading the whole server.
import { loadConfig } from '../../server/config';

export const DEMO_PASSWORD = loadConfig({}).DEMO_PASSWORD;
