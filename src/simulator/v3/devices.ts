/**
 * The legacy API's IDCs and the Modbus devices on their buses (undocumented endpoints, reverse
 * engineered from the DCS web UI, as pythondcs calls them), and the changes they allow.
 */
import type { Handler, HandlerContext } from "../context.js";
import { emptyResponse, HttpError, isRecord, jsonResponse, readJsonBody } from "../http.js";
import type { SimIdc, SimModbusDevice } from "../types.js";
import { parseMac, pathId, v3Caller, v3Operator } from "./checks.js";
import { meterSummary } from "./meters.js";

const DEVICE_TYPES = ["pulseCounter", "radioReceiver"] as const;
const ACTIONS = ["testComms", "setup", "resetBuffer"];

const isDeviceType = (value: unknown): value is (typeof DEVICE_TYPES)[number] =>
  (DEVICE_TYPES as readonly unknown[]).includes(value);

function idcOf(ctx: HandlerContext, value: unknown): SimIdc {
  const mac = parseMac(value);
  const idc = ctx.store.estate.idcs.find((i) => i.macAddress === mac);
  if (!idc) throw new HttpError(404, `IDC ${String(value)} was not found.`);
  return idc;
}

function deviceOf(ctx: HandlerContext, id: number): SimModbusDevice {
  const device = ctx.store.estate.modbusDevices.find((d) => d.id === id);
  if (!device) throw new HttpError(404, `Modbus device ${id} was not found.`);
  return device;
}

export const idcs: Handler = (ctx) => {
  v3Caller(ctx);
  return jsonResponse(200, ctx.store.estate.idcs);
};

export const idc: Handler = (ctx) => {
  v3Caller(ctx);
  return jsonResponse(200, idcOf(ctx, ctx.params.mac));
};

export const idcSettings: Handler = (ctx) => {
  v3Caller(ctx);
  const { macAddress } = idcOf(ctx, ctx.params.mac);
  return jsonResponse(200, ctx.store.estate.idcSettings.get(macAddress) ?? {});
};

/** Blank of the same type: what a setting missing from a whole-object write becomes. */
function blank(value: unknown): unknown {
  return typeof value === "number"
    ? 0
    : typeof value === "boolean"
      ? false
      : typeof value === "string"
        ? ""
        : null;
}

export const updateIdcSettings: Handler = async (ctx) => {
  v3Operator(ctx);
  const body = await readJsonBody(ctx.request);
  if (!isRecord(body) || !isRecord(body.idcSettings))
    throw new HttpError(400, "Expected {macAddress, idcSettings}.");
  const { macAddress } = idcOf(ctx, body.macAddress);
  const old = ctx.store.estate.idcSettings.get(macAddress) ?? {};
  const next: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(old))
    next[key] = key in body.idcSettings ? body.idcSettings[key] : blank(value);
  for (const [key, value] of Object.entries(body.idcSettings))
    if (!(key in next)) next[key] = value;
  next.macAddress = macAddress;
  ctx.store.estate.idcSettings.set(macAddress, next);
  return emptyResponse(204);
};

export const devicesByIdc: Handler = (ctx) => {
  v3Caller(ctx);
  const { macAddress } = idcOf(ctx, ctx.params.mac);
  return jsonResponse(
    200,
    ctx.store.estate.modbusDevices.filter((d) => d.macAddress === macAddress),
  );
};

export const device: Handler = (ctx) => {
  v3Caller(ctx);
  return jsonResponse(200, deviceOf(ctx, pathId(ctx)));
};

export const deleteDevice: Handler = (ctx) => {
  v3Operator(ctx);
  const found = deviceOf(ctx, pathId(ctx));
  ctx.store.removeModbusDevice(found);
  return emptyResponse(204);
};

export const addDevice: Handler = async (ctx) => {
  v3Operator(ctx);
  const body = await readJsonBody(ctx.request);
  if (!isRecord(body)) throw new HttpError(400, "Expected a Modbus device object.");
  const { address, description, serialNumber, deviceType } = body;
  if (typeof address !== "number" || !Number.isInteger(address) || address < 1 || address > 247) {
    throw new HttpError(400, "address must be a Modbus address from 1 to 247.");
  }
  if (typeof description !== "string") throw new HttpError(400, "description is required.");
  if (typeof serialNumber !== "string") throw new HttpError(400, "serialNumber is required.");
  if (!isDeviceType(deviceType)) {
    throw new HttpError(400, `deviceType must be one of ${DEVICE_TYPES.join(", ")}.`);
  }
  const { macAddress } = idcOf(ctx, body.macAddress);
  const added = ctx.store.addModbusDevice({
    address,
    description,
    serialNumber,
    deviceType,
    macAddress,
  });
  return jsonResponse(200, added);
};

/** The body of a change to a device, and the device its `id` names. */
async function deviceChange(ctx: HandlerContext, expected: string) {
  v3Operator(ctx);
  const body = await readJsonBody(ctx.request);
  if (!isRecord(body) || typeof body.id !== "number") throw new HttpError(400, expected);
  return { body, found: deviceOf(ctx, body.id) };
}

export const updateDevice: Handler = async (ctx) => {
  const { body, found } = await deviceChange(ctx, "Expected a Modbus device object with its id.");
  // A whole-object write: whatever is missing is reset.
  found.address = typeof body.address === "number" ? body.address : 0;
  found.description = typeof body.description === "string" ? body.description : "";
  found.serialNumber = typeof body.serialNumber === "string" ? body.serialNumber : "";
  found.deviceType = typeof body.deviceType === "string" ? body.deviceType : "";
  found.macAddress = body.macAddress === undefined ? 0 : parseMac(body.macAddress);
  return jsonResponse(200, found);
};

export const commandDevice: Handler = async (ctx) => {
  const { body, found } = await deviceChange(ctx, "Expected {id, action}.");
  const action = body.action;
  if (typeof action !== "string" || !ACTIONS.includes(action))
    throw new HttpError(400, `action must be one of ${ACTIONS.join(", ")}.`);
  if (action !== "testComms" && !isDeviceType(found.deviceType)) {
    throw new HttpError(400, `${action} is only possible for pulse counters and radio receivers.`);
  }
  return jsonResponse(200, { id: found.id, action, success: true, message: `${action} completed` });
};

export const metersByIdc: Handler = (ctx) => {
  const who = v3Caller(ctx);
  const { macAddress } = idcOf(ctx, ctx.params.mac);
  const { store } = ctx;
  const meters = store.estate.meters
    .filter((m) => m.idc === macAddress && store.canSeeMeter(who, m.meter.id))
    .map((m) => meterSummary(m.meter, true));
  return jsonResponse(200, meters);
};
