/**
 * Every failure the SDK reports is a {@link DcsError} or one of its subclasses, so callers can
 * branch with `instanceof` and still read the server's own words from `details`.
 *
 * No error built here ever carries a password, a cookie value or a request body: only the
 * method, the URL (without user info) and what the server said.
 */

/** What every error may know about the request that failed. */
export interface DcsErrorInit {
  /** HTTP status, when the server answered. */
  status?: number;
  /** The server's human-readable reason (`details` in DCS error bodies). */
  details?: string;
  /** HTTP method of the failed request. */
  method?: string;
  /** URL of the failed request (never contains credentials). */
  url?: string;
  /** The parsed error body, when it was JSON. */
  body?: unknown;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** Base class of every error thrown by coherent-dcs. */
export class DcsError extends Error {
  override name = "DcsError";
  readonly status: number | undefined;
  readonly details: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly body: unknown;

  constructor(message: string, init: DcsErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.details = init.details;
    this.method = init.method;
    this.url = init.url;
    this.body = init.body;
  }
}

/** A caller passed something the SDK can tell is wrong before any request is sent. */
export class DcsArgumentError extends DcsError {
  override name = "DcsArgumentError";
}

/** 400: the server rejected the request (bad parameters, or a range longer than it allows). */
export class DcsBadRequestError extends DcsError {
  override name = "DcsBadRequestError";
}

/** 401: no token, a wrong password, or an expired cookie. */
export class DcsAuthError extends DcsError {
  override name = "DcsAuthError";
}

/** 403: the account may not see this meter (restriction profile, account expiry). */
export class DcsForbiddenError extends DcsError {
  override name = "DcsForbiddenError";
}

/** 404: no such endpoint or object. */
export class DcsNotFoundError extends DcsError {
  override name = "DcsNotFoundError";
}

/** 429 that persisted after the allowed retries. */
export class DcsRateLimitError extends DcsError {
  override name = "DcsRateLimitError";
  /** How long the server last asked us to wait, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, init: DcsErrorInit & { retryAfterMs?: number } = {}) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** 5xx from DCS or from the web server in front of it. */
export class DcsServerError extends DcsError {
  override name = "DcsServerError";
}

/** The server did not answer (headers) or finish (body) in time. */
export class DcsTimeoutError extends DcsError {
  override name = "DcsTimeoutError";
}

/** The connection failed: refused, reset, DNS, TLS. */
export class DcsNetworkError extends DcsError {
  override name = "DcsNetworkError";
}

/** The caller aborted the call through its `AbortSignal`. */
export class DcsAbortError extends DcsError {
  override name = "AbortError";
}

/** The server answered something that is not the protocol: not JSON, an HTML page, a cut body. */
export class DcsProtocolError extends DcsError {
  override name = "DcsProtocolError";
}

/** One problem found while validating a response. */
export interface DcsValidationIssue {
  /** Where in the response, e.g. `["readings", 17, "value"]`. */
  path: (string | number)[];
  message: string;
}

/** The response was JSON but did not fit the schema; `issues` name the field paths. */
export class DcsValidationError extends DcsError {
  override name = "DcsValidationError";
  readonly issues: DcsValidationIssue[];
  constructor(message: string, issues: DcsValidationIssue[], init: DcsErrorInit = {}) {
    super(message, init);
    this.issues = issues;
  }
}

/** Formats a validation path the way people write it: `readings[17].value`. */
export function formatPath(path: readonly (string | number | symbol)[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}
