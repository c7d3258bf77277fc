/**
 * The SDK's typed errors as one line a person can act on. The server's own words (`details`)
 * are kept: they name the limit, the meter or the account. No SDK error ever holds a password
 * or a cookie, so nothing here needs hiding.
 */
import {
  DcsAbortError,
  DcsAuthError,
  DcsBadRequestError,
  DcsError,
  DcsForbiddenError,
  DcsNetworkError,
  DcsNotFoundError,
  DcsRateLimitError,
  DcsTimeoutError,
} from "coherent-dcs";

function said(error: DcsError): string {
  return error.details ? ` The server said: ${error.details}` : "";
}

function wait(ms: number | undefined): string {
  if (ms === undefined) return "a while";
  const seconds = Math.ceil(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/** `origin`: the page's, for the CORS hint. */
export function describeError(error: unknown, origin: string): string {
  let line: string;
  if (error instanceof DcsAuthError) {
    line = `Wrong user name or password, or the session has expired: sign in again.${said(error)}`;
  } else if (error instanceof DcsForbiddenError) {
    line = `Forbidden: this account may not see that meter, or it has expired.${said(error)}`;
  } else if (error instanceof DcsRateLimitError) {
    line = `The server is limiting requests: try again in ${wait(error.retryAfterMs)}.${said(error)}`;
  } else if (error instanceof DcsBadRequestError) {
    // Also what a range longer than the server allows gives, when even one period is too long.
    line = `The server refused the request.${said(error)}`;
  } else if (error instanceof DcsNotFoundError) {
    line = `No such register or virtual meter on this server.${said(error)}`;
  } else if (error instanceof DcsNetworkError) {
    line = `Cannot reach the server: is it up, and does it allow ${origin} by CORS, with credentials?`;
  } else if (error instanceof DcsTimeoutError) {
    line = `The server took too long to answer: ${error.message}`;
  } else if (error instanceof DcsAbortError) {
    line = "Cancelled.";
  } else if (error instanceof DcsError) {
    line = `${error.name}: ${error.message}`;
  } else {
    line = `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
  }
  return line.replace(/\s+/g, " ").trim();
}
