/**
 * The legacy API's undocumented endpoints, reverse engineered from the DCS web UI, which
 * `DcsSession` inherits: pythondcs's "other functions" (IDCs, Modbus devices, the meter tree,
 * calibration readings, meters, meter types, registers), pythondcspro's administration (users
 * and restriction profiles: an Administrator's, other roles get `DcsForbiddenError`) and data
 * import. Use at your own risk; their behaviour may change with any DCS release.
 */
import { type CallOptions, Endpoints } from "../client/endpoints.js";
import { checkId } from "../core/checks.js";
import { DcsArgumentError } from "../core/errors.js";
import type { paths } from "../generated/dcs-v3.js";
import { restrictionProfileListSchema, userListSchema, userSchema } from "../schemas/admin.js";
import { meterSchema } from "../schemas/estate.js";
import type {
  CalibrationReading,
  Idc,
  IdcSettings,
  Meter,
  MeterGroup,
  MeterSummary,
  MeterType,
  ModbusCommandResult,
  ModbusDevice,
  NewUser,
  RestrictionProfile,
  User,
} from "../schemas/types.js";
import {
  calibrationReadingsPageSchema,
  idcListSchema,
  idcSchema,
  idcSettingsSchema,
  meterGroupSchema,
  meterSummaryListSchema,
  meterTypeListSchema,
  meterTypeSchema,
  modbusCommandResultSchema,
  modbusDeviceListSchema,
  modbusDeviceSchema,
} from "../schemas/unofficial.js";
import type { Transport } from "../transport/transport.js";
import type { ModbusAction, NewModbusDevice } from "./arguments.js";
import { type ImportMeteredDataOptions, importMeteredData } from "./import.js";
import { byMac, toMacInt } from "./mac.js";
import { calibrationReadingOf } from "./readings.js";

/** A user id is UUID-like: it goes into the path, so nothing that could leave its segment. */
const USER_ID = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

function byUserId(id: unknown) {
  if (typeof id !== "string" || !USER_ID.test(id)) {
    throw new DcsArgumentError(
      `A user id is a UUID-like string (letters, digits, "-", "_", "." and "~"), got ${JSON.stringify(id)}`,
    );
  }
  return { params: { path: { id } } };
}

function checkObject<T>(value: T, message: string): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DcsArgumentError(message);
  }
  return value;
}

/** The unofficial calls `DcsSession` inherits; made only by `DcsSession`. */
export class UnofficialEndpoints {
  readonly #api: Endpoints<paths>;

  /**
   * @internal Takes the session's transport and makes its own calls on it (the same queue,
   * cookie and retries), so that no generated type shows in the package's declarations.
   */
  constructor(transport: Transport) {
    this.#api = new Endpoints<paths>(transport);
  }

  /** Every user of the server, or the one with this id. Administrators only. Unofficial endpoint. */
  getUsers(id?: undefined, options?: CallOptions): Promise<User[]>;
  getUsers(id: string, options?: CallOptions): Promise<User>;
  async getUsers(id?: string, options: CallOptions = {}): Promise<User | User[]> {
    if (id === undefined) return this.#api.json("GET /api/users", {}, userListSchema, options);
    return this.#api.json("GET /api/users/{id}", byUserId(id), userSchema, options);
  }

  /**
   * Creates a user (at least `name`, `email` and `role`) and returns it with its new id; DCS
   * emails the user a password. A name already taken or not allowed is a
   * `DcsBadRequestError` with the server's details. **Risky**: unofficial, changes who may
   * use the server.
   */
  async createUser(user: NewUser, options: CallOptions = {}): Promise<User> {
    const body = checkObject(user, "createUser needs a user object: { name, email, role }");
    return this.#api.json("POST /api/users", { body }, userSchema, options);
  }

  /**
   * Replaces a user, identified by its `id`. **Risky**: unofficial, and fields left out are
   * reset, so read with `getUsers(id)`, change, and write back the whole object; the name
   * cannot change. Resolves to the server's answer, which DCS is reported to give as the
   * user's details from before the change: read the user again to see the new ones.
   */
  async updateUser(user: User, options: CallOptions = {}): Promise<User> {
    const message = "updateUser needs the whole user with its id, as getUsers(id) gives it";
    if (typeof checkObject(user, message).id !== "string") throw new DcsArgumentError(message);
    return this.#api.json("PUT /api/users", { body: user }, userSchema, options);
  }

