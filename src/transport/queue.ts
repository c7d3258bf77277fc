/**
 * A FIFO semaphore: at most `max` holders at once, waiters served in arrival order. This is
 * the SDK's politeness: by default one request per client is in flight at the server, from
 * sending it until its body has been read to the end or cancelled.
 *
 * One exception keeps a caller from waiting forever on itself. A slot whose body was handed to
 * a caller who has not started to read it is *parked*; once the current task is over (the
 * caller has had its chance to start), a parked slot is lent to the next waiter, so that
 * `Promise.all` over two readings calls completes. The lender takes a slot back, without
 * waiting, when its reading starts. Lending stops at `openLimit` requests open at once; a
 * waiter that could then only wait for results nobody reads fails at once instead.
 */

/** The fewest requests a client may have open at once while some wait unread. */
const MIN_OPEN_LIMIT = 4;

/** A request's hold on the queue, from being granted until released. */
export interface Slot {
  /** Gives the slot back; calling it again is harmless. */
  release(): void;
  /** The request's body waits for a caller who has not started to read it. */
  park(): void;
  /** The caller has started to read: the request holds a slot again (never waits for one). */
  unpark(): void;
}

/** A slot as the queue tracks it. */
interface TrackedSlot extends Slot {
  state: "held" | "parked" | "lent" | "released";
}

interface Waiter {
  grant(slot: Slot): void;
  /** The request could only wait for unread results: it is not sent. */
  refuse(): void;
}

export class RequestQueue {
  /** Most requests open at once, lent slots included. */
  readonly openLimit: number;
  /** Holders of a slot: in flight, being read, or parked and not yet lent. */
  #holding = 0;
  /** Parked requests that lent their slot to another. */
  #lent = 0;
  /** Parked slots not yet lent, oldest first. */
  readonly #parked: TrackedSlot[] = [];
  readonly #waiting: Waiter[] = [];
  #lendingScheduled = false;

  constructor(readonly max: number) {
    this.openLimit = Math.max(max, MIN_OPEN_LIMIT);
  }

  /**
   * Resolves with a slot once one is free (or lent). Rejects with `signal.reason` if the
   * signal aborts while waiting, and with `refused()` if the request could only wait forever.
   */
  acquire(
    signal?: AbortSignal,
    refused: () => unknown = () => new Error("It could only wait for results nobody reads"),
  ): Promise<Slot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#holding < this.max) {
      this.#holding++;
      return Promise.resolve(this.#slot());
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.#waiting.indexOf(waiter);
        if (i >= 0) this.#waiting.splice(i, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (slot) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(slot);
        },
        refuse: () => {
          signal?.removeEventListener("abort", onAbort);
          reject(refused());
        },
      };
      this.#waiting.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
      if (this.#parked.length > 0) this.#scheduleLending();
    });
  }

  /** A new slot, already counted in `#holding`. */
  #slot(): Slot {
    const slot: TrackedSlot = {
      state: "held",
      release: () => {
        if (slot.state === "released") return;
        if (slot.state === "lent") this.#lent--;
        else this.#holding--;
        if (slot.state === "parked") this.#unlist(slot);
        slot.state = "released";
        this.#grant();
      },
      park: () => {
        if (slot.state !== "held") return;
        slot.state = "parked";
        this.#parked.push(slot);
        if (this.#waiting.length > 0) this.#scheduleLending();
      },
      unpark: () => {
        if (slot.state === "parked") this.#unlist(slot);
        else if (slot.state === "lent") {
          this.#lent--;
          this.#holding++;
        } else return;
        slot.state = "held";
      },
    };
    return slot;
  }

  #unlist(slot: TrackedSlot): void {
    this.#parked.splice(this.#parked.indexOf(slot), 1);
  }

  #grant(): void {
    while (this.#waiting.length > 0 && this.#holding < this.max) {
      this.#holding++;
      this.#waiting.shift()?.grant(this.#slot());
    }
    if (this.#waiting.length > 0 && this.#parked.length > 0) this.#scheduleLending();
  }

  /**
   * Lending waits for the end of the current task: a caller handed a result in it has started
   * to read by then if it is going to (`for await` right after `await readings()`), and that
   * result is not lent.
   */
  #scheduleLending(): void {
    if (this.#lendingScheduled) return;
    this.#lendingScheduled = true;
    setTimeout(() => {
      this.#lendingScheduled = false;
      this.#lendOrRefuse();
    }, 0);
  }

  #lendOrRefuse(): void {
    while (
      this.#waiting.length > 0 &&
      this.#parked.length > 0 &&
      this.#holding + this.#lent < this.openLimit
    ) {
      (this.#parked.shift() as TrackedSlot).state = "lent";
      this.#lent++; // the lender's slot passes to the waiter: #holding stays
      this.#waiting.shift()?.grant(this.#slot());
    }
    // Every slot is parked and no more may open: only a caller's read can free one, and these
    // waiters may be what that caller awaits (Promise.all). Refuse rather than hang.
    if (this.#waiting.length > 0 && this.#holding === this.#parked.length) {
      for (const waiter of this.#waiting.splice(0)) waiter.refuse();
    }
  }
}
