// One live room (the plan or the internal notes): its Y.Doc, its WebsocketProvider and the
// state of the connection. The provider and doc live exactly as long as the component.
import { useEffect, useRef, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { get } from '../api';
import { CLOSE_CODES } from '../../../shared/plan/rooms';

/** `onderbroken`: the server cut the connection for a while (too much traffic); we retry later. */
export type Connection = 'verbinden' | 'verbonden' | 'opnieuw' | 'offline' | 'onderbroken' | 'geweigerd';

/** Fresh documents after a refused one (4409/4410) in one minute before we stop trying. */
const MAX_FRESH_STARTS_PER_MINUTE = 3;
/** After a throttling close (4429, 4413, 4431): first retry, doubling up to the maximum. */
const PAUSE_FIRST_MS = 15_000;
const PAUSE_MAX_MS = 120_000;

/** Kept across the fresh documents of one room, so a loop of refusals cannot go on forever. */
const freshStarts = new Map<string, number[]>();

export interface Room {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

export interface LocalUser {
  name: string;
  /** #rrggbb; the only part of our presence the server lets us choose. */
  color: string;
}

export function collabUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/**
 * `onRefused`: the server closed the room for good (e.g. membership ended) or our rights
 * changed; re-read the case. `canWrite` is part of the room's identity: when rights change the
 * document is built anew from the server, so nothing typed under old rights is sent later.
 */
export function useCollabRoom(roomName: string, me: LocalUser, canWrite: boolean, onRefused?: () => void) {
  const refusedRef = useRef(onRefused);
  useEffect(() => {
    refusedRef.current = onRefused;
  });
  const [room, setRoom] = useState<Room | null>(null);
  const [connection, setConnection] = useState<Connection>(() => (navigator.onLine ? 'verbinden' : 'offline'));
  const [synced, setSynced] = useState(false);
  // Bumped to start over with a fresh document (see CLOSE_CODES.diverged and foreignClient).
  const [generation, setGeneration] = useState(0);
  const { name, color } = me;

  useEffect(() => {
    const doc = new Y.Doc();
    // disableBc: a BroadcastChannel between tabs would pass updates around the server's authorisation.
    const provider = new WebsocketProvider(collabUrl(), roomName, doc, { disableBc: true, connect: navigator.onLine });
    // The server replaces name and role with those of the session; only the colour is ours.
    provider.awareness.setLocalStateField('user', { name, color });
    let everConnected = false;
    let refused = false;
    let failures = 0;
    let pause = PAUSE_FIRST_MS;
    let pauseTimer: ReturnType<typeof setTimeout> | undefined;

    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (status === 'connected') {
        everConnected = true;
        // When our socket closed, the server told the other peers we left. They keep our last
        // clock and ignore a state that carries it, which is what y-websocket re-sends on open:
        // re-announce with a fresh clock so they see us again.
        const local = provider.awareness.getLocalState();
        if (local) provider.awareness.setLocalState(local);
        failures = 0;
        setConnection('verbonden');
      } else if (pauseTimer !== undefined) {
        setConnection('onderbroken');
      } else if (refused) setConnection('geweigerd');
      else if (!navigator.onLine) setConnection('offline');
      else setConnection(everConnected ? 'opnieuw' : 'verbinden');
    };
    // Close codes 4400-4499 are final for the provider: it stops retrying, and we decide.
    const onClosed = ({ code }: { code: number }) => {
      // Our copy holds edits the server refused earlier (4409), or its client id belongs to
      // another session (4410): start again from the server's document, a few times at most.
      if (code === CLOSE_CODES.diverged || code === CLOSE_CODES.foreignClient) {
        const now = Date.now();
        const recent = (freshStarts.get(roomName) ?? []).filter((t) => now - t < 60_000);
        freshStarts.set(roomName, [...recent, now]);
        if (recent.length < MAX_FRESH_STARTS_PER_MINUTE) {
          setGeneration((g) => g + 1);
          return;
        }
      }
      // Too much traffic, or we did not keep up reading: wait, then try again with the same
      // document (what we typed is offered again), waiting longer each time.
      if (code === CLOSE_CODES.rateLimited || code === CLOSE_CODES.tooLarge || code === CLOSE_CODES.tooManyClients) {
        setConnection('onderbroken');
        clearTimeout(pauseTimer);
        pauseTimer = setTimeout(() => {
          pauseTimer = undefined;
          if (refused) return;
          setConnection('opnieuw');
          if (navigator.onLine) provider.connect();
        }, pause);
        pause = Math.min(pause * 2, PAUSE_MAX_MS);
        return;
      }
      refused = true;
      setConnection('geweigerd');
      refusedRef.current?.();
    };
    // A refused upgrade looks like any broken connection to the browser. After a few in a
    // row, ask the API whether the session is still there: a 401 there logs the user out
    // (api.ts), instead of the socket retrying forever.
    const onConnectionClose = (event: CloseEvent | null) => {
      // Our rights changed (access level, case closed): the provider reconnects by itself; the
      // case page re-reads what we may do now.
      if (event?.code === CLOSE_CODES.rightsChanged) {
        refusedRef.current?.();
        return;
      }
      failures += 1;
      if (failures === 3 && navigator.onLine) get('/api/auth/me').catch(() => undefined);
    };
    const onSync = (state: boolean) => {
      if (state) pause = PAUSE_FIRST_MS;
      setSynced(state);
    };
    // The browser knows before the socket does: stop and resume explicitly.
    const onOffline = () => {
      provider.disconnect();
      setConnection('offline');
    };
    const onOnline = () => {
      if (refused || pauseTimer !== undefined) return;
      setConnection(everConnected ? 'opnieuw' : 'verbinden');
      provider.connect();
    };

    provider.on('status', onStatus);
    provider.on('closed', onClosed);
    provider.on('sync', onSync);
    provider.on('connection-close', onConnectionClose);
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    setRoom({ doc, provider });
    setSynced(provider.synced);

    return () => {
      clearTimeout(pauseTimer);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      provider.off('status', onStatus);
      provider.off('closed', onClosed);
      provider.off('sync', onSync);
      provider.off('connection-close', onConnectionClose);
      provider.destroy();
      doc.destroy();
      setRoom(null);
    };
  }, [roomName, name, color, canWrite, generation]);

  return { room, connection, synced };
}