  /** Deletes the user with this id; their sessions end. **Risky**: unofficial and irreversible. */
  async deleteUser(id: string, options: CallOptions = {}): Promise<void> {
    return this.#api.send("DELETE /api/users/{id}", byUserId(id), options);
  }

  /** The meter restriction profiles that users can be given. Unofficial endpoint. */
  async getMeterRestrictions(options: CallOptions = {}): Promise<RestrictionProfile[]> {
    const route = "GET /api/meterrestrictionprofiles";
    return this.#api.json(route, {}, restrictionProfileListSchema, options);
  }

  /** The IDC restriction profiles that users can be given. Unofficial endpoint. */
  async getIdcRestrictions(options: CallOptions = {}): Promise<RestrictionProfile[]> {
    const route = "GET /api/idcrestrictionprofiles";
    return this.#api.json(route, {}, restrictionProfileListSchema, options);
  }

  /**
   * Imports a metered data CSV (Format 1 or 2; `toMeteredDataCsv` writes 2), overwriting stored
   * readings of its registers and times. **Risky**: unofficial; an Administrator's call.
   */
  importMeteredData(csv: string, options: ImportMeteredDataOptions = {}): Promise<void> {
    return importMeteredData(this.#api, csv, options);
  }

  // pythondcs's "other functions".

  /** All IDCs, or the one with this MAC. Unofficial endpoint. */
  getIdcs(mac?: undefined, options?: CallOptions): Promise<Idc[]>;
  getIdcs(mac: number | string, options?: CallOptions): Promise<Idc>;
  async getIdcs(mac?: number | string, options: CallOptions = {}): Promise<Idc | Idc[]> {
    if (mac === undefined) return this.#api.json("GET /api/Idcs", {}, idcListSchema, options);
    return this.#api.json("GET /api/Idcs/{macAddress}", byMac(mac), idcSchema, options);
  }

  /** The settings of the IDC with this MAC. Unofficial endpoint. */
  async getIdcSettings(mac: number | string, options: CallOptions = {}): Promise<IdcSettings> {
    return this.#api.json(
      "GET /api/Idcs/settings/{macAddress}",
      byMac(mac),
      idcSettingsSchema,
      options,
    );
  }

  /**
   * Replaces the settings of an IDC. **Risky**: unofficial, and any setting left out is reset
   * to zero or blank, so read with `getIdcSettings`, change, and write back the whole object.
   */
  async updateIdcSettings(
    mac: number | string,
    settings: IdcSettings,
    options: CallOptions = {},
  ): Promise<void> {
    const body = { macAddress: toMacInt(mac), idcSettings: settings };
    return this.#api.send("PUT /api/Idcs/settings", { body }, options);
  }

