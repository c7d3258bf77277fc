/**
 * The tolerant reader (issue #14): meters as the vendor documents them (`status: "Online"`),
 * as a newer server may send them (a new connection method such as M-Bus, new fields), and
 * what still breaks their meaning. Both clients, over real HTTP; and the legacy API's users
 * and restriction profiles likewise.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DcsSession, DcsValidationError, DcsWebApi, type Meter } from "../../src/index.js";
import { type RawServer, startRawServer } from "../reliability/helpers.js";

const register = {
  id: 733,
  address: "130",
  isInstantaneous: false,
  name: "Active Energy (import)",
  scaleFactor: "",
  defaultScaleFactor: "1",
  unit: "kWh",
};
const meter = {
  id: 405,
  name: "Sample meter",
  connectionMethod: "tcp",
  deviceId: "",
  remoteAddress: "10.8.222.99:5000",
  serialNumber: "R1100729",
  status: "online",
  registers: [register],
};

/** The meter list the server answers with, set by each test. */
let meters: unknown[] = [];
let server: RawServer;

beforeAll(async () => {
  server = await startRawServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(meters));
  });
});
afterAll(async () => {
  await server.close();
});

const CLIENTS = [
  { name: "DcsWebApi.meters", list: () => new DcsWebApi(`${server.url}/DCSWebApi`).meters() },
  { name: "DcsSession.getMeters", list: () => new DcsSession(`${server.url}/DCS`).getMeters() },
  {
    name: "DcsSession.getMetersByIdc",
    list: () => new DcsSession(`${server.url}/DCS`).getMetersByIdc(1) as Promise<Meter[]>,
  },
];

describe.each(CLIENTS)("$name", ({ list }) => {
  it("accepts what the vendor documents and a newer server may add, keeping it as it came", async () => {
    const mbus = {
      ...meter,
      id: 406,
      connectionMethod: "mbus",
      status: "Online",
      commissioned: "2026-01-05",
      registers: [{ ...register, id: 734, vif: "0x03", tariff: { band: "day" } }],
    };
    meters = [meter, { ...meter, id: 407, status: "offline" }, mbus];
    const got: Meter[] = await list();
    expect(got).toEqual(meters);
    expect(got.map((m) => m.status)).toEqual(["online", "offline", "Online"]);
    expect(got[2]?.connectionMethod).toBe("mbus");
  });

  it("refuses only what breaks the meaning: a meter or register without its id", async () => {
    for (const broken of [
      { ...meter, id: undefined },
      { ...meter, registers: [{ ...register, id: "733" }] },
    ]) {
      meters = [broken];
      await expect(list()).rejects.toBeInstanceOf(DcsValidationError);
    }
  });
});

describe("DcsSession's users and restriction profiles", () => {
  const session = () => new DcsSession(`${server.url}/DCS`);
  const user = { id: "5f0c1e2a-0b7d-4c1e-9a3b-2d4e6f809a1b", name: "jo", role: "Viewer" };

  it("keep every field as it came, a role a newer server adds included", async () => {
    const sso = { ...user, id: "x1", role: "Auditor", ssoIdentity: "jo@idp", mfa: { on: true } };
    meters = [{ ...user, email: "jo@example.org", expiration: null }, sso];
    expect(await session().getUsers()).toEqual(meters);
    const profile = { id: "b2", name: "North site", defaultAccess: "Denied", items: [{ id: 3 }] };
    meters = [{ id: 1, name: "All IDCs" }, profile];
    expect(await session().getMeterRestrictions()).toEqual(meters);
    expect(await session().getIdcRestrictions()).toEqual(meters);
  });

  it("refuse only what breaks the meaning: a user without its string id, name or role", async () => {
    for (const broken of [
      { ...user, id: 17 },
      { ...user, name: undefined },
      { ...user, role: undefined },
    ]) {
      meters = [broken];
      await expect(session().getUsers()).rejects.toBeInstanceOf(DcsValidationError);
    }
    meters = [{ id: 1 }];
    await expect(session().getMeterRestrictions()).rejects.toBeInstanceOf(DcsValidationError);
  });
});
