/**
 * The legacy v3 API under `/DCS/api`: login, meters, virtual meters and readings, plus the
 * undocumented configuration endpoints (see `v3-config.ts`). Every call but login and logout
 * needs the login cookie.
 */

import type { Handler } from "./context.js";
import { HttpError, jsonResponse } from "./http.js";
import { Router } from "./router.js";
import { signInHandler, signOutHandler } from "./sign-in.js";
import { pathId, v3Caller } from "./v3-common.js";
import { v3ConfigRoutes } from "./v3-config.js";
import { v3Readings } from "./v3-readings.js";

const login = signInHandler("v3", (options) => options.legacyAppVersion);
const logout = signOutHandler("v3", 200);

const meters: Handler = (ctx) => jsonResponse(200, ctx.core.store.visibleMeters(v3Caller(ctx)));

const meter: Handler = (ctx) => {
  const who = v3Caller(ctx);
  const id = pathId(ctx);
  const record = ctx.core.store.meter(id);
  if (!record) throw new HttpError(404, `Meter ${id} was not found.`);
  if (!ctx.core.store.canSeeMeter(who, id))
    throw new HttpError(403, `User '${who.username}' is not allowed to access meter ${id}.`);
  return jsonResponse(200, record.meter);
};

const virtualMeters: Handler = (ctx) =>
  jsonResponse(200, ctx.core.store.visibleVirtualMeters(v3Caller(ctx)));

const virtualMeter: Handler = (ctx) => {
  const who = v3Caller(ctx);
  const id = pathId(ctx);
  const vm = ctx.core.store.virtualMeter(id);
  if (!vm) throw new HttpError(404, `Virtual meter ${id} was not found.`);
  if (!ctx.core.store.canSeeVirtualMeter(who, vm)) {
    throw new HttpError(
      403,
      `User '${who.username}' is not allowed to access virtual meter ${id}.`,
    );
  }
  return jsonResponse(200, vm);
};

const readings =
  (isVirtual: boolean): Handler =>
  (ctx) =>
    v3Readings({
      store: ctx.core.store,
      who: v3Caller(ctx),
      query: ctx.query,
      isVirtual,
      now: ctx.now,
    });

export function v3Routes(): Router<Handler> {
  const router = new Router<Handler>()
    .add("POST", "/account/login", login)
    .add("POST", "/account/logout", logout)
    .add("GET", "/meters", meters)
    .add("GET", "/meters/:id", meter)
    .add("GET", "/virtualmeters", virtualMeters)
    .add("GET", "/virtualmeters/:id", virtualMeter)
    .add("GET", "/registerreadings/list", readings(false))
    .add("GET", "/virtualmeterreadings/list", readings(true));
  v3ConfigRoutes(router);
  return router;
}
