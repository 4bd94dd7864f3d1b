// Starts the whole product on one port: database, demo data, HTTP API and web client.
// Used by main.ts and by the integration tests, so tests run exactly what users run.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { openDatabase, type Db } from '../db/client';
import { createApp } from './app';
import { guarded } from './collab/guard';
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
  /** Graceful stop (see below); calling it again returns the same promise. */
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
    loginLimiter: new LoginRateLimiter(config.LOGIN_MAX_FAILURES_PER_ACCOUNT, config.LOGIN_MAX_FAILURES_PER_IP, config.LOGIN_WINDOW_MINUTES * 60_000),
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

  // Ended sessions take their collaboration client ids with them (ON DELETE CASCADE).
  const sweep = setInterval(
    guarded('sessies opruimen mislukt', () => services.sessions.sweep()),
    5 * 60_000,
  );
  sweep.unref();

  let closing: Promise<void> | undefined;
  const port = (server.address() as AddressInfo).port;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return {
    url: `http://${host}:${port}`,
    port,
    db,
    services,
    seeded,
    demoAccountsActive: activeDemoAccounts(db),
    close() {
      closing ??= (async () => {
        // 1. Stop accepting: no new connections (idle keep-alive ones are closed too).
        const stopped = new Promise<void>((r) => server.close(() => r()));
        // 2. Close the live sockets with 1001, which also ends their ping timers, and
        // 3. flush every room (compact) and clear its unload timer.
        await collab.close();
        clearInterval(sweep);
        // Requests still running lose their connection rather than find the database closed.
        server.closeAllConnections();
        await stopped;
        // 4. Last: the database, once nothing can reach it any more.
        db.$client.close();
      })();
      return closing;
    },
  };
}
