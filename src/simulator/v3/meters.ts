/**
 * The legacy API's meters and virtual meters, the meter tree, calibration readings and meter
 * types (the last three undocumented, reverse engineered from the DCS web UI).
 */
import { formatUtcSeconds } from "../../core/time.js";
import type { Principal } from "../auth.js";
import type { Handler } from "../context.js";
import type { EstateStore } from "../estate/store.js";
import { HttpError, jsonResponse } from "../http.js";
import { roundTo } from "../readings/format.js";
import { notAllowed } from "../sign-in.js";
import type { SimMeter, SimMeterGroup } from "../types.js";
import { pathId, v3Caller } from "./checks.js";

export const meters: Handler = (ctx) => jsonResponse(200, ctx.store.visibleMeters(v3Caller(ctx)));

export const meter: Handler = (ctx) => {
  const who = v3Caller(ctx);
  const id = pathId(ctx);
  const record = ctx.store.meter(id);
  if (!record) throw new HttpError(404, `Meter ${id} was not found.`);
  if (!ctx.store.canSeeMeter(who, id)) throw notAllowed(who, `meter ${id}`);
  return jsonResponse(200, record.meter);
};

export const virtualMeters: Handler = (ctx) =>
  jsonResponse(200, ctx.store.visibleVirtualMeters(v3Caller(ctx)));

export const virtualMeter: Handler = (ctx) => {
  const who = v3Caller(ctx);
  const id = pathId(ctx);
  const vm = ctx.store.virtualMeter(id);
  if (!vm) throw new HttpError(404, `Virtual meter ${id} was not found.`);
  if (!ctx.store.canSeeVirtualMeter(who, vm)) throw notAllowed(who, `virtual meter ${id}`);
  return jsonResponse(200, vm);
};

interface TreeOptions {
  recursively: boolean;
  groupsOnly: boolean;
  withoutRegister: boolean;
}

/** A meter as the tree and the IDC listing show it, without its registers when asked. */
export function meterSummary(meter: SimMeter, withoutRegister: boolean): Partial<SimMeter> {
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

export const meterTree: Handler = (ctx) => {
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

export const calibrationReadings: Handler = (ctx) => {
  const who = v3Caller(ctx);
  const { store } = ctx;
  const registerId = ctx.query.integer("registerId", 0, 4294967295);
  if (registerId === undefined) throw new HttpError(400, "The registerId parameter is required.");
  if (!store.register(registerId))
    throw new HttpError(404, `Register ${registerId} was not found.`);
  if (!store.canSeeRegister(who, registerId)) throw notAllowed(who, `register ${registerId}`);
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

export const meterTypes: Handler = (ctx) => {
  v3Caller(ctx);
  return jsonResponse(200, ctx.store.estate.meterTypes);
};

export const meterType: Handler = (ctx) => {
  v3Caller(ctx);
  const id = pathId(ctx);
  const type = ctx.store.estate.meterTypes.find((t) => t.id === id);
  if (!type) throw new HttpError(404, `Meter type ${id} was not found.`);
  return jsonResponse(200, type);
};
