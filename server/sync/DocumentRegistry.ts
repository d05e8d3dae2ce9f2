import { CLOSE_CODES } from '../../shared/closeCodes.js';
import type { DocumentPersistence } from './persistence.js';
import { Room, type RoomEvents } from './Room.js';

interface Entry {
  room: Promise<Room>;
  /** The room once its load has finished, for readers that must not wait for a load. */
  loaded: Room | null;
  /** Connections holding the document, including those still waiting for it to load. */
  holders: number;
  unloadTimer: NodeJS.Timeout | null;
}

export interface DocumentHold {
  room: Promise<Room>;
  release(): void;
}

export interface RegistryStats {
  /** Loads started since the server started. */
  loads: number;
  /** Documents in memory now. */
  loaded: number;
}

/**
 * The loaded documents. Concurrent first connections to one document share one load; a
 * document is unloaded only once it has had no connection for `unloadDelayMs` and every
 * update it received is stored. A failed load is forgotten, so the next connection retries
 * from storage; nothing is written for a document that did not load.
 */
export class DocumentRegistry {
  private readonly entries = new Map<string, Entry>();
  private loads = 0;

  constructor(
    private readonly persistence: DocumentPersistence,
    private readonly unloadDelayMs: number,
    private readonly roomEvents: RoomEvents = {},
  ) {}

  /**
   * Holds a document for one connection. `room` resolves once it is loaded; `release` lets
   * go of it (once; later calls do nothing) and is bound to this load, so a connection of a
   * failed load can never release a later one.
   */
  acquire(docName: string): DocumentHold {
    let entry = this.entries.get(docName);
    if (!entry) {
      this.loads++;
      const created: Entry = { room: this.load(docName), loaded: null, holders: 0, unloadTimer: null };
      created.room.then(
        (room) => (created.loaded = room),
        () => {
          if (this.entries.get(docName) === created) this.entries.delete(docName);
        },
      );
      this.entries.set(docName, created);
      entry = created;
    }
    const held = entry;
    held.holders++;
    if (held.unloadTimer) {
      clearTimeout(held.unloadTimer);
      held.unloadTimer = null;
    }
    let released = false;
    return {
      room: held.room,
      release: () => {
        if (released) return;
        released = true;
        held.holders--;
        if (held.holders > 0 || this.entries.get(docName) !== held) return;
        held.unloadTimer = setTimeout(() => {
          this.unloadIfIdle(docName, held).catch((error: unknown) => this.roomEvents.log?.(`unloading ${docName} failed: ${String(error)}`));
        }, this.unloadDelayMs);
      },
    };
  }

  /** The loaded room of a document, if it is in memory and loaded. */
  async peek(docName: string): Promise<Room | null> {
    const entry = this.entries.get(docName);
    if (!entry) return null;
    try {
      return await entry.room;
    } catch {
      return null;
    }
  }

  /**
   * The room of a document only if it is loaded right now, without waiting for a load in
   * progress (which may itself wait for the caller's transaction).
   */
  loadedNow(docName: string): Room | null {
    const room = this.entries.get(docName)?.loaded ?? null;
    return room && !room.isBroken ? room : null;
  }

  /** Loaded rooms whose document name starts with `prefix` (e.g. every measure of a round). */
  async loadedRooms(prefix: string): Promise<Room[]> {
    const rooms = await Promise.all(
      [...this.entries.keys()].filter((name) => name.startsWith(prefix)).map((name) => this.peek(name)),
    );
    return rooms.filter((room): room is Room => room !== null);
  }

  stats(): RegistryStats {
    return { loads: this.loads, loaded: this.entries.size };
  }

  /** Waits for every write, then closes every connection and frees every document. */
  async closeAll(): Promise<void> {
    const entries = [...this.entries.entries()];
    this.entries.clear();
    await Promise.all(
      entries.map(async ([, entry]) => {
        if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
        const room = await entry.room.catch(() => null);
        if (!room) return;
        // A room whose write failed has closed itself already; the others are still closed.
        await room.flushed().catch(() => undefined);
        room.destroy(CLOSE_CODES.GOING_AWAY, 'server shutting down');
      }),
    );
  }

  private async load(docName: string): Promise<Room> {
    const { doc, claims } = await this.persistence.load(docName);
    return new Room(docName, doc, this.persistence, {
      ...this.roomEvents,
      onBroken: (room, error) => {
        const entry = this.entries.get(docName);
        if (entry) {
          if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
          this.entries.delete(docName);
        }
        this.persistence.forget(docName);
        this.roomEvents.onBroken?.(room, error);
      },
    }, claims);
  }

  private async unloadIfIdle(docName: string, entry: Entry): Promise<void> {
    entry.unloadTimer = null;
    if (entry.holders > 0 || this.entries.get(docName) !== entry) return;
    const room = await entry.room.catch(() => null);
    if (!room) return;
    await room.flushed();
    // A connection may have arrived while the last writes were being stored.
    if (entry.holders > 0 || this.entries.get(docName) !== entry) return;
    this.entries.delete(docName);
    try {
      this.persistence.forget(docName);
    } finally {
      // Out of the registry, the room is freed whatever failed: its presence timer would run on.
      room.destroy();
    }
  }
}
