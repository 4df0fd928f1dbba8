/**
 * At most `capacity` attempts per subject verified at once in this process; the rest wait their turn
 * (FIFO, woken by the attempt that frees a slot — no polling). With `capacity` = the lockout
 * threshold, a burst of parallel logins for one identifier never has more attempts in flight than
 * the threshold allows, so parallel right passwords are not mistaken for a lockout, while parallel
 * guesses still get at most the threshold's worth of verifications.
 */
interface Entry {
  active: number;
  waiting: Array<() => void>;
}

export interface Slot {
  /** Attempts of this subject holding a slot in this process right now, this one included. */
  active(): number;
  /** Frees the slot (idempotent); the next waiter, if any, takes it over. */
  release(): void;
}

export class KeyedSlots {
  readonly #entries = new Map<string, Entry>();

  async acquire(key: string, capacity: number): Promise<Slot> {
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = { active: 0, waiting: [] };
      this.#entries.set(key, entry);
    }
    const held = entry;
    if (held.active < capacity) held.active++;
    else await new Promise<void>((resolve) => held.waiting.push(resolve)); // the releaser hands its slot over
    let released = false;
    return {
      active: () => held.active,
      release: () => {
        if (released) return;
        released = true;
        const next = held.waiting.shift();
        if (next) next();
        else if (--held.active === 0) this.#entries.delete(key);
      },
    };
  }

  /** Subjects with attempts in flight or waiting (for tests). */
  get size(): number {
    return this.#entries.size;
  }
}
