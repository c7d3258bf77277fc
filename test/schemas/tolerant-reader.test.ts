/**
 * The tolerant reader (issue #14): meters as the vendor documents them (`status: "Online"`),
 * as a newer server may send them (a new connection method such as M-Bus, new fields), and
 * what still breaks their meaning. Both clients, over real HTTP.
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
