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
 * The secrets in use right now: passwords while signing in, session cookie values while held,
 * each with the forms a server may echo it in. A server may echo them (a refusal quoting the
 * request, an error page naming the token), so every error is built with them blanked out.
 * Counted, as two clients may share one.
 */
const secrets = new Map<string, { count: number; forms: string[] }>();

/** Treats `value` as secret until the returned function is called. */
export function keepSecret(value: string): () => void {
  if (value === "") return () => {};
  const entry = secrets.get(value);
  if (entry) entry.count++;
  else secrets.set(value, { count: 1, forms: echoForms(value) });
  let kept = true;
  return () => {
    if (!kept) return;
    kept = false;
    const left = secrets.get(value);
    if (left && --left.count === 0) secrets.delete(value);
  };
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * A secret as a server may echo it: as sent, JSON-escaped, URL-encoded (as a URI component or
 * a form value, with upper- or lower-case hex) and HTML-escaped.
 */
function echoForms(secret: string): string[] {
  const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const html = secret.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
  const forms = [secret, JSON.stringify(secret).slice(1, -1), form, lowerHex(form), html];
  forms.push(html.replaceAll("&#39;", "&#x27;")); // as Python escapes a quote
  try {
    const url = encodeURIComponent(secret);
    forms.push(url, lowerHex(url));
  } catch {
    // A lone surrogate has no URI form.
  }
  return [...new Set(forms)];
}

/**
 * A secret at least this long is blanked wherever it appears, and so is any run of at least
 * this many of its first characters (an echo the server cut short). A shorter secret is
 * blanked only where it stands as the value of a field (`name=value`, `"name": "value"`): a
 * one-character cookie must not blank that character in every word.
 */
const LONG_SECRET = 8;

const isWordChar = (text: string, i: number) => /[\p{L}\p{N}]/u.test(text[i] ?? "");

/** Whether a value starting at `at` follows a `=` or `:`, perhaps with a quote between. */
function isFieldValue(text: string, at: number): boolean {
  let i = at;
  const quote = ['\\"', '"', "'", "&quot;", "&#39;"].find((q) => text.endsWith(q, i));
  if (quote) i -= quote.length;
  while (text[i - 1] === " ") i--;
  return /(=|:|%3D|%3A)$/i.test(text.slice(Math.max(0, i - 3), i));
}

/** Where in `text` the secrets in use appear, as [start, end) spans. */
function secretSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const [secret, { forms }] of secrets) {
    const long = secret.length >= LONG_SECRET;
    for (const form of forms) {
      const head = long ? form.slice(0, LONG_SECRET) : form;
      for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
        let end = at + head.length;
        if (long) {
          while (end - at < form.length && text[end] === form[end - at]) end++;
        } else if (isWordChar(text, end) || !isFieldValue(text, at)) {
          continue;
        }
        spans.push([at, end]);
      }
    }
  }
  return spans;
}

const REDACTED = "[redacted]";

/** What an error shows instead of server text that repeats a secret. */
const WITHHELD = "[not shown: the server's text repeats a secret]";

function redactText(text: string): string {
  if (secrets.size === 0) return text;
  let out = "";
  let last = 0;
  for (const [start, end] of secretSpans(text).sort((a, b) => a[0] - b[0])) {
    if (start >= last) out += `${text.slice(last, start)}${REDACTED}`;
    last = Math.max(last, end);
  }
  return out + text.slice(last);
}

/**
 * Server text fit to quote in an error: cut to `max` characters, or a note in its place if it
 * repeats a secret in use. It is checked before the cut, so a cut cannot hide part of one; and
 * it is not quoted at all, since a server that echoes a password may also echo it in forms no
 * check recognises.
 */
