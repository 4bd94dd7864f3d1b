// GET /api/feed: the change feed as Server-Sent Events, one stream per browser tab. It carries
// only notices ("topic X of case Y changed", "your Postvak changed"), never content; who hears
// what is decided in server/live/feed.ts. Authenticated by the session cookie like every route.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { type AppEnv, requireUser, type Services } from '../context';
import { ApiError, Errors } from '../http/errors';
import { cookieAuth, errors } from '../http/openapi';
import type { FeedSink } from './feed-port';

/** Chunks queued for a client that does not read before its stream is ended. */
const MAX_QUEUED_CHUNKS = 200;

export function registerFeedRoutes(app: OpenAPIHono<AppEnv>, { feed }: Services) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/feed',
      tags: ['Live'],
      summary: 'Wijzigingen live (Server-Sent Events): meldingen „onderwerp X van casus Y is gewijzigd” en „uw postvak is gewijzigd”, zonder inhoud',
      description:
        'Vraag met `Accept: text/event-stream` (zoals EventSource doet). Gebeurtenissen: `ready` bij openen, `change` met `{ "topic", "caseId" }` ' +
        '(onderwerpen in shared/feed.ts; `inbox` met caseId null), `bye` met `{ "reason": "sessie" | "server" }` vlak voor de server de stroom sluit. ' +
        'Een melding over een casus gaat alleen naar wie die casus op dat moment mag lezen; over iets interns alleen naar gemeentelijke medewerkers. ' +
        'Commentaarregels houden de verbinding open. Begrensd per sessie (429) en in totaal (503).',
      security: cookieAuth,
      responses: {
        200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'De stroom meldingen' },
        ...errors(401, 403, 406, 429, 503),
      },
    }),
    async (c) => {
      requireUser(c);
      if (!/(^|,)\s*text\/event-stream\s*(;|,|$)/i.test(c.req.header('accept') ?? '')) {
        throw new ApiError(406, 'ALLEEN_EVENT_STREAM', 'Dit adres geeft een stroom meldingen; vraag erom met Accept: text/event-stream.');
      }
      const auth = c.get('auth');
      if (!auth) throw Errors.unauthenticated();
      feed.admit(auth.sessionId);
      await feed.prime(auth.user);
      const encoder = new TextEncoder();
      let release: (() => void) | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          let open = true;
          const sink: FeedSink = {
            write(text) {
              if (!open) return false;
              if ((controller.desiredSize ?? 0) < -MAX_QUEUED_CHUNKS) return false;
              controller.enqueue(encoder.encode(text));
              return true;
            },
            close() {
              if (!open) return;
              open = false;
              controller.close();
            },
          };
          release = feed.open(auth.sessionId, auth.user, sink);
        },
        // The client went away (tab closed, navigation, network): let go of the stream.
        cancel() {
          release?.();
        },
      });
      c.req.raw.signal?.addEventListener('abort', () => release?.(), { once: true });
      return new Response(body, {
        status: 200,
        headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
      }) as never;
    },
  );
}
