/**
 * The legacy API's changes to meters (undocumented, reverse engineered from the DCS web UI):
 * `PUT /api/Meters` replaces a meter's settings, `POST /api/Registers/add` adds registers of
 * its meter type. Both act on this simulator's own copy of the estate.
 */
import type { Principal } from "../auth.js";
import type { Handler } from "../context.js";
import type { EstateStore } from "../estate/store.js";
import { emptyResponse, HttpError, isRecord, jsonResponse, readJsonBody } from "../http.js";
import { notAllowed } from "../sign-in.js";
import type { SimMeter } from "../types.js";
import { v3Operator } from "./checks.js";

/** 403 when `who` may not see meter `id`; an id that is missing or unknown is the body's to refuse. */
function mustSee(store: EstateStore, who: Principal, id: unknown): void {
  if (typeof id === "number" && store.meter(id) && !store.canSeeMeter(who, id)) {
    throw notAllowed(who, `meter ${id}`);
  }
}

export const updateMeter: Handler = async (ctx) => {
  const who = v3Operator(ctx);
  const body = await readJsonBody(ctx.request);
  mustSee(ctx.store, who, isRecord(body) ? body.id : undefined);
  return jsonResponse(200, replaceMeter(ctx.store, body));
};

export const addRegisters: Handler = async (ctx) => {
  const who = v3Operator(ctx);
  const body = await readJsonBody(ctx.request);
  mustSee(ctx.store, who, isRecord(body) ? body.meterId : undefined);
  addRegistersOf(ctx.store, body);
  return emptyResponse(204);
};

/** The whole meter is replaced; missing settings are reset. */
function replaceMeter(store: EstateStore, body: unknown): SimMeter {
  if (!isRecord(body)) throw new HttpError(400, "The request body must be a meter object.");
  const id = body.id;
  if (typeof id !== "number" || !Number.isInteger(id))
    throw new HttpError(400, "The meter id is required.");
  const record = store.meter(id);
  if (!record) throw new HttpError(404, `Meter ${id} not found.`);
  const text = (key: string): string => {
    const value = body[key];
    if (value === undefined || value === null) return "";
    if (typeof value !== "string") throw new HttpError(400, `The meter's ${key} must be a string.`);
    return value;
  };
  const method = body.connectionMethod ?? "tcp";
  if (method !== "tcp" && method !== "modem" && method !== "idc") {
    throw new HttpError(400, "connectionMethod must be tcp, modem or idc.");
  }
  const name = text("name");
  if (name === "") throw new HttpError(400, "The meter name is required.");
  if (store.estate.meters.some((m) => m.meter.id !== id && m.meter.name === name)) {
    throw new HttpError(400, `A meter named '${name}' already exists.`);
  }
  const old = record.meter;
  const updated: SimMeter = {
    id,
    name,
    connectionMethod: method,
    deviceId: text("deviceId"),
    ...(text("meterType") === "" ? {} : { meterType: text("meterType") }),
    remoteAddress: text("remoteAddress"),
    serialNumber: text("serialNumber"),
    ...(text("mpn") === "" ? {} : { mpn: text("mpn") }),
    ...(text("service") === "" ? {} : { service: text("service") }),
    status: old.status, // worked out by the server from its data, not settable
    registers: old.registers,
  };
  // Registers keep their identity; their settings follow the body when it lists them.
  if (Array.isArray(body.registers)) {
    for (const r of body.registers) {
      if (!isRecord(r) || typeof r.id !== "number") continue;
      const register = old.registers.find((x) => x.id === r.id);
      if (!register) continue;
      if (typeof r.name === "string" && r.name !== "") register.name = r.name;
      if (typeof r.scaleFactor === "string") register.scaleFactor = r.scaleFactor;
      if (typeof r.address === "string") register.address = r.address;
    }
  }
  store.replaceMeter(updated);
  return updated;
}

/** One new register per register type id, all checked before any is added. */
function addRegistersOf(store: EstateStore, body: unknown): void {
  if (!isRecord(body)) throw new HttpError(400, "The request body must be an object.");
  const { meterId, registerTypeIds } = body;
  if (typeof meterId !== "number") throw new HttpError(400, "meterId is required.");
  if (!Array.isArray(registerTypeIds) || registerTypeIds.length === 0) {
    throw new HttpError(400, "registerTypeIds must be a non-empty array.");
  }
  if (!store.meter(meterId)) throw new HttpError(404, `Meter ${meterId} not found.`);
  const types = registerTypeIds.map((typeId) => {
    const type = store.estate.meterTypes
      .flatMap((t) => t.registerTypes)
      .find((rt) => rt.id === typeId);
    if (!type) throw new HttpError(400, `Register type ${String(typeId)} not found.`);
    return type;
  });
  for (const type of types) store.addRegister(meterId, type);
}
