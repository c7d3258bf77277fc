/**
 * The current DCS Web API under `/DCSWebApi`: sign-in, status, meters, virtual meters and
 * readings, authenticated (cookie) and public (`/public/...`), with the per-endpoint rate
 * limit and the configured range limit.
 */
import { COOKIE_NAMES, readCookie } from "./auth.js";
import type { Core, Handler, RequestContext } from "./context.js";
import { HttpError, jsonResponse } from "./http.js";
import { Router } from "./router.js";
import { signInHandler, signOutHandler } from "./sign-in.js";
import type { Principal } from "./store.js";
import { webApiReadings } from "./webapi-readings.js";

type Mode = "private" | "public";

/** The caller: the signed-in user (401 without a valid cookie), or the public account. */
function caller(ctx: RequestContext, mode: Mode): Principal {
  const { accounts, options } = ctx.core;
  const who =
    mode === "public"
      ? accounts.principalOf(options.publicUser)
      : accounts.lookup("webapi", readCookie(ctx.request, COOKIE_NAMES.webapi), ctx.now);
  if (!who)
    throw new HttpError(
      401,
      "Authentication is required: sign in, or sign in again if the session has expired.",
    );
  if (who.expiresAt !== undefined && ctx.now >= who.expiresAt) {
    throw new HttpError(403, `The account '${who.username}' has expired.`);
  }
  return who;
}

const signIn = signInHandler("webapi", (options) => options.appVersion);
const signOut = signOutHandler("webapi", 204);

const status: Handler = (ctx) => {
  const { options } = ctx.core;
  return jsonResponse(200, {
    status: "Running",
    appVersion: options.appVersion,
    publicEndPointEnabled: options.publicEndpoint,
    privateEndPointEnabled: options.privateEndpoint,
  });
};

const meters =
  (mode: Mode): Handler =>
  (ctx) =>
    jsonResponse(200, ctx.core.store.visibleMeters(caller(ctx, mode)));

const virtualMeters =
  (mode: Mode): Handler =>
  (ctx) =>
    jsonResponse(200, ctx.core.store.visibleVirtualMeters(caller(ctx, mode)));

const readings =
  (mode: Mode): Handler =>
  (ctx) =>
    webApiReadings({
      store: ctx.core.store,
      who: caller(ctx, mode),
      query: ctx.query,
      rangeLimitDays: ctx.core.options.rangeLimitDays,
    });

export function webApiRoutes(core: Core): Router<Handler> {
  const router = new Router<Handler>();
  router.add("GET", "/status", status);
  if (core.options.privateEndpoint) {
    router
      .add("POST", "/authentication/signin", signIn)
      .add("POST", "/authentication/signout", signOut)
      .add("GET", "/meters", meters("private"))
      .add("GET", "/virtualmeters", virtualMeters("private"))
      .add("GET", "/readings", readings("private"));
  }
  if (core.options.publicEndpoint) {
    router
      .add("GET", "/public/status", status)
      .add("GET", "/public/meters", meters("public"))
      .add("GET", "/public/virtualmeters", virtualMeters("public"))
      .add("GET", "/public/readings", readings("public"));
  }
  return router;
}
