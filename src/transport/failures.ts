/**
 * The typed error of a failed attempt: for what its fetch or body read threw, knowing why the
 * attempt's signal aborted, if it did; and for a request refused before it was sent.
 */
import {
  DcsAbortError,
  DcsConcurrencyError,
  DcsError,
  DcsNetworkError,
  DcsProtocolError,
  DcsTimeoutError,
} from "../core/errors.js";
import type { AbortCause } from "./deadline.js";
import { displayUrl } from "./errors-from-response.js";
import type { TransportSettings } from "./options.js";
import type { OutgoingRequest } from "./request.js";

/** Classifies what a fetch (`phase` "request") or a body read ("body") threw. */
export function attemptFailure(
  cause: unknown,
  aborted: AbortCause | undefined,
  request: OutgoingRequest,
  phase: "request" | "body",
  { headersTimeoutMs, timeoutMs }: TransportSettings,
): DcsError {
  if (cause instanceof DcsError) return cause;
  const url = displayUrl(request.url);
  const init = { method: request.method, url, cause };
  switch (aborted) {
    case "caller":
      return abortError(request, cause);
    case "headers-timeout":
      return new DcsTimeoutError(
        `${request.method} ${url}: no response headers within ${Math.min(headersTimeoutMs, timeoutMs)} ms`,
        init,
      );
    case "idle-timeout":
      return new DcsTimeoutError(
        `${request.method} ${url}: stalled, nothing received for ${timeoutMs} ms`,
        init,
      );
    default:
      break;
  }
  const reason = cause instanceof Error ? describeCause(cause) : String(cause);
  if (phase === "body") {
    return new DcsProtocolError(
      `${request.method} ${url}: the response body broke off before its end (${reason})`,
      init,
    );
  }
  return new DcsNetworkError(`${request.method} ${url}: ${reason}`, init);
}

export function abortError(
  request: OutgoingRequest,
  cause: unknown = request.signal?.reason,
): DcsAbortError {
  return new DcsAbortError(`${request.method} ${displayUrl(request.url)} was aborted`, {
    method: request.method,
    url: displayUrl(request.url),
    cause,
  });
}

/** A request that could only wait for results nobody reads (see queue.ts) is not sent. */
export function refusedError(request: OutgoingRequest, openLimit: number): DcsConcurrencyError {
  const url = displayUrl(request.url);
  return new DcsConcurrencyError(
    `${request.method} ${url} was not sent, as it could only wait forever: this client has ${openLimit} requests open whose results nobody has started to read, the most it keeps open (maxConcurrent, or 4 if that is lower). Read each result before awaiting the next call (not Promise.all over many), cancel those you don't need, or raise maxConcurrent`,
    { method: request.method, url },
  );
}

/** "fetch failed" says little; the cause (ECONNREFUSED, ECONNRESET...) says what happened. */
function describeCause(error: Error): string {
  const inner = (error as { cause?: unknown }).cause;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    return `${error.message}: ${typeof code === "string" ? `${code} ` : ""}${inner.message}`.trim();
  }
  return error.message;
}
