/**
 * Every simulator response, over a sample of all endpoints and parameter combinations of both
 * API generations, validates against the response schemas in spec/*.yaml (JSON Schema 2020-12,
 * checked with ajv). A shape drifting from the published description fails here.
 */
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createDcsSimulator, type DcsSimulator } from "../../src/simulator/index.js";

type Spec = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
};

/** Follows a local `#/...` reference. */
function resolve(spec: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split("/")
    .reduce((node, key) => (node as Record<string, unknown>)[key], spec);
}

function validatorFor(file: string) {
  const spec = parse(readFileSync(file, "utf8")) as Spec & { components: unknown };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  ajv.addFormat("int64", true);
  ajv.addSchema({ $id: "spec", components: spec.components } as object);
  return (path: string, method: string, status: number, body: unknown) => {
    const operation = spec.paths[path]?.[method];
    expect(operation, `${method} ${path} is in ${file}`).toBeDefined();
    let response = operation!.responses[String(status)] as
      | { $ref?: string; content?: Record<string, { schema: unknown }> }
      | undefined;
    expect(response, `${method} ${path} documents ${status}`).toBeDefined();
    if (response?.$ref) response = resolve(spec, response.$ref) as typeof response;
    const schema = response!.content?.["application/json"]?.schema;
    if (schema === undefined) return expect(body).toBeUndefined();
    const rewritten = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components', '"spec#/components'),
    );
    const valid = ajv.validate(rewritten, body);
    expect(valid ? [] : ajv.errors, `${method} ${path} ${status}`).toEqual([]);
  };
}

let sim: DcsSimulator;
let webCookie = "";
let v3Cookie = "";
const ORIGIN = "http://dcs.test";

