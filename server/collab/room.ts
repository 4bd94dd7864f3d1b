// One live document (a plan, an internal room, a conference's minutes, an intervision
// session) with its connected clients. Every update a client sends is applied, written to
// the database with its author, and only then relayed. The rules on who may write what (client
// id ownership, read-only peers, presence) live here once, for every room kind.
//
// Storing is asynchronous, so a room handles one thing at a time (`serial`): a message, a
// change the server makes, a compaction. An update is relayed only once it is stored, a
// newcomer's copy of the document never holds an update that is not stored yet, and a
// compaction never races with an append.
import { randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Db } from '../../db/client';
import { insertUpdate, loadRoomState, storeSnapshot } from '../../db/queries/collab';
import { CLOSE_CODES, type RoomName } from '../../shared/plan/rooms';
import { ClientIds, Refusal } from './client-ids';
import { isHexColor, MAX_CLIENTS_PER_UPDATE, MAX_PRESENCE_PER_CONNECTION, sanitizePresence } from './limits';

export { Refusal } from './client-ids';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** What the room needs to know about a connected client; the socket itself stays outside. */
export interface Peer {
  userId: string;
  /** The session behind the connection (what SessionStore.resolve returns): owner of client ids. */
  sessionId: string;
  name: string;
  role: string;
  canWrite: boolean;
  /** See Access.chairs: shown in presence, so "volg de voorzitter" can trust it. */
  chairs?: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export class BadMessage extends Error {}

const PALETTE = ['#1f6b2c', '#154273', '#a4001a', '#6a3d9a', '#8a5300', '#00677f', '#b3005e', '#3d5a00'];

function colorFor(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

export interface RoomOptions {
  /** Fold stored updates into a snapshot after this many. */
  compactEvery: number;
  onPersistFailure(room: Room, error: unknown): void;
  /** After an update is stored: whoever shows what was stored (the plan's history) hears of it. */
  onStored?(room: Room, userId: string): void;
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Map<Peer, Set<number>>();
  /** Which peer speaks for which awareness client id, so nobody can relabel or remove another's presence. */
  private readonly presenceOwner = new Map<number, Peer>();
  private readonly clientIds: ClientIds;
  private lastUpdateId = 0;
  private updatesSinceSnapshot = 0;
  /** Updates applied to the document and not yet stored, in order. */
  private readonly unsaved: { update: Uint8Array; author: Peer }[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  unloadTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly name: string,
    readonly parsed: RoomName,
    private readonly db: Db,
    private readonly options: RoomOptions,
  ) {
    // The server is not a participant: it has no presence of its own.
    this.awareness.setLocalState(null);
    this.clientIds = new ClientIds(db, name, () => this.doc.clientID);
  }

  /** A room with its stored document and client ids loaded. */
  static async open(name: string, parsed: RoomName, db: Db, options: RoomOptions): Promise<Room> {
    const room = new Room(name, parsed, db, options);
    await room.clientIds.load();
    await room.load();
    // The server writes under its own id (Room.changeAs); make sure nobody has used it before.
    while (room.clientIds.isOwned(room.doc.clientID) || room.doc.store.clients.has(room.doc.clientID)) {
      room.doc.clientID = randomBytes(4).readUInt32LE();
    }
    room.doc.on('update', room.onDocUpdate);
    room.awareness.on('update', room.onAwarenessUpdate);
    return room;
  }

  /** Runs `task` after everything the room was already doing. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<void> {
    const stored = await loadRoomState(this.db, this.name);
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(this.doc, u.update);
    }, 'load');
    this.lastUpdateId = stored.updates.at(-1)?.id ?? stored.snapshotUpToId;
    this.updatesSinceSnapshot = stored.updates.length;
  }

  /** What the document actually took in: stored, then relayed, by persistAndRelay. */
  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === 'load') return;
    this.unsaved.push({ update, author: origin as Peer });
  };

