/**
 * The sign-in and sign-out endpoints of both API generations, over the accounts in auth.ts.
 */
import { type Api, COOKIE_NAMES, clearedCookie, readCookie, sessionCookie } from "./auth.js";
import type { Handler } from "./context.js";
import { emptyResponse, HttpError, isRecord, jsonResponse, readJsonBody } from "./http.js";
import type { ResolvedOptions } from "./options.js";

/**
 * Sign-in of either generation (`/authentication/signin`, `/api/account/login`): checks the
 * password, issues a token and sets that generation's cookie.
 */
export function signInHandler(api: Api, version: (options: ResolvedOptions) => string): Handler {
  return async (ctx) => {
    const body = await readJsonBody(ctx.request);
    if (!isRecord(body)) {
      throw new HttpError(400, "The body must be a JSON object with username and password.");
    }
    const { accounts, options } = ctx.core;
    const user = await accounts.verify(body.username, body.password);
    if (!user) throw new HttpError(401, "Invalid username or password");
    const token = accounts.issue(api, user.username, ctx.now);
    return jsonResponse(
      200,
      { username: user.username, role: user.role ?? "Viewer", appVersion: version(options) },
      { "set-cookie": sessionCookie(api, token, options.cookieSameSite) },
    );
  };
}

/** Sign-out of either generation: cancels the token and expires the cookie, whatever was sent. */
export function signOutHandler(api: Api, status: 200 | 204): Handler {
  return (ctx) => {
    ctx.core.accounts.revoke(readCookie(ctx.request, COOKIE_NAMES[api]));
    return emptyResponse(status, {
      "set-cookie": clearedCookie(api, ctx.core.options.cookieSameSite),
    });
  };
}
