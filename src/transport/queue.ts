/**
 * A FIFO semaphore: at most `max` holders at once, waiters served in arrival order. This is
 * the SDK's politeness: by default one request per client is in flight at the server, from
 * sending it until its body has been read to the end or cancelled.
 */
export class RequestQueue {
  #active = 0;
  readonly #waiting: Array<{ grant: () => void }> = [];

  constructor(readonly max: number) {}

  /** Requests holding or waiting for a slot. */
  get pending(): number {
    return this.#active + this.#waiting.length;
  }

  /**
   * Resolves with a release function once a slot is free. Releasing twice is harmless.
   * Rejects with `signal.reason` if the signal aborts while waiting.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.max) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.#waiting.indexOf(waiter);
        if (i >= 0) this.#waiting.splice(i, 1);
        reject(signal?.reason);
      };
      const waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.#releaser());
        },
      };
      this.#waiting.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next.grant();
      else this.#active--;
    };
  }
}
