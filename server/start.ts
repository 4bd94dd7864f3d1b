// Starts the whole product on one port: database, demo data, HTTP API and web client.
// Used by main.ts and by the integration tests, so tests run exactly what users run.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { openDatabase, type Db } from '../db/client';
import { createApp } from './app';
import { attachCollab } from './collab/socket-server';
import { LoginRateLimiter } from './auth/rate-limit';
import { SessionStore } from './auth/sessions';
import type { Config } from './config';
import type { Services } from './context';
import { activeDemoAccounts, isEmpty, seedDemoData } from './demo/seed';

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  services: Services;
  seeded: boolean;
  demoAccountsActive: number;
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const db = openDatabase(config.DATABASE_PATH, { synchronous: config.SQLITE_SYNCHRONOUS });
  let seeded = false;
  if (config.DEMO_DATA && isEmpty(db)) {
    await seedDemoData(db, config.DEMO_PASSWORD);
    seeded = true;
  }
  const services: Services = {
    db,
    config,
    sessions: new SessionStore(db, config),
    loginLimiter: new LoginRateLimiter({
      freePerAccountAddress: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS,
      freePerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      baseDelayMs: config.LOGIN_DELAY_SECONDS * 1000,
      maxDelayMs: config.LOGIN_MAX_DELAY_MINUTES * 60_000,
      windowMs: config.LOGIN_WINDOW_MINUTES * 60_000,
    }),
    collab: null,
  };
  const app = createApp(services);

  const server = await new Promise<Server>((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolveServer(s as Server));
    s.once('error', reject);
  });
  const collab = attachCollab(server, services);
  services.collab = collab;
  // A slow or silent client must not hold a connection forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  const sweep = setInterval(() => services.sessions.sweep(), 5 * 60_000);
  sweep.unref();

  const port = (server.address() as AddressInfo).port;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return {
    url: `http://${host}:${port}`,
    port,
    db,
    services,
    seeded,
    demoAccountsActive: activeDemoAccounts(db),
    async close() {
      clearInterval(sweep);
      collab.close();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      db.$client.close();
    },
  };
}
