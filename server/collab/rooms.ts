// The rooms in memory: loaded on first join (two joins at once wait for the same load, so
// they can't race into two copies), unloaded after a grace period once the last client has left.
import type { Db } from '../../db/client';
import { caseIdOf, CLOSE_CODES, parseRoomName } from '../../shared/plan/rooms';
import { guarded, logFailure } from './guard';
import { Room } from './room';

export interface RoomManagerOptions {
  unloadGraceMs: number;
  compactEvery: number;
  onStored?(room: Room, userId: string): void;
}

export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  /** After closeAll (server stopping): no room is loaded again. */
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly options: RoomManagerOptions,
  ) {}

  get loadedRooms(): number {
    return this.rooms.size;
  }

  async get(name: string): Promise<Room> {
    const loaded = this.rooms.get(name);
    if (loaded) return loaded;
    let loading = this.loading.get(name);
    if (!loading) {
      loading = this.load(name).finally(() => this.loading.delete(name));
      this.loading.set(name, loading);
    }
    return loading;
  }

  private async load(name: string): Promise<Room> {
    {
      if (this.closed) throw new Error('de samenwerkingsserver is gestopt');
      const parsed = parseRoomName(name);
      if (!parsed) throw new Error(`ongeldige kamernaam ${name}`);
      const room = await Room.open(name, parsed, this.db, {
        compactEvery: this.options.compactEvery,
        onStored: this.options.onStored,
        onPersistFailure: (r, error) => {
          // Clients keep their edits and resend them after reconnecting to a freshly loaded room.
          console.error(`[collab] opslaan mislukt in ${r.name}; kamer wordt opnieuw geladen`, error);
          this.rooms.delete(r.name);
          setImmediate(
            guarded(`collab: kamer ${r.name} sluiten na mislukt opslaan`, async () => {
              r.closeAll(1011, 'opslaan mislukt');
              r.destroy();
            }),
          );
        },
      });
      if (this.closed) {
        room.destroy();
        throw new Error('de samenwerkingsserver is gestopt');
      }
      this.rooms.set(name, room);
      return room;
    }
  }

  /** Reads or changes a room's current document, loading it only for the call when nobody is in it. */
  async withDoc<T>(name: string, fn: (room: Room) => T | Promise<T>): Promise<T> {
    const loaded = this.rooms.get(name);
    if (loaded) return await fn(loaded);
    const room = await this.get(name);
    try {
      return await fn(room);
    } finally {
      if (room.peers.size === 0) await this.unload(room);
    }
  }

  /** Called when a client leaves; an empty room stays warm for a while, then goes. */
  released(room: Room): void {
    if (this.closed || room.peers.size > 0 || this.rooms.get(room.name) !== room) return;
    clearTimeout(room.unloadTimer);
    room.unloadTimer = setTimeout(
      guarded(`collab: kamer ${room.name} opruimen`, async () => {
        if (room.peers.size === 0 && this.rooms.get(room.name) === room) await this.unload(room);
      }),
      this.options.unloadGraceMs,
    );
    room.unloadTimer.unref();
  }

  private async unload(room: Room): Promise<void> {
    try {
      await room.compact();
    } catch (error) {
      // Every update is stored already; a failed compaction only costs load time later.
      logFailure(`collab: compacteren van ${room.name} mislukt`, error);
    }
    this.rooms.delete(room.name);
    room.destroy();
  }

  roomsOfCase(caseId: string): Room[] {
    return [...this.rooms.values()].filter((r) => caseIdOf(r.parsed) === caseId);
  }

  /** Server stopping: closes what is still connected, then compacts and unloads every room (clearing its timer). */
  async closeAll(): Promise<void> {
    this.closed = true;
    for (const room of [...this.rooms.values()]) {
      try {
        room.closeAll(CLOSE_CODES.serverShutdown, 'server stopt');
      } catch (error) {
        logFailure(`collab: verbindingen van ${room.name} sluiten mislukt`, error);
      }
      await this.unload(room);
    }
  }
}
