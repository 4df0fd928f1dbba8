/**
 * An in-memory ProtectionStore with the semantics of the SQL one (packages/storage/src/identity/
 * protection.ts, checked by the contract suite), for unit tests whose fake storage needs one.
 */
import type { CounterHit, CounterState, CounterWindow, ProtectionStore } from '../src/index.ts';

interface Row {
  hits: number;
  limit: number;
  expiresAt: number;
}

export class MemoryProtectionStore implements ProtectionStore {
  readonly rows = new Map<string, Row>();

  async hit(hits: readonly CounterHit[], now: number, window: CounterWindow): Promise<CounterState[]> {
    return hits.map((h) => {
      const row = this.rows.get(h.key);
      const expiresAt = now + h.windowMs;
      let next: Row;
      if (row === undefined || row.expiresAt <= now) next = { hits: h.add, limit: h.limit, expiresAt };
      else {
        const slides = window === 'sliding' && h.add > 0 && row.hits < h.limit;
        next = { hits: row.hits <= h.limit ? row.hits + h.add : row.hits, limit: h.limit, expiresAt: slides ? expiresAt : row.expiresAt };
      }
      this.rows.set(h.key, next);
      return { key: h.key, hits: next.hits, expiresAt: next.expiresAt };
    });
  }

  async release(key: string): Promise<void> {
    const row = this.rows.get(key);
    if (row && row.hits > 0) row.hits--;
  }

  async reset(key: string): Promise<void> {
    this.rows.delete(key);
  }

  async deleteExpired(now: number, limit: number): Promise<number> {
    const expired = [...this.rows.entries()].filter(([, row]) => row.expiresAt <= now).slice(0, limit);
    for (const [key] of expired) this.rows.delete(key);
    return expired.length;
  }
}
