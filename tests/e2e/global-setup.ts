// The browser tests run against the built client, exactly as `npm start` serves it.
import { buildClientIfNeeded } from '../../scripts/build-client';

export default async function setup(): Promise<void> {
  await buildClientIfNeeded({ quiet: true });
}
