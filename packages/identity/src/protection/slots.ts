/**
 * At most `capacity` attempts per subject in flight at once in this process; the rest wait their turn
 * (FIFO, woken by the attempt that frees a slot — no polling). With `capacity` = the lockout
 * threshold, one node never asks the shared counter for more reservations than it could grant.
 * A slot also says whether it holds a reservation in the shared counter, so an attempt refused only
 * because of reservations in flight knows whether they are all this process's own (then it waits for
 * one of them to end, woken by `nextRelease`) or some belong to other nodes (then it polls).
 */
interface Entry {
  active: number;
  /** Slots of this key holding a reservation in the shared counter. */
  reserved: number;
  waiting: Array<() => void>;
  released: Array<() => void>;
}

export interface Slot {
  /** Attempts of this subject holding a slot in this process right now, this one included. */
  active(): number;
  /** Marks this slot as holding a reservation in the shared counter (until it is released). */
  holdReservation(): void;
  /** Slots of this subject in this process that hold a reservation, this one included if it does. */
  reserved(): number;
  /** Resolves when any slot of this subject in this process is next released. */
  nextRelease(): Promise<void>;
  /** Frees the slot (idempotent); the next waiter, if any, takes it over. */
  release(): void;
}

export class KeyedSlots {
  readonly #entries = new Map<string, Entry>();

  async acquire(key: string, capacity: number): Promise<Slot> {
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = { active: 0, reserved: 0, waiting: [], released: [] };
      this.#entries.set(key, entry);
    }
    const held = entry;
    if (held.active < capacity) held.active++;
    else await new Promise<void>((resolve) => held.waiting.push(resolve)); // the releaser hands its slot over
    let released = false;
    let reserving = false;
    return {
      active: () => held.active,
      holdReservation: () => {
        if (reserving || released) return;
        reserving = true;
        held.reserved++;
      },
      reserved: () => held.reserved,
      nextRelease: () => new Promise<void>((resolve) => held.released.push(resolve)),
      release: () => {
        if (released) return;
        released = true;
        if (reserving) held.reserved--;
        for (const wake of held.released.splice(0)) wake();
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
