/**
 * The time limits of one attempt, and its AbortSignal: what ends a request that waits too
 * long for the server, or that its caller no longer wants.
 */

/** Why an attempt's own controller aborted. */
export type AbortCause = "caller" | "headers-timeout" | "idle-timeout";

/**
 * An attempt's time limits, linked to the caller's signal. Only waiting counts: first the wait
 * for the response headers (`headersTimeoutMs`, or `timeoutMs` if shorter), then each wait for
 * more of the body while someone reads it (`timeoutMs`). The reader's own time between reads
 * is never counted, so a consumer that pauses is not cut off, while a server that stalls is.
 * One timer serves every wait, re-armed only when it fires during a wait with time left, so a
 * read costs two clock readings rather than a timer of its own.
 */
export class AttemptDeadline {
  readonly #controller = new AbortController();
  cause: AbortCause | undefined;
  /**
   * The Request handed to a custom fetch, held for the whole attempt: Node's fetch links the
   * signal to a Request only weakly, so once collected it would miss the abort.
   */
  request: Request | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the current wait began; undefined between waits. */
  #waitStarted: number | undefined;
  #waitMs = 0;
  #waitCause: AbortCause = "headers-timeout";
  readonly #idleMs: number;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort = () => this.#abort("caller", this.#callerSignal?.reason);
  /** Runs once the attempt is aborted or times out, after its fetch was told. */
  onAbort: (() => void) | undefined;

  constructor(callerSignal: AbortSignal | undefined, headersMs: number, idleMs: number) {
    this.#callerSignal = callerSignal;
    this.#idleMs = idleMs;
    if (callerSignal?.aborted) this.#abort("caller", callerSignal.reason);
    else callerSignal?.addEventListener("abort", this.#onCallerAbort, { once: true });
    this.#wait(Math.min(headersMs, idleMs), "headers-timeout");
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  headersArrived(): void {
    this.#waitStarted = undefined;
  }

  /** A read of the body is pending: the caller is waiting for bytes. */
  waiting(): void {
    this.#wait(this.#idleMs, "idle-timeout");
  }

  /** The pending read has settled: what follows is the caller's own time. */
  received(): void {
    this.#waitStarted = undefined;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#waitStarted = undefined;
    this.#callerSignal?.removeEventListener("abort", this.#onCallerAbort);
  }

  #wait(ms: number, cause: AbortCause): void {
    this.#waitStarted = now();
    this.#waitMs = ms;
    this.#waitCause = cause;
    // A timer already armed fires no later than this wait's end (no wait is shorter than the
    // first), and then re-arms for what is left.
    this.#timer ??= unref(setTimeout(this.#onTimer, ms));
  }

  readonly #onTimer = () => {
    this.#timer = undefined;
    if (this.#waitStarted === undefined) return;
    const left = this.#waitStarted + this.#waitMs - now();
    if (left <= 0) this.#abort(this.#waitCause);
    else this.#timer = unref(setTimeout(this.#onTimer, left));
  };

  #abort(cause: AbortCause, reason?: unknown): void {
    if (this.cause) return;
    this.cause = cause;
    this.#controller.abort(reason);
    this.onAbort?.();
  }
}

export const now = () => performance.now();

/**
 * A deadline alone must not keep Node running: while a request really waits, its socket does,
 * and a result dropped unread (its socket paused) should let a finished script exit at once.
 * Browsers' timers are numbers, with nothing to unref.
 */
function unref(timer: ReturnType<typeof setTimeout>): ReturnType<typeof setTimeout> {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
