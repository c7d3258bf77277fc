/**
 * What both readings endpoints share: reading a date-time parameter leniently, finding the
 * register or virtual meter asked for (404 when unknown, 403 when the user may not see it),
 * and its readings over a span.
 */
import { parseIsoDateTime } from "../../core/time.js";
import { ukWallToUtc } from "../../core/uk-time.js";
import type { Principal } from "../auth.js";
import type { FillOptions, RegisterSeries } from "../estate/series.js";
import type { EstateStore } from "../estate/store.js";
import { HttpError } from "../http.js";
import { notAllowed } from "../sign-in.js";
import type { SimRegister, SimVirtualMeter } from "../types.js";
import { type CompiledExpression, compileExpression } from "./expression.js";
import { roundTo } from "./format.js";
import type { ProvisionalWindow } from "./provisional.js";
import { type Grid, RegisterRows, type RowSource, VirtualMeterRows } from "./rows.js";

/**
 * A date-time query value: `yyyy-MM-dd` (midnight), or ISO 8601 with `Z` or an offset, or
 * without a zone (read as UTC, or as UK local time when `zoneless` is "uk"). A `+` that a
 * client left unencoded arrives as a space; it is read back as `+`.
 */
export function parseInstantParam(value: string, name: string, zoneless: "utc" | "uk"): number {
  const text = value.trim().replace(/ (\d{2}(?::?\d{2})?)$/, "+$1");
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const zoned = dateOnly ? Number.NaN : parseIsoDateTime(text, "reject");
  if (!Number.isNaN(zoned)) return zoned;
  const wall = parseIsoDateTime(dateOnly ? `${text}T00:00:00` : text, "utc");
  if (Number.isNaN(wall))
    throw new HttpError(400, `The value '${value}' is not a valid date-time for ${name}.`);
  return zoneless === "uk" ? ukWallToUtc(wall) : wall;
}

export type Source =
  | {
      kind: "register";
      register: SimRegister;
      series: RegisterSeries;
    }
  | {
      kind: "virtualMeter";
      virtualMeter: SimVirtualMeter;
      series: RegisterSeries[];
      evaluate: CompiledExpression;
    };

/** The source of readings `id` (`label` names it in errors) that `who` asked for. */
export function findSource(
  store: EstateStore,
  who: Principal,
  kind: Source["kind"],
  id: number,
  label: string,
): Source {
  return kind === "register"
    ? findRegister(store, who, id, label)
    : findVirtualMeter(store, who, id, label);
}

function findRegister(store: EstateStore, who: Principal, id: number, label: string): Source {
  const record = store.register(id);
  if (!record) throw new HttpError(404, `Register ${label} was not found.`);
  if (!store.canSeeRegister(who, id)) throw notAllowed(who, `register ${label}`);
  return { kind: "register", register: record.register, series: store.series(id) };
}

function findVirtualMeter(store: EstateStore, who: Principal, id: number, label: string): Source {
  const vm = store.virtualMeter(id);
  if (!vm) throw new HttpError(404, `Virtual meter ${label} was not found.`);
  if (!store.canSeeVirtualMeter(who, vm)) throw notAllowed(who, `virtual meter ${label}`);
  let evaluate: CompiledExpression;
  try {
    const compiled = compileExpression(
      vm.expression,
      vm.registerAliases.map((a) => a.alias),
    );
    // DCS rounds a virtual meter's values to its decimal places when it has them.
    const places = vm.decimalPlaces;
    evaluate = places === undefined ? compiled : (values) => roundTo(compiled(values), places);
  } catch (error) {
    throw new HttpError(
      500,
      `Virtual meter ${label} has an invalid expression: ${(error as Error).message}`,
    );
  }
  for (const alias of vm.registerAliases) {
    if (!store.register(alias.registerId)) {
      throw new HttpError(
        500,
        `Virtual meter ${label} refers to register ${alias.registerId}, which does not exist.`,
      );
    }
  }
  return {
    kind: "virtualMeter",
    virtualMeter: vm,
    series: vm.registerAliases.map((a) => store.series(a.registerId)),
    evaluate,
  };
}

export function isInstantaneous(source: Source): boolean {
  return source.kind === "register"
    ? source.register.isInstantaneous
    : source.virtualMeter.isInstantaneous;
}

/**
 * The source's readings for the periods of `grid` that start in [start, end), the half hours
 * of `provisional` shown as estimates (see provisional.ts).
 */
export function rowsOf(
  source: Source,
  store: EstateStore,
  grid: Grid,
  start: number,
  end: number,
  fill: FillOptions,
  provisional?: ProvisionalWindow,
): RowSource {
  const { dataStart, slots } = store.estate;
  const span = { grid, start, end, dataStart, slots, provisional };
  return source.kind === "register"
    ? new RegisterRows(source.series, fill, span)
    : new VirtualMeterRows(source.series, source.evaluate, span);
}
