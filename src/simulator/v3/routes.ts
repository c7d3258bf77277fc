/**
 * The legacy v3 API under `/DCS/api`: login, meters, virtual meters and readings, plus the
 * undocumented endpoints of the DCS web UI (IDCs, Modbus devices, the meter tree, calibration
 * readings, meter types, changes to meters, users and restriction profiles, and data import).
 * Every call but login and logout needs the login cookie.
 */
import type { Handler } from "../context.js";
import type { Routes } from "../middleware/router.js";
import { signInHandler, signOutHandler } from "../sign-in.js";
import { v3Caller } from "./checks.js";
import {
  addDevice,
  commandDevice,
  deleteDevice,
  device,
  devicesByIdc,
  idc,
  idcSettings,
  idcs,
  metersByIdc,
  updateDevice,
  updateIdcSettings,
} from "./devices.js";
import { importMeteredData } from "./import.js";
import { addRegisters, updateMeter } from "./meter-changes.js";
import {
  calibrationReadings,
  meter,
  meters,
  meterTree,
  meterType,
  meterTypes,
  virtualMeter,
  virtualMeters,
} from "./meters.js";
import { v3Readings } from "./readings.js";
import {
  createUser,
  deleteUser,
  idcRestrictionProfiles,
  meterRestrictionProfiles,
  updateUser,
  user,
  users,
} from "./users.js";

const login = signInHandler("v3", (options) => options.legacyAppVersion);
const logout = signOutHandler("v3", 200);

const readings =
  (isVirtual: boolean): Handler =>
  (ctx) =>
    v3Readings(
      ctx.store,
      v3Caller(ctx),
      ctx.query,
      isVirtual,
      ctx.now,
      ctx.options.provisionalHours,
    );

export function addV3Routes(routes: Routes): void {
  routes
    .add("POST", "/account/login", login)
    .add("POST", "/account/logout", logout)
    .add("GET", "/meters", meters)
    .add("GET", "/meters/:id", meter)
    .add("GET", "/virtualmeters", virtualMeters)
    .add("GET", "/virtualmeters/:id", virtualMeter)
    .add("GET", "/registerreadings/list", readings(false))
    .add("GET", "/virtualmeterreadings/list", readings(true))
    .add("POST", "/registerreadings/import", importMeteredData)
    .add("GET", "/idcs", idcs)
    .add("GET", "/idcs/:mac", idc)
    .add("GET", "/idcs/settings/:mac", idcSettings)
    .add("PUT", "/idcs/settings", updateIdcSettings)
    .add("GET", "/modbusdevices/byidc/:mac", devicesByIdc)
    .add("GET", "/modbusdevices/:id", device)
    .add("DELETE", "/modbusdevices/:id", deleteDevice)
    .add("POST", "/modbusdevices", addDevice)
    .add("PUT", "/modbusdevices", updateDevice)
    .add("POST", "/modbusdevices/command", commandDevice)
    .add("GET", "/metergroups/:id", meterTree)
    .add("GET", "/calibrationreadings", calibrationReadings)
    .add("GET", "/meters/byidc/:mac", metersByIdc)
    .add("PUT", "/meters", updateMeter)
    .add("GET", "/metertypes", meterTypes)
    .add("GET", "/metertypes/:id", meterType)
    .add("POST", "/registers/add", addRegisters)
    // pythondcspro's administration: users and restriction profiles
    .add("GET", "/users", users)
    .add("GET", "/users/:id", user)
    .add("POST", "/users", createUser)
    .add("PUT", "/users", updateUser)
    .add("DELETE", "/users/:id", deleteUser)
    .add("GET", "/meterrestrictionprofiles", meterRestrictionProfiles)
    .add("GET", "/idcrestrictionprofiles", idcRestrictionProfiles);
}
