// Starts the whole product on one port: database, demo data, HTTP API and web client.
// Used by main.ts and by the integration tests, so tests run exactly what users run.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { closeDatabase, openDatabase, type Db } from '../db/client';
import { createApp } from './http/app';
import { guarded } from './collab/guard';
import { attachCollab } from './collab/socket-server';
import { OidcService } from './auth/oidc/service';
import { EventBus } from './domain/events';
import { ROOM_KINDS } from './room-kinds';
import { inboxOf } from './inbox/inbox';
import { subscribeRoomReactions } from './live/reactions';
import { FeedHub } from './live/feed';
import { subscribeFeed } from './live/feed-reactions';
import { LoginRateLimiter } from './auth/rate-limit';
import { SessionStore } from './auth/sessions';
import type { Config } from './config';
import type { Services } from './context';
import { activeDemoAccounts, isEmpty, seedDemoData } from './demo/seed';
import { installAuditKey, recordAudit } from '../db/queries/audit';
import { AuditCheckpointer } from './audit/checkpoints';
import { checkpointFileOf, resolveAuditKey } from './audit/key';

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
  // The key first: without it nothing audited can be written, and a production start without
  // one stops here with a Dutch message instead of running with an unkeyed trail.
  const auditKey = resolveAuditKey(config, { create: true });
  const db = await openDatabase(config.DATABASE_URL ?? config.DATABASE_PATH, { synchronous: config.SQLITE_SYNCHRONOUS, poolSize: config.DATABASE_POOL_SIZE });
  installAuditKey(db, auditKey);
  const checkpoints = new AuditCheckpointer(db, checkpointFileOf(config), auditKey);
  const mismatch = await checkpoints.checkNewest();
  if (mismatch) {
    // Loud, and on the record; the service keeps running (the trail's rows that remain are still valid).
    console.error(`[audit] LET OP: de audittrail past niet bij het laatste controlepunt buiten de database: ${mismatch.reason}. Draai npm run audit:verify.`);
    await recordAudit(db, { action: 'audit.checkpoint_mismatch', actorLabel: 'server', detail: { checkpointSeq: mismatch.seq ?? null, reason: mismatch.reason } });
  }
  let seeded = false;
  if (config.DEMO_DATA && await isEmpty(db)) {
    await seedDemoData(db, config.DEMO_PASSWORD);
    seeded = true;
  }
  const sessions = new SessionStore(db, config);
  const feed = new FeedHub(db, sessions, { heartbeatMs: config.FEED_HEARTBEAT_MS, maxPerSession: config.FEED_MAX_STREAMS_PER_SESSION, maxTotal: config.FEED_MAX_STREAMS });
  const base: Omit<Services, 'oidc'> = {
    events: new EventBus(),
    feed,
    db,
    config,
    sessions,
    loginLimiter: new LoginRateLimiter({
      freePerAccountAddress: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS,
      freePerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      baseDelayMs: config.LOGIN_DELAY_SECONDS * 1000,
      maxDelayMs: config.LOGIN_MAX_DELAY_MINUTES * 60_000,
      windowMs: config.LOGIN_WINDOW_MINUTES * 60_000,
    }),
    collab: null,
  };
  // The same object: the sign-in service reaches the collab server once it is attached below.
  const services: Services = Object.assign(base, { oidc: new OidcService(base, auditKey) });
  const app = createApp(services);

  const server = await new Promise<Server>((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolveServer(s as Server));
    s.once('error', reject);
  });
  const collab = await attachCollab(server, services, ROOM_KINDS);
  services.collab = collab;
  subscribeRoomReactions(services);
  feed.readInboxWith(async (user) => await inboxOf(services, { user, ip: '' }));
  subscribeFeed(services.events, feed);
  // A slow or silent client must not hold a connection forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  // Ended sessions take their collaboration client ids with them (ON DELETE CASCADE).
  const sweep = setInterval(
    guarded('sessies opruimen mislukt', async () => {
      await services.sessions.sweep();
    }),
    5 * 60_000,
  );
  sweep.unref();
  checkpoints.start(config.AUDIT_CHECKPOINT_SECONDS * 1000);
  services.oidc.startRechecks();

  let closing: Promise<void> | undefined;
  const port = (server.address() as AddressInfo).port;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return {
    url: `http://${host}:${port}`,
    port,
    db,
    services,
    seeded,
    demoAccountsActive: await activeDemoAccounts(db),
    close() {
      closing ??= (async () => {
        // 1. Stop accepting: no new connections (idle keep-alive ones are closed too).
        const stopped = new Promise<void>((r) => server.close(() => r()));
        // 2a. End every change-feed stream (each is told "server", so its tab reconnects later),
        // and let a delivery that is reading the database finish.
        feed.close();
        await feed.settled();
        // 2. Close the live sockets with 1001, which also ends their ping timers, and
        // 3. flush every room (compact) and clear its unload timer.
        await collab.close();
        clearInterval(sweep);
        await services.oidc.stop();
        // Requests still running lose their connection rather than find the database closed.
        server.closeAllConnections();
        await stopped;
        // 4. Last: a checkpoint of the audit trail's head, then the database, once nothing can reach it any more.
        await checkpoints.stop();
        await closeDatabase(db);
      })();
      return closing;
    },
  };
}