async function call(method: string, url: string, cookie = "", body?: unknown) {
  const response = await sim.fetch(
    new Request(`${ORIGIN}${url}`, {
      method,
      headers: { cookie, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? undefined : JSON.parse(text),
    headers: response.headers,
  };
}

beforeAll(async () => {
  sim = createDcsSimulator({ rangeLimitDays: 400 });
  const signIn = await sim.fetch(
    new Request(`${ORIGIN}/DCSWebApi/authentication/signin`, {
      method: "POST",
      body: JSON.stringify({ username: "operator", password: "operator-password" }),
      headers: { "content-type": "application/json" },
    }),
  );
  webCookie = signIn.headers.getSetCookie()[0]!.split(";")[0]!;
  const login = await sim.fetch(
    new Request(`${ORIGIN}/DCS/api/account/login`, {
      method: "POST",
      body: JSON.stringify({ username: "operator", password: "operator-password" }),
      headers: { "content-type": "application/json" },
    }),
  );
  v3Cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
});

describe("the simulator conforms to spec/dcs-webapi.yaml", () => {
  const check = validatorFor("spec/dcs-webapi.yaml");
  const register = () => sim.estate.meters[0]!.registers[0]!.id;

  it("sign-in, status, estate, errors", async () => {
    const bad = await call("POST", "/DCSWebApi/authentication/signin", "", {
      username: "user",
      password: "nope",
    });
    check("/authentication/signin", "post", bad.status, bad.body);
    const ok = await call("POST", "/DCSWebApi/authentication/signin", "", {
      username: "user",
      password: "password",
    });
    check("/authentication/signin", "post", ok.status, ok.body);
    for (const [path, spec] of [
      ["/DCSWebApi/status", "/status"],
      ["/DCSWebApi/meters", "/meters"],
      ["/DCSWebApi/virtualMeters", "/virtualMeters"],
      ["/DCSWebApi/public/meters", "/public/meters"],
      ["/DCSWebApi/public/virtualMeters", "/public/virtualMeters"],
    ] as const) {
      const r = await call("GET", path, webCookie);
      check(spec, "get", r.status, r.body);
    }
    const unauthorised = await call("GET", "/DCSWebApi/meters");
    check("/meters", "get", unauthorised.status, unauthorised.body);
  });

  it("readings: formats, periods, sources, ranges and refusals", async () => {
    const vm = sim.estate.virtualMeters.find((v) => !v.isInstantaneous)!.id;
    const instantaneous = sim.estate.meters
      .flatMap((m) => m.registers)
      .find((r) => r.isInstantaneous)!.id;
    const queries = [
      `id=R${register()}&startTime=2024-01-01T00:00:00Z&endTime=2024-01-02T00:00:00Z`,
      `id=R${register()}&startTime=2024-01-01T00:00:00Z&periodCount=3&periodType=day&format=complete&calibrated=true&interpolated=true`,
      `id=R${register()}&endTime=2024-03-01T00:00:00Z&periodCount=2&periodType=month`,
      `id=R${register()}&startTime=2024-01-01T00:00:00Z&periodCount=2&periodType=week&interpolated=false`,
      `id=VM${vm}&startTime=2024-01-01T00:00:00Z&periodCount=24&periodType=hour`,
      `id=R${instantaneous}&startTime=2024-01-01T00:00:00Z&periodCount=48`,
      `id=R${register()}&startTime=2024-01-01T00:00:00Z`, // one of three: 400
      `id=R${register()}&startTime=2024-01-03T00:00:00Z&periodCount=1&periodType=week`, // off grid: 400
      `id=VM${vm}&startTime=2024-01-01T00:00:00Z&periodCount=1&format=complete`, // 400
      `id=R4000000000&startTime=2024-01-01T00:00:00Z&periodCount=1`, // 404
      `id=R${register()}&startTime=2020-01-01T00:00:00Z&endTime=2024-01-01T00:00:00Z`, // range limit: 400
    ];
    for (const query of queries) {
      for (const [prefix, spec, cookie] of [
        ["/DCSWebApi/readings", "/readings", webCookie],
        ["/DCSWebApi/public/readings", "/public/readings", ""],
      ] as const) {
        const r = await call("GET", `${prefix}?${query}`, cookie);
        check(spec, "get", r.status, r.body);
      }
    }
  });

  it("rate limiting answers 429 as documented", async () => {
    const limited = createDcsSimulator({ rateLimit: { limit: 1, windowMs: 60_000 } });
    const first = await limited.fetch(new Request(`${ORIGIN}/DCSWebApi/public/meters`));
    await first.body?.cancel();
    const second = await limited.fetch(new Request(`${ORIGIN}/DCSWebApi/public/meters`));
    expect(second.status).toBe(429);
    check("/public/meters", "get", 429, await second.json());
  });
});

describe("the simulator conforms to spec/dcs-v3.yaml", () => {
  const check = validatorFor("spec/dcs-v3.yaml");

  it("official and unofficial read endpoints, with their options", async () => {
    const meter = sim.estate.meters[0]!;
    const register = meter.registers.find((r) => !r.isInstantaneous)!.id;
    const vm = sim.estate.virtualMeters[0]!.id;
    const mac = sim.estate.idcs[0]!.macAddress;
    const device = sim.estate.modbusDevices[0]!.id;
    const type = sim.estate.meterTypes[0]!.id;
    const cases: [string, string][] = [
      ["/DCS/api/meters", "/api/meters"],
      [`/DCS/api/meters/${meter.id}`, "/api/meters/{id}"],
      ["/DCS/api/virtualMeters", "/api/virtualMeters"],
      [`/DCS/api/virtualMeters/${vm}`, "/api/virtualMeters/{id}"],
      [
        `/DCS/api/registerReadings/list?registerId=${register}&start=2024-01-01&end=2024-01-02`,
        "/api/registerReadings/list",
      ],
      [
        `/DCS/api/registerReadings/list?registerId=${register}&start=2024-06-01&integrationPeriod=day&useLocalTime=true&decimalPlaces=2&source=merged`,
        "/api/registerReadings/list",
      ],
      [
        `/DCS/api/virtualMeterReadings/list?virtualMeterId=${vm}&start=2024-01-01&integrationPeriod=month`,
        "/api/virtualMeterReadings/list",
      ],
      ["/DCS/api/Idcs", "/api/Idcs"],
      [`/DCS/api/Idcs/${mac}`, "/api/Idcs/{macAddress}"],
      [`/DCS/api/Idcs/settings/${mac}`, "/api/Idcs/settings/{macAddress}"],
      [`/DCS/api/ModbusDevices/byIdc/${mac}`, "/api/ModbusDevices/byIdc/{macAddress}"],
      [`/DCS/api/ModbusDevices/${device}`, "/api/ModbusDevices/{id}"],
      [
        "/DCS/api/MeterGroups/0?recursively=true&groupsOnly=false&withoutRegister=false",
        "/api/MeterGroups/{id}",
      ],
      [
        "/DCS/api/MeterGroups/0?recursively=false&groupsOnly=true&withoutRegister=true",
        "/api/MeterGroups/{id}",
      ],
      [
        `/DCS/api/CalibrationReadings?registerId=${register}&startIndex=0&maxCount=10`,
        "/api/CalibrationReadings",
      ],
      [`/DCS/api/Meters/byIdc/${mac}`, "/api/Meters/byIdc/{macAddress}"],
      ["/DCS/api/MeterTypes", "/api/MeterTypes"],
      [`/DCS/api/MeterTypes/${type}`, "/api/MeterTypes/{id}"],
    ];
    for (const [url, spec] of cases) {
      const r = await call("GET", url, v3Cookie);
      expect(r.status, url).toBe(200);
      check(spec, "get", r.status, r.body);
    }
    const unauthorised = await call("GET", "/DCS/api/meters");
    check("/api/meters", "get", unauthorised.status, unauthorised.body);
  });

  it("the changing endpoints", async () => {
    const mac = sim.estate.idcs[0]!.macAddress;
    const added = await call("POST", "/DCS/api/ModbusDevices", v3Cookie, {
      address: 7,
      description: "x",
      serialNumber: "s",
      deviceType: "pulseCounter",
      macAddress: mac,
    });
    check("/api/ModbusDevices", "post", added.status, added.body);
    const updated = await call("PUT", "/DCS/api/ModbusDevices", v3Cookie, {
      ...added.body,
      description: "y",
    });
    check("/api/ModbusDevices", "put", updated.status, updated.body);
    const command = await call("POST", "/DCS/api/ModbusDevices/command", v3Cookie, {
      id: added.body.id,
      action: "testComms",
    });
    check("/api/ModbusDevices/command", "post", command.status, command.body);
    const meter = (await call("GET", `/DCS/api/meters/${sim.estate.meters[1]!.id}`, v3Cookie)).body;
    const put = await call("PUT", "/DCS/api/Meters", v3Cookie, meter);
    check("/api/Meters", "put", put.status, put.body);
  });

  it("the administration endpoints, as an Administrator and as others", async () => {
    const login = await sim.fetch(
      new Request(`${ORIGIN}/DCS/api/account/login`, {
        method: "POST",
        body: JSON.stringify({ username: "admin", password: "admin-password" }),
        headers: { "content-type": "application/json" },
      }),
    );
    const admin = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const list = await call("GET", "/DCS/api/users", admin);
    check("/api/users", "get", list.status, list.body);
    const one = await call("GET", `/DCS/api/users/${list.body[0].id}`, admin);
    check("/api/users/{id}", "get", one.status, one.body);
    const user = { name: "spec.check", email: "spec@example.org", role: "Guest" };
    const created = await call("POST", "/DCS/api/users", admin, user);
    check("/api/users", "post", created.status, created.body);
    const replaced = await call("PUT", "/DCS/api/users", admin, {
      ...created.body,
      role: "Viewer",
    });
    check("/api/users", "put", replaced.status, replaced.body);
    const deleted = await call("DELETE", `/DCS/api/users/${created.body.id}`, admin);
    check("/api/users/{id}", "delete", deleted.status, deleted.body);
    const gone = await call("GET", `/DCS/api/users/${created.body.id}`, admin);
    check("/api/users/{id}", "get", gone.status, gone.body);
    const bad = await call("POST", "/DCS/api/users", admin, { ...user, role: "Nobody" });
    check("/api/users", "post", bad.status, bad.body);
    const forbidden = await call("GET", "/DCS/api/users", v3Cookie);
    check("/api/users", "get", forbidden.status, forbidden.body);
    for (const path of ["/api/meterrestrictionprofiles", "/api/idcrestrictionprofiles"]) {
      const r = await call("GET", `/DCS${path}`, admin);
      check(path, "get", r.status, r.body);
    }
    expect([gone.status, bad.status, forbidden.status]).toEqual([404, 400, 403]);
  });

  it("data import: done, refused for the role, refused for the file", async () => {
    const register = sim.estate.meters[0]!.registers[0]!.id;
    const file = `RegisterId,Date,Time,Duration,PeriodValue,TotalValue\n${register},01/01/2024,00:00:00,30,1,2\n`;
    const path = "/api/registerReadings/import";
    const refused = await call("POST", `/DCS${path}`, v3Cookie, {
      dataImportPluginId: 1,
      data: file,
    });
    expect(refused.status).toBe(403); // an Operator
    check(path, "post", refused.status, refused.body);
    const users = [{ username: "admin", password: "admin-password", role: "Administrator" }];
    const previous = sim;
    sim = createDcsSimulator({ users, publicUser: "admin" });
    try {
      const login = await call("POST", "/DCS/api/account/login", "", {
        username: "admin",
        password: "admin-password",
      });
      const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
      const done = await call("POST", `/DCS${path}`, cookie, { dataImportPluginId: 1, data: file });
      expect(done.status).toBe(204);
      check(path, "post", done.status, done.body);
      const bad = await call("POST", `/DCS${path}`, cookie, { dataImportPluginId: 1, data: "x" });
      expect(bad.status).toBe(400);
      check(path, "post", bad.status, bad.body);
    } finally {
      sim = previous;
    }
  });
});
