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

/**
 * The secrets in use right now: passwords while signing in, session cookie values while held.
 * A server may echo them (a refusal quoting the request, an error page naming the token), so
 * every error is built with them blanked out. Counted, as two clients may share one.
 */
const secrets = new Map<string, number>();

/** Treats `value` as secret until the returned function is called. */
export function keepSecret(value: string): () => void {
  if (value === "") return () => {};
  secrets.set(value, (secrets.get(value) ?? 0) + 1);
  let kept = true;
  return () => {
    if (!kept) return;
    kept = false;
    const left = (secrets.get(value) ?? 1) - 1;
    if (left > 0) secrets.set(value, left);
    else secrets.delete(value);
  };
}

const REDACTED = "[redacted]";

function redactText(text: string): string {
  let out = text;
  for (const secret of secrets.keys()) {
    out = out.split(secret).join(REDACTED);
    out = out.split(JSON.stringify(secret).slice(1, -1)).join(REDACTED); // as JSON escapes it
  }
  return out;
}

/** `value` with every known secret blanked out: a string, a parsed JSON body, or a cause. */
function hideSecrets<T>(value: T): T {
  if (secrets.size === 0 || value === undefined || value === null) return value;
  if (typeof value === "string") return redactText(value) as T;
  if (value instanceof Error) {
    const shown = `${value.message}\n${value.stack ?? ""}`;
    return (redactText(shown) === shown ? value : new Error(redactText(value.message))) as T;
  }
  if (typeof value !== "object") return value;
  try {
    const json = JSON.stringify(value);
    return redactText(json) === json ? value : JSON.parse(redactText(json));
  } catch {
    return undefined as T; // too deep to check: leave it out rather than risk it
  }
}

/** Base class of every error thrown by coherent-dcs. */
export class DcsError extends Error {
  override name = "DcsError";
  /**
   * HTTP status of the answer, or undefined when none came (network, timeout, abort, arguments).
   */
  readonly status: number | undefined;
  /** The server's own explanation (`details` of a DCS error body), when it gave one. */
  readonly details: string | undefined;
  /** HTTP method of the failed request, e.g. `"GET"`. */
  readonly method: string | undefined;
  /** URL of the failed request; never contains credentials. */
  readonly url: string | undefined;
  /** The parsed JSON error body, or undefined when it was not JSON. */
  readonly body: unknown;

  /**
   * Errors are made by the SDK; construct one yourself only to fake a failure in a test.
   *
   * @param message - The error message; must not contain secrets.
   * @param init - What is known about the failed request.
   */
  constructor(message: string, init: DcsErrorInit = {}) {
    const cause = hideSecrets(init.cause);
    super(hideSecrets(message), cause === undefined ? undefined : { cause });
    this.status = init.status;
    this.details = hideSecrets(init.details);
    this.method = init.method;
    this.url = init.url;
    this.body = hideSecrets(init.body);
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
  /**
   * Made by the transport when 429 answers outlast `retry.rateLimitRetries`.
   *
   * @param message - The error message.
   * @param init - As for {@link DcsError}, plus the last wait the server asked for, in milliseconds.
   */
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

/**
 * A call was not sent because it could only have waited forever: the client already has as
 * many requests open as it allows, each holding a result nobody has started to read (e.g.
 * `Promise.all` over many `readings()` calls). Read results in turn, cancel those you don't
 * need, or raise `maxConcurrent`.
 */
export class DcsConcurrencyError extends DcsError {
  override name = "DcsConcurrencyError";
}

/** The server answered something that is not the protocol: not JSON, an HTML page, a cut body. */
export class DcsProtocolError extends DcsError {
  override name = "DcsProtocolError";
}

/** One problem found while validating a response. */
export interface DcsValidationIssue {
  /** Where in the response, e.g. `["readings", 17, "value"]`. */
  path: (string | number)[];
  /** What was wrong there, e.g. `expected number or "NaN", got "lots"`. */
  message: string;
}

/** The response was JSON but did not fit the schema; `issues` name the field paths. */
export class DcsValidationError extends DcsError {
  override name = "DcsValidationError";
  /** Every mismatch found, each with its field path. */
  readonly issues: DcsValidationIssue[];
  /**
   * Made by the response validation; see {@link DcsError} on constructing errors yourself.
   *
   * @param message - The error message, naming the first mismatch.
   * @param issues - The mismatches, each with its field path.
   * @param init - What is known about the request.
   */
  constructor(message: string, issues: DcsValidationIssue[], init: DcsErrorInit = {}) {
    super(message, init);
    this.issues = issues.map((issue) => ({ ...issue, message: hideSecrets(issue.message) }));
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
