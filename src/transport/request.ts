/**
 * What the transport is asked to send, and the root URL it sends to.
 */
import { DcsArgumentError } from "../core/errors.js";

/**
 * What the pipeline needs of a request. A WHATWG `Request` fits; so does {@link PlannedRequest}.
 */
export interface OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** A `Request`'s stream, or a planned request's serialized body (a string). */
  readonly body: BodyInit | null;
  readonly signal?: AbortSignal | undefined;
}

/**
 * The request openapi-fetch builds for us (its `Request` option). A real `Request` costs an
 * AbortSignal, a header list and a body stream, all thrown away when the transport builds the
 * attempt's own `Request`; this keeps only what the transport reads, and its body stays a
 * string that each retry can send again.
 */
export class PlannedRequest implements OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  /** The caller's signal, if any (a shared never-aborted one would collect listeners). */
  readonly signal: AbortSignal | undefined;

  constructor(url: string | URL, init: RequestInit = {}) {
    this.url = String(url);
    this.method = (init.method ?? "GET").toUpperCase();
    // openapi-fetch hands over a Headers of its own: no need to copy it.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? undefined;
  }
}

/** Validates a client root URL and returns it without a trailing slash. */
export function normaliseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new DcsArgumentError(`"${baseUrl}" is not an absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new DcsArgumentError(`The DCS URL must be http: or https:, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new DcsArgumentError(
      "The DCS URL must not contain a user name or password; pass credentials to signIn/login",
    );
  }
  url.search = "";
  url.hash = "";
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}
