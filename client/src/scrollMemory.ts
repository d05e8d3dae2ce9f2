/** Where a page was when it was left: how far down, and the id of what had focus. */
export interface Position {
  scrollY: number;
  focusId: string | null;
}

/** How many history entries' positions are kept (a long session should not grow without end). */
const MAX_ENTRIES = 100;

/**
 * The position of each history entry, by the key the router gives every entry, so that Back
 * returns to where the person was. The browser's own restoration cannot do it: it scrolls
 * before a page has loaded its content, when the page is still too short to scroll that far.
 * The position of the entry being left is recorded as the person scrolls; on arriving by
 * Back or Forward, the position the entry had is taken before the new page's first render can
 * move it (a shorter page scrolls the window up), and the page applies it once its content is
 * there.
 */
export class PositionMemory {
  private readonly positions = new Map<string, Position>();
  private arrival: { key: string; position: Position | null } | null = null;

  constructor(saved: readonly (readonly [string, Position])[] = []) {
    for (const [key, position] of saved) this.positions.set(key, position);
  }

  /** The person scrolled on the entry `key`. */
  scrolled(key: string, scrollY: number): void {
    const known = this.positions.get(key);
    this.put(key, { scrollY, focusId: known?.focusId ?? null });
  }

  /** The entry `key` is being left for a new one: its position as it is now. */
  leave(key: string, position: Position): void {
    this.put(key, position);
    this.arrival = null;
  }

  /** Arrived at the entry `key` by Back, Forward or a reload: what the page should return to. */
  arrive(key: string): void {
    this.arrival = { key, position: this.positions.get(key) ?? null };
  }

  /** The position to return to on the entry `key`; null unless it was arrived at by Back, Forward or a reload. */
  returnTo(key: string): Position | null {
    return this.arrival?.key === key ? this.arrival.position : null;
  }

  /** What to keep over a reload (sessionStorage), oldest first. */
  entries(): [string, Position][] {
    return [...this.positions.entries()];
  }

  private put(key: string, position: Position): void {
    // Newest last, so the oldest go first when there are too many.
    this.positions.delete(key);
    this.positions.set(key, position);
    for (const oldest of this.positions.keys()) {
      if (this.positions.size <= MAX_ENTRIES) break;
      this.positions.delete(oldest);
    }
  }
}
