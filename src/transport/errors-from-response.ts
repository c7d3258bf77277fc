/**
 * Turning a non-2xx response into the right typed error, with the server's `details`.
 */
import {
  DcsAuthError,
  DcsBadRequestError,
  DcsError,
  type DcsErrorInit,
  DcsForbiddenError,
  DcsNotFoundError,
  DcsRateLimitError,
  DcsServerError,
  quoteServerText,
} from "../core/errors.js";

/** Error bodies are small; never buffer more than this of one. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** The URL as it may appear in errors and logs: no user info, no fragment. */
export function displayUrl(url: string): string {
  // Most URLs have nothing to strip, and the check costs far less than parsing.
  if (!url.includes("@") && !url.includes("#")) return url;
  const u = new URL(url);
  return `${u.origin}${u.pathname}${u.search}`;
}

/** Path and query only, for compact log lines. */
export function pathAndQuery(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/**
 * Reads at most `limit` bytes of a body as text, cancelling the rest. Decoded leniently: error
 * text is for people, and a page in another charset must still give its status's typed error.
 */
export async function readTextCapped(
  response: Response,
  limit = MAX_ERROR_BODY_BYTES,
): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      text += decoder.decode(value, { stream: true });
      if (total >= limit) {
        await reader.cancel();
        break;
      }
    }
  } catch {
    // A body that breaks while we read an error page adds nothing useful; keep what we have.
  }
  return text + decoder.decode();
}

/** What an error body told us: DCS sends `{details}`; IIS may send an HTML page. */
export interface ErrorBodyInfo {
  details: string | undefined;
  body: unknown;
}

export function parseErrorBody(text: string, contentType: string | null): ErrorBodyInfo {
  const trimmed = text.trim();
  if (trimmed === "") return { details: undefined, body: undefined };
  try {
    const body: unknown = JSON.parse(trimmed);
    if (body !== null && typeof body === "object") {
      const record = body as Record<string, unknown>;
      const details = typeof record.details === "string" ? record.details : record.title;
      return { details: typeof details === "string" ? quoteServerText(details) : undefined, body };
    }
    return { details: typeof body === "string" ? quoteServerText(body) : undefined, body };
  } catch {
    // not JSON: fall through
  }
  if (contentType?.includes("html") || trimmed.startsWith("<")) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return {
      details: title ? `HTML error page: ${quoteServerText(title, 200)}` : "HTML error page",
      body: undefined,
    };
  }
  return { details: quoteServerText(trimmed, 200), body: undefined };
}

/** Delta seconds, as HTTP sends them; a fraction and a trailing `s` are tolerated. */
const DELTA_SECONDS = /^(\d+(?:\.\d+)?)s?$/i;

/** The three forms of an HTTP date (RFC 9110 5.6.7): IMF-fixdate, RFC 850 and asctime. */
const HTTP_DATE =
  /^(?:[a-z]{3}, \d{2} [a-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT|[a-z]{6,9}, \d{2}-[a-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT|[a-z]{3} [a-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/i;

/**
 * `Retry-After` (delta seconds or an HTTP date) as ms. Anything else (`-1`, `3, 4`, `soon`) is
 * treated as absent, so the caller's backoff applies: reading garbage as "now" would hammer
 * the server. A date already past means now.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim() ?? "";
  const seconds = DELTA_SECONDS.exec(text);
  if (seconds) return Math.min(Number(seconds[1]) * 1000, Number.MAX_SAFE_INTEGER);
  if (!HTTP_DATE.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The typed error for a non-2xx response. */
export function errorForStatus(
  status: number,
  statusText: string,
  info: ErrorBodyInfo,
  request: { method: string; url: string },
  retryAfterMs?: number,
): DcsError {
  const url = displayUrl(request.url);
  const init: DcsErrorInit = {
    status,
    details: info.details,
    method: request.method,
    url,
    body: info.body,
  };
  const reason = info.details ? `: ${info.details}` : "";
  const message = `${request.method} ${url} failed with ${status}${statusText ? ` ${statusText}` : ""}${reason}`;
  if (status === 400) return new DcsBadRequestError(message, init);
  if (status === 401) return new DcsAuthError(message, init);
  if (status === 403) return new DcsForbiddenError(message, init);
  if (status === 404) return new DcsNotFoundError(message, init);
  if (status === 429) return new DcsRateLimitError(message, { ...init, retryAfterMs });
  if (status >= 500) return new DcsServerError(message, init);
  return new DcsError(message, init);
}
