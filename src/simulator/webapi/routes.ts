/**
 * The current DCS Web API under `/DCSWebApi`: sign-in, status, meters, virtual meters and
 * readings, authenticated (cookie) and public (`/public/...`), as the options enable them.
 */
import type { Principal } from "../auth.js";
import type { Handler, HandlerContext } from "../context.js";
import { jsonResponse } from "../http.js";
import type { Router } from "../middleware/router.js";
import type { ResolvedOptions } from "../options.js";
import { activeAccount, signedInCaller, signInHandler, signOutHandler } from "../sign-in.js";
import { webApiReadings } from "./readings.js";

type Mode = "private" | "public";

/** The caller: the signed-in user (401 without a valid cookie), or the public account. */
function caller(ctx: HandlerContext, mode: Mode): Principal {
  if (mode === "private") return signedInCaller(ctx, "webapi");
  return activeAccount(ctx.accounts.principalOf(ctx.options.publicUser), ctx.now);
}

const status: Handler = ({ options }) =>
  jsonResponse(200, {
    status: "Running",
    appVersion: options.appVersion,
    publicEndPointEnabled: options.publicEndpoint,
    privateEndPointEnabled: options.privateEndpoint,
  });

const meters =
  (mode: Mode): Handler =>
  (ctx) =>
    jsonResponse(200, ctx.store.visibleMeters(caller(ctx, mode)));

const virtualMeters =
  (mode: Mode): Handler =>
  (ctx) =>
    jsonResponse(200, ctx.store.visibleVirtualMeters(caller(ctx, mode)));

const readings =
  (mode: Mode): Handler =>
  (ctx) =>
    webApiReadings(ctx.store, caller(ctx, mode), ctx.query, ctx.options.rangeLimitDays);

export function addWebApiRoutes(router: Router, options: ResolvedOptions): void {
  router.add("webapi", "GET", "/status", status);
  if (options.privateEndpoint) {
    router
      .add(
        "webapi",
        "POST",
        "/authentication/signin",
        signInHandler("webapi", (o) => o.appVersion),
      )
      .add("webapi", "POST", "/authentication/signout", signOutHandler("webapi", 204))
      .add("webapi", "GET", "/meters", meters("private"))
      .add("webapi", "GET", "/virtualmeters", virtualMeters("private"))
      .add("webapi", "GET", "/readings", readings("private"));
  }
  if (options.publicEndpoint) {
    router
      .add("webapi", "GET", "/public/status", status)
      .add("webapi", "GET", "/public/meters", meters("public"))
      .add("webapi", "GET", "/public/virtualmeters", virtualMeters("public"))
      .add("webapi", "GET", "/public/readings", readings("public"));
  }
}
