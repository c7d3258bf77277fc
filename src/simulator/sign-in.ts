/**
 * Sessions at the endpoints of both API generations: sign-in and sign-out over the accounts
 * in auth.ts, and who a request runs as.
 */
import { formatUtcSeconds } from "../core/time.js";
import {
  type Api,
  COOKIE_NAMES,
  clearedCookie,
  type Principal,
  readCookie,
  sessionCookie,
} from "./auth.js";
import type { Handler, HandlerContext } from "./context.js";
import { emptyResponse, HttpError, isRecord, jsonResponse, readJsonBody } from "./http.js";
import type { ResolvedOptions } from "./options.js";

/** What each generation calls signing in, as its error texts say it. */
const SIGN_IN: Record<Api, string> = { webapi: "sign in", v3: "log in" };

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
    const { accounts, options } = ctx;
    const user = await accounts.verify(body.username, body.password);
    if (!user) throw new HttpError(401, "Invalid username or password");
    activeAccount(accounts.principal(user), ctx.now); // an expired account may not sign in
    const token = accounts.issue(api, user.name, ctx.now);
    return jsonResponse(
      200,
      { username: user.name, role: user.role, appVersion: version(options) },
      { "set-cookie": sessionCookie(api, token, options.cookieSameSite) },
    );
  };
}

/** Sign-out of either generation: cancels the token and expires the cookie, whatever was sent. */
export function signOutHandler(api: Api, status: 200 | 204): Handler {
  return (ctx) => {
    ctx.accounts.revoke(readCookie(ctx.request, COOKIE_NAMES[api]));
    return emptyResponse(status, { "set-cookie": clearedCookie(api, ctx.options.cookieSameSite) });
  };
}

/** The user signed in to `api` with the request's cookie: 401 without a valid session. */
export function signedInCaller(ctx: HandlerContext, api: Api): Principal {
  const who = ctx.accounts.lookup(api, readCookie(ctx.request, COOKIE_NAMES[api]), ctx.now);
  if (!who) {
    const words = SIGN_IN[api];
    throw new HttpError(
      401,
      `Authentication is required: ${words}, or ${words} again if the session has expired.`,
    );
  }
  return activeAccount(who, ctx.now);
}

/** `who`, unless the account has expired: then every data call answers 403. */
export function activeAccount(who: Principal, now: number): Principal {
  if (who.expiresAt !== undefined && now >= who.expiresAt) {
    throw new HttpError(403, `The account '${who.username}' has expired.`);
  }
  return who;
}

/** 403 unless the span [start, end) lies within the data `who` may see (their data access dates). */
export function checkDataAccess(who: Principal, start: number, end: number): void {
  const { dataAccessStart: from, dataAccessEnd: to } = who;
  if ((from !== undefined && start < from) || (to !== undefined && end > to)) {
    const span = `${from === undefined ? "the start" : formatUtcSeconds(from)} to ${to === undefined ? "now" : formatUtcSeconds(to)}`;
    throw new HttpError(403, `User '${who.username}' may only see data from ${span}.`);
  }
}

/** The 403 for a source, meter or register that `who` may not see (`what`: "meter 405"). */
export function notAllowed(who: Principal, what: string): HttpError {
  return new HttpError(403, `User '${who.username}' is not allowed to access ${what}.`);
}