  /** Persist first, relay second: nothing reaches another client that is not on disk. */
  private async persistAndRelay(): Promise<void> {
    while (this.unsaved.length > 0) {
      const { update, author } = this.unsaved.shift()!;
      try {
        this.lastUpdateId = await insertUpdate(this.db, this.name, author.userId, update);
      } catch (error) {
        this.unsaved.length = 0;
        this.options.onPersistFailure(this, error);
        throw error;
      }
      this.updatesSinceSnapshot += 1;
      this.options.onStored?.(this, author.userId);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const peer of this.peers.keys()) if (peer !== author) peer.send(message);
    }
    if (this.updatesSinceSnapshot >= this.options.compactEvery) await this.compactNow();
  }

  private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const changed = [...added, ...updated, ...removed];
    const peer = this.peers.has(origin as Peer) ? (origin as Peer) : null;
    if (peer) {
      const owned = this.peers.get(peer)!;
      for (const id of added) {
        owned.add(id);
        this.presenceOwner.set(id, peer);
      }
      for (const id of removed) {
        owned.delete(id);
        this.presenceOwner.delete(id);
      }
      // Presence shows who someone really is: name and role come from the session, not the client.
      for (const id of [...added, ...updated]) {
        const state = this.awareness.states.get(id);
        if (!state) continue;
        const claimed = (state.user ?? {}) as { color?: unknown };
        state.user = {
          userId: peer.userId,
          name: peer.name,
          role: peer.role,
          canWrite: peer.canWrite,
          chairs: peer.chairs === true,
          color: isHexColor(claimed.color) ? claimed.color : colorFor(peer.userId),
        };
      }
    }
    const message = this.awarenessMessage(changed);
    for (const p of this.peers.keys()) p.send(message);
  };

  private awarenessMessage(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  /**
   * A change the server makes on a user's behalf (the structure of a new vraagstuk, a signal
   * that a record changed): stored with that user as author and relayed like any other.
   */
  changeAs(userId: string, change: (doc: Y.Doc) => void): Promise<void> {
    const author: Peer = { userId, sessionId: '', name: '', role: '', canWrite: true, send() {}, close() {} };
    return this.serial(async () => {
      this.doc.transact(() => change(this.doc), author);
      await this.persistAndRelay();
    });
  }

  /** Reads the document once everything before it is stored. */
  read<T>(read: (room: Room) => T): Promise<T> {
    return this.serial(async () => read(this));
  }

  join(peer: Peer): void {
    clearTimeout(this.unloadTimer);
    this.unloadTimer = undefined;
    this.peers.set(peer, new Set());
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    peer.send(encoding.toUint8Array(encoder));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(this.awarenessMessage(states));
  }

  leave(peer: Peer): void {
    const owned = this.peers.get(peer);
    this.peers.delete(peer);
    if (owned && owned.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], null);
      // Forget the clocks too: a client that reconnects re-announces itself with its old clock,
      // which would otherwise be ignored as stale until its next periodic renewal.
      for (const id of owned) {
        this.awareness.meta.delete(id);
        this.presenceOwner.delete(id);
      }
    }
  }

  /**
   * Handles one binary message from a peer. Throws BadMessage for anything that is not a
   * well-formed y-websocket message, and Refusal for a message that breaks the room's rules;
   * the caller closes that one connection.
   */
  receive(peer: Peer, data: Uint8Array): Promise<void> {
    return this.serial(() => this.receiveNow(peer, data));
  }

  private async receiveNow(peer: Peer, data: Uint8Array): Promise<void> {
    let decoder: decoding.Decoder;
    let type: number;
    try {
      decoder = decoding.createDecoder(data);
      type = decoding.readVarUint(decoder);
    } catch {
      throw new BadMessage('leeg of onleesbaar bericht');
    }
    switch (type) {
      case MESSAGE_SYNC:
        await this.receiveSync(peer, decoder);
        return;
      case MESSAGE_AWARENESS: {
        let update: Uint8Array;
        try {
          update = await this.ownPresenceOnly(peer, decoding.readVarUint8Array(decoder));
        } catch (error) {
          if (error instanceof Refusal) throw error;
          throw new BadMessage('onleesbare aanwezigheidsinformatie');
        }
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
        return;
      }
      case MESSAGE_QUERY_AWARENESS:
        peer.send(this.awarenessMessage([...this.awareness.getStates().keys()]));
        return;
      case MESSAGE_AUTH:
        // Authentication happens at the HTTP upgrade; auth messages from clients are ignored.
        return;
      default:
        throw new BadMessage(`onbekend berichttype ${type}`);
    }
  }

  /**
   * Keeps only the entries of an awareness update that this peer may set: ids it holds, or
   * new ones (up to a few per connection) that no other session owns, with the state
   * stripped to the fields our client uses. A client id owned by this peer's session is taken
   * back from whoever else claimed it in presence first.
   *
   * A stock client announces its presence under its document's client id as soon as it
   * connects, before it writes anything; that id is then in everyone's presence. So a peer
   * that may write claims the id right here, and nobody can race it to the first write.
   */
  private async ownPresenceOnly(peer: Peer, update: Uint8Array): Promise<Uint8Array> {
    const decoder = decoding.createDecoder(update);
    const entries: { id: number; clock: number; state: string }[] = [];
    const count = decoding.readVarUint(decoder);
    let held = this.peers.get(peer)?.size ?? 0;
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const raw = decoding.readVarString(decoder);
      // Invalid JSON is a bad message; an oversized or unexpected state is only dropped.
      const state = sanitizePresence(raw);
      if (state === null) continue;
      const holder = this.presenceOwner.get(id);
      if (holder !== peer) {
        if (entries.some((e) => e.id === id)) continue;
        const owner = this.clientIds.isOwned(id) ? await this.clientIds.ownerFor(id, peer.sessionId) : undefined;
        if (id === this.doc.clientID || (owner !== undefined && owner !== peer.sessionId)) continue;
        if (holder !== undefined) {
          if (owner !== peer.sessionId || holder.sessionId === peer.sessionId) continue;
          this.dropPresence(holder, id);
        }
        if (state === 'null' || held >= MAX_PRESENCE_PER_CONNECTION) continue;
        held += 1;
        if (peer.canWrite && owner === undefined) await this.clientIds.claim(peer.sessionId, [id]);
      }
      entries.push({ id, clock, state });
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, entries.length);
    for (const e of entries) {
      encoding.writeVarUint(encoder, e.id);
      encoding.writeVarUint(encoder, e.clock);
      encoding.writeVarString(encoder, e.state);
    }
    return encoding.toUint8Array(encoder);
  }

  /** Removes one presence entry of a peer, forgetting its clock so a new holder starts afresh. */
  private dropPresence(peer: Peer, id: number): void {
    this.peers.get(peer)?.delete(id);
    this.presenceOwner.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, [id], null);
    this.awareness.meta.delete(id);
  }

  private async receiveSync(peer: Peer, decoder: decoding.Decoder): Promise<void> {
    let syncType: number;
    let payload: Uint8Array;
    try {
      syncType = decoding.readVarUint(decoder);
      payload = decoding.readVarUint8Array(decoder);
    } catch {
      throw new BadMessage('onvolledig sync-bericht');
    }
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      try {
        syncProtocol.writeSyncStep2(encoder, this.doc, payload);
      } catch {
        throw new BadMessage('ongeldige state vector');
      }
      peer.send(encoding.toUint8Array(encoder));
      return;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new BadMessage(`onbekend sync-type ${syncType}`);
    }
    let clients: number[];
    let deletes: boolean;
    try {
      // Decoding first rejects garbage before it can touch the document.
      const decoded = Y.decodeUpdate(payload);
      clients = [...new Set(decoded.structs.map((s) => s.id.client))];
      deletes = decoded.ds.clients.size > 0;
    } catch {
      throw new BadMessage('ongeldige Yjs-update');
    }
    // An empty update (a client's sync step 2 when it has nothing new) changes nothing and says
    // nothing about the client's document.
    if (clients.length === 0 && !deletes) return;
    if (clients.length > MAX_CLIENTS_PER_UPDATE) {
      throw new Refusal(CLOSE_CODES.tooManyClients, 'te veel client-ids in één update', { clients: clients.length });
    }
    // Writing under an id another session owns (or the server's own) is refused from the
    // sender, whatever its rights: the owner is never the one cut off.
    const foreign = await this.clientIds.foreign(peer.sessionId, clients);
    if (foreign.length > 0) {
      throw new Refusal(CLOSE_CODES.foreignClient, 'client-id is van een andere sessie', { clients: clients.length, foreign: foreign.length });
    }
    // y-websocket clients announce presence under their document's client id; a deletion carries
    // no client id of its own, so that is how a delete-only update is traced to its document.
    const held = clients.length > 0 ? [] : [...(this.peers.get(peer) ?? [])];
    const heldForeign = await this.clientIds.foreign(peer.sessionId, held);
    const documentIds = [...new Set([...clients, ...held.filter((c) => !heldForeign.includes(c))])];
    // Read-only members receive everything but change nothing: their updates are dropped unseen.
    // Their ids are remembered for their own session only, because every later edit of that
    // document builds on what was dropped.
    if (!peer.canWrite) {
      await this.clientIds.markDiverged(peer.sessionId, documentIds);
      return;
    }
    if (this.clientIds.isDiverged(peer.sessionId, documentIds)) {
      // E.g. a stock client that typed while read-only and now has edit rights: its document can
      // no longer be merged. It has to start from a fresh copy of the server's document.
      throw new Refusal(CLOSE_CODES.diverged, 'document bevat geweigerde wijzigingen; laad opnieuw', {}, false);
    }
    await this.clientIds.claim(peer.sessionId, clients);
    Y.applyUpdate(this.doc, payload, peer);
    await this.persistAndRelay();
  }

  /** Folds everything stored so far into one snapshot; attribution rows are kept. */
  compact(): Promise<void> {
    return this.serial(() => this.compactNow());
  }

  private async compactNow(): Promise<void> {
    if (this.updatesSinceSnapshot === 0) return;
    await storeSnapshot(this.db, this.name, Y.encodeStateAsUpdate(this.doc), this.lastUpdateId);
    this.updatesSinceSnapshot = 0;
  }

  closeAll(code: number = CLOSE_CODES.serverShutdown, reason = 'server stopt'): void {
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
  }

  destroy(): void {
    clearTimeout(this.unloadTimer);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