  /** The Modbus devices under an IDC. Unofficial endpoint. */
  async getModbusDevicesByIdc(
    mac: number | string,
    options: CallOptions = {},
  ): Promise<ModbusDevice[]> {
    return this.#api.json(
      "GET /api/ModbusDevices/byIdc/{macAddress}",
      byMac(mac),
      modbusDeviceListSchema,
      options,
    );
  }

  /** One Modbus device. Unofficial endpoint. */
  async getModbusDevice(id: number, options: CallOptions = {}): Promise<ModbusDevice> {
    const params = { path: { id: checkId(id, "Modbus device id") } };
    return this.#api.json("GET /api/ModbusDevices/{id}", { params }, modbusDeviceSchema, options);
  }

  /** Adds a Modbus device to an IDC and returns it. **Risky**: unofficial, changes the server. */
  async addModbusDevice(device: NewModbusDevice, options: CallOptions = {}): Promise<ModbusDevice> {
    const body = { ...device, macAddress: toMacInt(device.macAddress) };
    return this.#api.json("POST /api/ModbusDevices", { body }, modbusDeviceSchema, options);
  }

  /**
   * Replaces a Modbus device and returns it. **Risky**: unofficial, and fields left out are
   * reset, so read-modify-write the whole object.
   */
  async updateModbusDevice(device: ModbusDevice, options: CallOptions = {}): Promise<ModbusDevice> {
    return this.#api.json("PUT /api/ModbusDevices", { body: device }, modbusDeviceSchema, options);
  }

  /**
   * Sends a command to a Modbus device: `"testComms"`, or for pulse counters and radio
   * receivers `"setup"` / `"resetBuffer"`. **Risky**: unofficial, acts on real equipment.
   */
  async commandModbusDevice(
    id: number,
    action: ModbusAction,
    options: CallOptions = {},
  ): Promise<ModbusCommandResult> {
    if (action !== "testComms" && action !== "setup" && action !== "resetBuffer") {
      throw new DcsArgumentError(
        `action must be "testComms", "setup" or "resetBuffer", got ${JSON.stringify(action)}`,
      );
    }
    const body = { id: checkId(id, "Modbus device id"), action };
    return this.#api.json(
      "POST /api/ModbusDevices/command",
      { body },
      modbusCommandResultSchema,
      options,
    );
  }

  /** Deletes a Modbus device. **Risky**: unofficial and irreversible. */
  async deleteModbusDevice(id: number, options: CallOptions = {}): Promise<void> {
    const params = { path: { id: checkId(id, "Modbus device id") } };
    return this.#api.send("DELETE /api/ModbusDevices/{id}", { params }, options);
  }

  /**
   * The meter tree from group `id` (0 = the root): groups, meters, registers and virtual
   * meters. Unofficial endpoint.
   */
  async getMeterTree(
    options: {
      id?: number;
      recursively?: boolean;
      groupsOnly?: boolean;
      withoutRegister?: boolean;
    } & CallOptions = {},
  ): Promise<MeterGroup> {
    const { id = 0, recursively = true, groupsOnly = false, withoutRegister = false } = options;
    const params = {
      path: { id: checkId(id, "group id") },
      query: { recursively, groupsOnly, withoutRegister },
    };
    return this.#api.json("GET /api/MeterGroups/{id}", { params }, meterGroupSchema, options);
  }

  /** Calibration readings of a register, their zone-less times read as UTC. Unofficial endpoint. */
  async getCalibrationReadings(
    registerId: number,
    options: { startIndex?: number; maxCount?: number } & CallOptions = {},
  ): Promise<CalibrationReading[]> {
    const { startIndex = 0, maxCount = 2 ** 31 - 1 } = options;
    const query = { registerId: checkId(registerId, "register id"), startIndex, maxCount };
    const page = await this.#api.json(
      "GET /api/CalibrationReadings",
      { params: { query } },
      calibrationReadingsPageSchema,
      options,
    );
    return page.calibrationReadings.map(calibrationReadingOf);
  }

  /** The meters (without registers) under an IDC. Unofficial endpoint. */
  async getMetersByIdc(mac: number | string, options: CallOptions = {}): Promise<MeterSummary[]> {
    return this.#api.json(
      "GET /api/Meters/byIdc/{macAddress}",
      byMac(mac),
      meterSummaryListSchema,
      options,
    );
  }

  /**
   * Replaces a meter and returns it. **Risky**: unofficial, and fields left out are reset, so
   * read with `getMeters(id)`, change, and write back the whole object.
   */
  async updateMeter(meter: Meter, options: CallOptions = {}): Promise<Meter> {
    return this.#api.json("PUT /api/Meters", { body: meter }, meterSchema, options);
  }

  /** All meter types with their register types, or the one with `id`. Unofficial endpoint. */
  getMeterTypes(id?: undefined, options?: CallOptions): Promise<MeterType[]>;
  getMeterTypes(id: number, options?: CallOptions): Promise<MeterType>;
  async getMeterTypes(id?: number, options: CallOptions = {}): Promise<MeterType | MeterType[]> {
    if (id === undefined)
      return this.#api.json("GET /api/MeterTypes", {}, meterTypeListSchema, options);
    const params = { path: { id: checkId(id, "meter type id") } };
    return this.#api.json("GET /api/MeterTypes/{id}", { params }, meterTypeSchema, options);
  }

  /** Adds registers of the given register types to a meter. **Risky**: unofficial, changes the server. */
  async addRegisters(
    meterId: number,
    registerTypeIds: number[],
    options: CallOptions = {},
  ): Promise<void> {
    if (!Array.isArray(registerTypeIds) || registerTypeIds.length === 0) {
      throw new DcsArgumentError("addRegisters needs a non-empty array of register type ids");
    }
    const body = {
      meterId: checkId(meterId, "meter id"),
      registerTypeIds: registerTypeIds.map((t) => checkId(t, "register type id")),
    };
    return this.#api.send("POST /api/Registers/add", { body }, options);
  }
}
