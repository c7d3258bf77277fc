/**
 * How the `dcs` command reports failures: one line with the server's own words and a hint,
 * and the exit code that goes with it.
 */
import {
  DcsArgumentError,
  DcsAuthError,
  DcsForbiddenError,
  DcsNetworkError,
  DcsRateLimitError,
  DcsTimeoutError,
} from "../node.js";

/**
 * Exit codes: 0 success (also when the reader of stdout closes it early, as `| head` does);
 * 1 a request, an export or writing failed; 2 wrong usage; 3 authentication refused;
 * 130 interrupted (Ctrl-C).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, auth: 3, interrupted: 130 } as const;

/** Usage mistakes: reported in one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The hint that follows an error's one line. */
function hintFor(error: unknown): string {
  if (error instanceof DcsAuthError)
    return "check DCS_USERNAME and the password; a session may also have expired";
  if (error instanceof DcsForbiddenError)
    return "this account may not read that meter (restriction profile or expiry)";
  if (error instanceof DcsRateLimitError)
    return "the server is rate limiting: wait a little, or use fewer --jobs";
  if (error instanceof DcsTimeoutError) return "try a shorter range or a smaller --max-window-days";
  if (error instanceof DcsNetworkError)
    return "check DCS_URL / DCS_V3_URL and that the server is reachable";
  if (error instanceof DcsArgumentError || error instanceof UsageError) return 'see "dcs --help"';
  return "";
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof DcsArgumentError) return EXIT.usage;
  if (error instanceof DcsAuthError) return EXIT.auth;
  return EXIT.failed;
}

export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const hint = hintFor(error);
  return hint ? `${message} (${hint})` : message;
}
