/**
 * The legacy API's undocumented endpoints (reverse engineered from the DCS web UI; pythondcs's
 * "other functions"): IDCs, Modbus devices, the meter tree, calibration readings, meter
 * types, and the changes they allow. Changes act on this simulator's own copy of the estate.
 */
import { formatUtcSeconds } from "../../core/time.js";
import type { Principal } from "../auth.js";
import type { Handler, HandlerContext } from "../context.js";
import type { EstateStore } from "../estate/store.js";
import { emptyResponse, HttpError, isRecord, jsonResponse, readJsonBody } from "../http.js";
import type { Router } from "../middleware/router.js";
import { roundTo } from "../readings/format.js";
import type { SimMeter, SimMeterGroup, SimModbusDevice } from "../types.js";
import { parseMac, pathId, v3Caller, v3Operator } from "./checks.js";

const DEVICE_TYPES = ["pulseCounter", "radioReceiver"] as const;
const ACTIONS = ["testComms", "setup", "resetBuffer"];

const isDeviceType = (value: unknown): value is (typeof DEVICE_TYPES)[number] =>
  (DEVICE_TYPES as readonly unknown[]).includes(value);

function idcOf(ctx: HandlerContext, value: unknown) {
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

const idcs: Handler = (ctx) => {
  v3Caller(ctx);
  return jsonResponse(200, ctx.store.estate.idcs);
};

const idc: Handler = (ctx) => {
  v3Caller(ctx);
  return jsonResponse(200, idcOf(ctx, ctx.params.mac));
};

const idcSettings: Handler = (ctx) => {
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

const updateIdcSettings: Handler = async (ctx) => {
  v3Operator(ctx);
  const body = await readJsonBody(ctx.request);
  if (!isRecord(body) || !isRecord(body.idcSettings))
    throw new HttpError(400, "Expected {macAddress, idcSettings}.");
  const { macAddress } = idcOf(ctx, body.macAddress);
  const settings = ctx.store.estate.idcSettings;
  const old = settings.get(macAddress) ?? {};
  const next: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(old))
    next[key] = key in body.idcSettings ? body.idcSettings[key] : blank(value);
  for (const [key, value] of Object.entries(body.idcSettings))
    if (!(key in next)) next[key] = value;
  next.macAddress = macAddress;
  settings.set(macAddress, next);
  return emptyResponse(204);
};

const devicesByIdc: Handler = (ctx) => {
  v3Caller(ctx);
  const { macAddress } = idcOf(ctx, ctx.params.mac);
  return jsonResponse(
    200,
    ctx.store.estate.modbusDevices.filter((d) => d.macAddress === macAddress),
  );
};

const device: Handler = (ctx) => {
  v3Caller(ctx);
  return jsonResponse(200, deviceOf(ctx, pathId(ctx)));
};

const deleteDevice: Handler = (ctx) => {
  v3Operator(ctx);
  const found = deviceOf(ctx, pathId(ctx));
  const list = ctx.store.estate.modbusDevices;
  list.splice(list.indexOf(found), 1);
  return emptyResponse(204);
};

const addDevice: Handler = async (ctx) => {
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

const updateDevice: Handler = async (ctx) => {
  const { body, found } = await deviceChange(ctx, "Expected a Modbus device object with its id.");
  // A whole-object write: whatever is missing is reset.
  found.address = typeof body.address === "number" ? body.address : 0;
  found.description = typeof body.description === "string" ? body.description : "";
  found.serialNumber = typeof body.serialNumber === "string" ? body.serialNumber : "";
  found.deviceType = typeof body.deviceType === "string" ? body.deviceType : "";
  found.macAddress = body.macAddress === undefined ? 0 : parseMac(body.macAddress);
  return jsonResponse(200, found);
};

const commandDevice: Handler = async (ctx) => {
  const { body, found } = await deviceChange(ctx, "Expected {id, action}.");
  const action = body.action;
  if (typeof action !== "string" || !ACTIONS.includes(action))
    throw new HttpError(400, `action must be one of ${ACTIONS.join(", ")}.`);
  if (action !== "testComms" && !isDeviceType(found.deviceType)) {
    throw new HttpError(400, `${action} is only possible for pulse counters and radio receivers.`);
  }
  return jsonResponse(200, { id: found.id, action, success: true, message: `${action} completed` });
};

interface TreeOptions {
  recursively: boolean;
  groupsOnly: boolean;
  withoutRegister: boolean;
}

function meterSummary(meter: SimMeter, withoutRegister: boolean): Partial<SimMeter> {
  if (!withoutRegister) return meter;
  const { registers: _, ...rest } = meter;
  return rest;
}

function groupTree(
  store: EstateStore,
  who: Principal,
  group: SimMeterGroup,
  options: TreeOptions,
  depth: number,
): unknown {
  const meterIds = group.meterIds.filter((id) => store.canSeeMeter(who, id));
  const deeper = options.recursively || depth === 0;
  return {
    id: group.id,
    name: group.name,
    hasMeters: meterIds.length > 0,
    meters: options.groupsOnly
      ? []
      : meterIds.flatMap((id) => {
          const record = store.meter(id);
          return record ? [meterSummary(record.meter, options.withoutRegister)] : [];
        }),
    meterGroups: deeper
      ? store.childGroups(group.id).map((g) => groupTree(store, who, g, options, depth + 1))
      : [],
    virtualMeters: options.groupsOnly
      ? []
      : group.virtualMeterIds.flatMap((id) => {
          const vm = store.virtualMeter(id);
          return vm && store.canSeeVirtualMeter(who, vm) ? [vm] : [];
        }),
  };
}

const meterTree: Handler = (ctx) => {
  const who = v3Caller(ctx);
  const id = pathId(ctx);
  const group = ctx.store.group(id);
  if (!group) throw new HttpError(404, `Meter group ${id} was not found.`);
  const options = {
    recursively: ctx.query.boolean("recursively", true),
    groupsOnly: ctx.query.boolean("groupsOnly", false),
    withoutRegister: ctx.query.boolean("withoutRegister", false),
  };
  return jsonResponse(200, groupTree(ctx.store, who, group, options, 0));
};

/** Calibration times travel without a zone and mean UTC. */
const zoneless = (t: number) => formatUtcSeconds(t).slice(0, 19);

const calibrationReadings: Handler = (ctx) => {
  const who = v3Caller(ctx);
  const { store } = ctx;
  const registerId = ctx.query.integer("registerId", 0, 4294967295);
  if (registerId === undefined) throw new HttpError(400, "The registerId parameter is required.");
  if (!store.register(registerId))
    throw new HttpError(404, `Register ${registerId} was not found.`);
  if (!store.canSeeRegister(who, registerId)) {
    throw new HttpError(
      403,
      `User '${who.username}' is not allowed to access register ${registerId}.`,
    );
  }
  const startIndex = ctx.query.integer("startIndex", 0, 2147483647) ?? 0;
  const maxCount = ctx.query.integer("maxCount", 0, 2147483647) ?? 2147483647;
  const all = store.calibrations(registerId);
  const page = all.slice(startIndex, startIndex + maxCount).map((c) => ({
    timestamp: zoneless(c.timestamp),
    startTime: zoneless(c.startTime),
    value: roundTo(store.calibrationValue(c), 3),
    offset: c.offset,
  }));
  return jsonResponse(200, { calibrationReadings: page, totalCount: all.length });
};

const metersByIdc: Handler = (ctx) => {
  const who = v3Caller(ctx);
  const { macAddress } = idcOf(ctx, ctx.params.mac);
  const { store } = ctx;
  const meters = store.estate.meters
    .filter((m) => m.idc === macAddress && store.canSeeMeter(who, m.meter.id))
    .map((m) => meterSummary(m.meter, true));
  return jsonResponse(200, meters);
};

const updateMeter: Handler = async (ctx) => {
  const who = v3Operator(ctx);
  const body = await readJsonBody(ctx.request);
  const id = isRecord(body) && typeof body.id === "number" ? body.id : undefined;
  if (id !== undefined && ctx.store.meter(id) && !ctx.store.canSeeMeter(who, id)) {
    throw new HttpError(403, `User '${who.username}' is not allowed to access meter ${id}.`);
  }
  return jsonResponse(200, ctx.store.replaceMeter(body));
};

const meterTypes: Handler = (ctx) => {
  v3Caller(ctx);
  return jsonResponse(200, ctx.store.estate.meterTypes);
};

const meterType: Handler = (ctx) => {
  v3Caller(ctx);
  const id = pathId(ctx);
  const type = ctx.store.estate.meterTypes.find((t) => t.id === id);
  if (!type) throw new HttpError(404, `Meter type ${id} was not found.`);
  return jsonResponse(200, type);
};

const addRegisters: Handler = async (ctx) => {
  const who = v3Operator(ctx);
  const body = await readJsonBody(ctx.request);
  const meterId = isRecord(body) ? body.meterId : undefined;
  if (
    typeof meterId === "number" &&
    ctx.store.meter(meterId) &&
    !ctx.store.canSeeMeter(who, meterId)
  ) {
    throw new HttpError(403, `User '${who.username}' is not allowed to access meter ${meterId}.`);
  }
  ctx.store.addRegisters(body);
  return emptyResponse(204);
};

export function addV3ConfigRoutes(router: Router): void {
  router
    .add("v3", "GET", "/idcs", idcs)
    .add("v3", "GET", "/idcs/:mac", idc)
    .add("v3", "GET", "/idcs/settings/:mac", idcSettings)
    .add("v3", "PUT", "/idcs/settings", updateIdcSettings)
    .add("v3", "GET", "/modbusdevices/byidc/:mac", devicesByIdc)
    .add("v3", "GET", "/modbusdevices/:id", device)
    .add("v3", "DELETE", "/modbusdevices/:id", deleteDevice)
    .add("v3", "POST", "/modbusdevices", addDevice)
    .add("v3", "PUT", "/modbusdevices", updateDevice)
    .add("v3", "POST", "/modbusdevices/command", commandDevice)
    .add("v3", "GET", "/metergroups/:id", meterTree)
    .add("v3", "GET", "/calibrationreadings", calibrationReadings)
    .add("v3", "GET", "/meters/byidc/:mac", metersByIdc)
    .add("v3", "PUT", "/meters", updateMeter)
    .add("v3", "GET", "/metertypes", meterTypes)
    .add("v3", "GET", "/metertypes/:id", meterType)
    .add("v3", "POST", "/registers/add", addRegisters);
}