export function quoteServerText(text: string, max = Number.POSITIVE_INFINITY): string {
  if (secrets.size > 0 && secretSpans(text).length > 0) return WITHHELD;
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `value` with every known secret blanked out: a string, or a parsed JSON body. */
function hideSecrets<T>(value: T): T {
  if (secrets.size === 0 || value === undefined || value === null) return value;
  if (typeof value === "string") return redactText(value) as T;
  if (typeof value !== "object") return value;
  try {
    const json = JSON.stringify(value);
    const redacted = redactText(json);
    if (redacted === json) return value;
    // A string of the server's that held a secret is not quoted at all (see quoteServerText).
    return JSON.parse(redacted, (_key, v) =>
      typeof v === "string" && v.includes(REDACTED) ? WITHHELD : v,
    );
  } catch {
    return undefined as T; // too deep to check: leave it out rather than risk it
  }
}

/** The engine's own error classes: a copy keeps its class, so `instanceof TypeError` holds. */
const BUILT_IN_ERRORS = [TypeError, RangeError, SyntaxError, ReferenceError, URIError, EvalError];

/** Causes copied below an error, at most (a cycle of causes must end). */
const MAX_CAUSES = 8;

/**
 * A cause fit to keep. Our own errors were built safe. Any other error is copied: its name,
 * message, code and stack (secrets blanked out), and its cause the same way. Nothing else is
 * kept, as an HTTP parser's error holds the raw bytes it choked on (a `Set-Cookie` among
 * them, maybe one not yet known as a secret) and a socket's error the socket.
 */
function safeCause(cause: unknown, depth = 0): unknown {
  if (cause instanceof DcsError) return cause;
  if (!(cause instanceof Error)) return hideSecrets(cause);
  const inner = (cause as { cause?: unknown }).cause;
  const Kind = BUILT_IN_ERRORS.find((kind) => cause instanceof kind) ?? Error;
  const copy = new Kind(
    redactText(cause.message),
    inner === undefined || depth >= MAX_CAUSES ? undefined : { cause: safeCause(inner, depth + 1) },
  );
  if (copy.name !== cause.name) {
    Object.defineProperty(copy, "name", { value: cause.name, configurable: true, writable: true });
  }
  const code = (cause as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") Object.assign(copy, { code });
  copy.stack = redactText(cause.stack ?? `${cause.name}: ${cause.message}`);
  return copy;
}

/**
 * The code of each error class, one per class, for logs, metrics and `switch` statements: it
 * is an own enumerable field (so `JSON.stringify(error)` keeps it) and, unlike a message, it
 * never changes between versions of the package.
 */
export type DcsErrorCode =
  | "DCS_ERROR"
  | "DCS_ARGUMENT"
  | "DCS_BAD_REQUEST"
  | "DCS_AUTH"
  | "DCS_FORBIDDEN"
  | "DCS_NOT_FOUND"
  | "DCS_RATE_LIMIT"
  | "DCS_SERVER"
  | "DCS_TIMEOUT"
  | "DCS_NETWORK"
  | "DCS_ABORT"
  | "DCS_CONCURRENCY"
  | "DCS_PROTOCOL"
  | "DCS_VALIDATION";

/** Base class of every error thrown by coherent-dcs. */
export class DcsError extends Error {
  override name = "DcsError";
  /** Which kind of failure this is, e.g. `"DCS_RATE_LIMIT"`; see {@link DcsErrorCode}. */
  readonly code: DcsErrorCode = "DCS_ERROR";
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
    const cause = safeCause(init.cause);
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
  override readonly code = "DCS_ARGUMENT";
}

/** 400: the server rejected the request (bad parameters, or a range longer than it allows). */
export class DcsBadRequestError extends DcsError {
  override name = "DcsBadRequestError";
  override readonly code = "DCS_BAD_REQUEST";
}

/** 401: no token, a wrong password, or an expired cookie. */
export class DcsAuthError extends DcsError {
  override name = "DcsAuthError";
  override readonly code = "DCS_AUTH";
}

/** 403: the account may not see this meter (restriction profile, account expiry). */
export class DcsForbiddenError extends DcsError {
  override name = "DcsForbiddenError";
  override readonly code = "DCS_FORBIDDEN";
}

/** 404: no such endpoint or object. */
export class DcsNotFoundError extends DcsError {
  override name = "DcsNotFoundError";
  override readonly code = "DCS_NOT_FOUND";
}

/** 429 that persisted after the allowed retries. */
export class DcsRateLimitError extends DcsError {
  override name = "DcsRateLimitError";
  override readonly code = "DCS_RATE_LIMIT";
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
  override readonly code = "DCS_SERVER";
}

/** The server did not answer (headers) or finish (body) in time. */
export class DcsTimeoutError extends DcsError {
  override name = "DcsTimeoutError";
  override readonly code = "DCS_TIMEOUT";
}

/** The connection failed: refused, reset, DNS, TLS. */
export class DcsNetworkError extends DcsError {
  override name = "DcsNetworkError";
  override readonly code = "DCS_NETWORK";
}

/** The caller aborted the call through its `AbortSignal`. */
export class DcsAbortError extends DcsError {
  override name = "AbortError";
  override readonly code = "DCS_ABORT";
}

/**
 * A call was not sent because it could only have waited forever: the client already has as
 * many requests open as it allows, each holding a result nobody has started to read (e.g.
 * `Promise.all` over many `readings()` calls). Read results in turn, cancel those you don't
 * need, or raise `maxConcurrent`.
 */
export class DcsConcurrencyError extends DcsError {
  override name = "DcsConcurrencyError";
  override readonly code = "DCS_CONCURRENCY";
}

/** The server answered something that is not the protocol: not JSON, an HTML page, a cut body. */
export class DcsProtocolError extends DcsError {
  override name = "DcsProtocolError";
  override readonly code = "DCS_PROTOCOL";
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
  override readonly code = "DCS_VALIDATION";
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
