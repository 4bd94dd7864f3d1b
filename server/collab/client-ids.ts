// Who may write under which Yjs client id in one room. Every struct in a Yjs update carries the
// id of the document that made it, and peers see each other's ids in presence. So ids are
// claimed: an id belongs to the session that first wrote with it, for the life of the room,
// and an update under someone else's id is refused from its sender, never from the owner.
// Updates of a session that cannot write are dropped; the ids they used are marked diverged
// for that session only, because Yjs history cannot be accepted in part.
//
// Kept in memory per loaded room and in SQLite (collab_client_owners, collab_diverged_clients),
// so ownership survives unloading the room and restarting the server. Rows belong to a
// session and go with it (ON DELETE CASCADE); memory learns that lazily, on a conflict.
import type { Db } from '../../db/client';
import { claimClientIds, findClientOwner, listClientOwners, listDivergedClients, markClientsDiverged } from '../../db/queries/collab';
import { CLOSE_CODES } from '../../shared/plan/rooms';
import { MAX_CLIENTS_PER_ROOM, MAX_CLIENTS_PER_SESSION } from './limits';

/** A decision to close one connection; `audit` when it is worth a row in the audit trail. */
export class Refusal extends Error {
  constructor(
    readonly code: number,
    /** Dutch, short: it travels as the WebSocket close reason (at most 123 bytes). */
    readonly reason: string,
    readonly detail: Record<string, unknown> = {},
    readonly audit = true,
  ) {
    super(reason);
  }
}

const sessionEnded = () => new Refusal(CLOSE_CODES.unauthorized, 'sessie beëindigd', {}, false);

export class ClientIds {
  /** clientId -> owning session, oldest claim first. */
  private owners = new Map<number, string>();
  /** sessionId -> ids it sent updates under while it could not write. */
  private diverged = new Map<string, Set<number>>();
  private divergedCount = 0;

  constructor(
    private readonly db: Db,
    private readonly room: string,
    /** The server document's own id: nobody else writes under it. */
    private readonly reserved: () => number,
  ) {}

  /** (Re)reads both lists from the database, which has dropped the rows of ended sessions. */
  async load(): Promise<void> {
    this.owners = new Map((await listClientOwners(this.db, this.room)).map((r) => [r.clientId, r.sessionId]));
    this.diverged = new Map();
    this.divergedCount = 0;
    for (const r of await listDivergedClients(this.db, this.room)) {
      let set = this.diverged.get(r.sessionId);
      if (!set) this.diverged.set(r.sessionId, (set = new Set()));
      set.add(r.clientId);
      this.divergedCount += 1;
    }
  }

  get ownedCount(): number {
    return this.owners.size;
  }

  get divergedTotal(): number {
    return this.divergedCount;
  }

  /** Whether some session (as far as memory knows) owns this id. */
  isOwned(clientId: number): boolean {
    return this.owners.has(clientId);
  }

  /**
   * The session that owns `clientId`, checked against SQLite when it is not `sessionId`: the
   * owner's session may have ended since, and then the id is free again.
   */
  async ownerFor(clientId: number, sessionId: string): Promise<string | undefined> {
    const owner = this.owners.get(clientId);
    if (owner === undefined || owner === sessionId) return owner;
    const stored = await findClientOwner(this.db, this.room, clientId);
    if (stored === undefined) this.owners.delete(clientId);
    else this.owners.set(clientId, stored);
    return stored;
  }

  /** Ids among `clientIds` that belong to someone other than this session. */
  async foreign(sessionId: string, clientIds: number[]): Promise<number[]> {
    const foreign: number[] = [];
    for (const c of clientIds) {
      if (c === this.reserved() || ((await this.ownerFor(c, sessionId)) ?? sessionId) !== sessionId) foreign.push(c);
    }
    return foreign;
  }

  isDiverged(sessionId: string, clientIds: number[]): boolean {
    const marked = this.diverged.get(sessionId);
    return marked !== undefined && clientIds.some((c) => marked.has(c));
  }

  /**
   * A writer's update under `clientIds`, none of them foreign: the new ones become this
   * session's. Past the per-session bound the session's own oldest ids are released; past the
   * room's bound (after pruning ended sessions) the update is refused.
   */
  async claim(sessionId: string, clientIds: number[]): Promise<void> {
    const plan = () => {
      const fresh = [...new Set(clientIds)].filter((c) => !this.owners.has(c));
      const own = [...this.owners].filter(([, s]) => s === sessionId).map(([c]) => c);
      const release = own.slice(0, Math.max(0, own.length + fresh.length - MAX_CLIENTS_PER_SESSION));
      return { fresh, release, over: this.owners.size - release.length + fresh.length > MAX_CLIENTS_PER_ROOM };
    };
    let p = plan();
    if (p.fresh.length === 0) return;
    if (p.over) {
      await this.load();
      p = plan();
      if (p.over) throw new Refusal(CLOSE_CODES.tooManyClients, 'te veel client-ids in deze kamer', { owned: this.owners.size });
    }
    if (!await claimClientIds(this.db, this.room, sessionId, p.fresh, p.release)) throw sessionEnded();
    for (const c of p.release) this.owners.delete(c);
    for (const c of p.fresh) this.owners.set(c, sessionId);
  }

  /**
   * A dropped update of a session that cannot write, under `clientIds` (none of them foreign):
   * remembered for that session, so it can never push that document in later. Such a session
   * has no reason to use many ids; past the bounds it is refused.
   */
  async markDiverged(sessionId: string, clientIds: number[]): Promise<void> {
    const plan = () => {
      const marked = this.diverged.get(sessionId) ?? new Set<number>();
      const fresh = [...new Set(clientIds)].filter((c) => !marked.has(c));
      return { marked, fresh, over: this.divergedCount + fresh.length > MAX_CLIENTS_PER_ROOM };
    };
    let p = plan();
    if (p.fresh.length === 0) return;
    if (p.marked.size + p.fresh.length > MAX_CLIENTS_PER_SESSION) {
      throw new Refusal(CLOSE_CODES.tooManyClients, 'te veel client-ids voor deze sessie', { diverged: p.marked.size + p.fresh.length });
    }
    if (p.over) {
      await this.load();
      p = plan();
      if (p.over) throw new Refusal(CLOSE_CODES.tooManyClients, 'te veel client-ids in deze kamer', { diverged: this.divergedCount });
    }
    if (!await markClientsDiverged(this.db, this.room, sessionId, p.fresh)) throw sessionEnded();
    for (const c of p.fresh) p.marked.add(c);
    this.diverged.set(sessionId, p.marked);
    this.divergedCount += p.fresh.length;
  }
}
