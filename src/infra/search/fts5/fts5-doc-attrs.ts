import type { SqliteConnection } from './sqlite-connection.ts';

/**
 * An in-memory copy of the `attrs` table (facet key, day, has-readers per document rowid), so
 * counting a query's matches needs only their rowids from FTS5: joining 100,000 matches to a
 * table row by row cost three times the full-text search itself. Typed arrays indexed by -rowid
 * (rowids count down from -1): 9 bytes per document, 9 MB for a million.
 *
 * Keeping it current is cheap because rowids are never reused: a new or replaced document gets a
 * rowid below every earlier one, so a sync reads only `n < lowest seen`. Rows of removed
 * documents linger here but can never match again. clear() restarts rowids at -1, which shows
 * as a changed maximum and triggers a full reload.
 */
export class DocAttrs {
  private fkey = new Int32Array(1024);
  private day = new Int32Array(1024);
  private shared = new Uint8Array(1024);
  private lowest = 0;
  private highest: number | null = null;

  /** Loads what was committed since the last sync. */
  async sync(db: SqliteConnection): Promise<void> {
    const bounds = await db.get<{ lo: number | null; hi: number | null }>('SELECT min(n) AS lo, max(n) AS hi FROM attrs');
    const hi = bounds?.hi ?? null;
    if (hi !== this.highest) this.reset(hi);
    if ((bounds?.lo ?? 0) >= this.lowest) return;
    const row = await db.get<{ rows: string | null }>("SELECT group_concat(n || ' ' || fkey || ' ' || day || ' ' || shared) AS rows FROM attrs WHERE n < ?", [
      this.lowest,
    ]);
    for (const line of (row?.rows ?? '').split(',')) {
      if (line === '') continue;
      const [n, fkey, day, shared] = line.split(' ').map(Number) as [number, number, number, number];
      this.put(n, fkey, day, shared);
    }
  }

  /** How many rowids have been handed out (they run from -1 down to the lowest). */
  span(): number {
    return -this.lowest;
  }

  /** Facet key of a document, or 0 when unknown. */
  keyOf(n: number): number {
    const i = -n;
    return i > 0 && i < this.fkey.length ? this.fkey[i]! : 0;
  }

  dayOf(n: number): number {
    const i = -n;
    return i > 0 && i < this.day.length ? this.day[i]! : 0;
  }

  isShared(n: number): boolean {
    const i = -n;
    return i > 0 && i < this.shared.length && this.shared[i] === 1;
  }

  private put(n: number, fkey: number, day: number, shared: number): void {
    const i = -n;
    if (i >= this.fkey.length) this.grow(i + 1);
    this.fkey[i] = fkey;
    this.day[i] = day;
    this.shared[i] = shared;
    if (n < this.lowest) this.lowest = n;
  }

  private grow(size: number): void {
    const length = Math.max(size, this.fkey.length * 2);
    const fkey = new Int32Array(length);
    fkey.set(this.fkey);
    const day = new Int32Array(length);
    day.set(this.day);
    const shared = new Uint8Array(length);
    shared.set(this.shared);
    [this.fkey, this.day, this.shared] = [fkey, day, shared];
  }

  private reset(highest: number | null): void {
    this.fkey = new Int32Array(1024);
    this.day = new Int32Array(1024);
    this.shared = new Uint8Array(1024);
    this.lowest = 0;
    this.highest = highest;
  }
}
