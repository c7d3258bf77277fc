import { describe, expect, it } from "vitest";
import {
  createDcsSimulator,
  type SimMeter,
  type SimVirtualMeter,
} from "../../src/simulator/index.js";
import { call, iso, ORIGIN, signIn } from "./helpers.js";

const sim = createDcsSimulator();
const { estate } = sim;
const meter = estate.meters[0]!;
const reg = meter.registers[0]!; // cumulative kWh
const inst = meter.registers.find((r) => r.isInstantaneous)!;
const vm = estate.virtualMeters.find((v) => !v.isInstantaneous)!;
const day = "startTime=2024-03-01T00:00:00Z&endTime=2024-03-02T00:00:00Z";

const details = (reply: { json: unknown }) => (reply.json as { details: string }).details;

describe("current API: authentication", () => {
  it("signs in with a cookie named COHERENT-DCS-API, Path=/DCSWebApi, HttpOnly, SameSite=Lax", async () => {
    const reply = await call(sim, "/DCSWebApi/authentication/signin", {
      body: { username: "user", password: "password" },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ username: "user", role: "Viewer", appVersion: "4.2.0" });
    const cookie = reply.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(
      /^COHERENT-DCS-API=[0-9a-f]{64}; Path=\/DCSWebApi; HttpOnly; SameSite=Lax$/,
    );
    const pair = cookie.split(";")[0]!;
    expect((await call(sim, "/DCSWebApi/meters", { cookie: pair })).status).toBe(200);
  });

  it("refuses wrong credentials with 401 and the documented details, and bad bodies with 400", async () => {
    for (const body of [
      { username: "user", password: "wrong" },
      { username: "nobody", password: "password" },
      { username: "user", password: "passwordX" },
      { username: "user", password: "" },
    ]) {
      const reply = await call(sim, "/DCSWebApi/authentication/signin", { body });
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual({ details: "Invalid username or password" });
      expect(reply.headers.getSetCookie()).toEqual([]);
    }
    expect(
      (await call(sim, "/DCSWebApi/authentication/signin", { body: "{not json" })).status,
    ).toBe(400);
    expect((await call(sim, "/DCSWebApi/authentication/signin", { method: "POST" })).status).toBe(
      400,
    );
    expect((await call(sim, "/DCSWebApi/authentication/signin", { body: [1, 2] })).status).toBe(
      400,
    );
  });

  it("answers 401 {details} on authenticated paths without a valid cookie", async () => {
    for (const path of [
      "/DCSWebApi/meters",
      "/DCSWebApi/virtualMeters",
      `/DCSWebApi/readings?id=R${reg.id}&${day}`,
    ]) {
      const none = await call(sim, path);
      expect(none.status).toBe(401);
      expect(details(none)).toMatch(/sign in/);
      expect((await call(sim, path, { cookie: "COHERENT-DCS-API=forged" })).status).toBe(401);
    }
    // A legacy token is no good here.
    const legacy = await call(sim, "/DCS/api/account/login", {
      body: { username: "user", password: "password" },
    });
    const pair = legacy.headers
      .getSetCookie()[0]!
      .split(";")[0]!
      .replace("COHERENT-DCSV3", "COHERENT-DCS-API");
    expect((await call(sim, "/DCSWebApi/meters", { cookie: pair })).status).toBe(401);
  });

  it("signs out with 204 and an expired empty cookie, always; the token is then cancelled", async () => {
    const cookie = await signIn(sim);
    const out = await call(sim, "/DCSWebApi/authentication/signout", { method: "POST", cookie });
    expect(out.status).toBe(204);
    expect(out.text).toBe("");
    expect(out.headers.getSetCookie()[0]).toMatch(
      /^COHERENT-DCS-API=; Path=\/DCSWebApi; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0/,
    );
    expect((await call(sim, "/DCSWebApi/meters", { cookie })).status).toBe(401);
    expect((await call(sim, "/DCSWebApi/authentication/signout", { method: "POST" })).status).toBe(
      204,
    );
  });

  it("expires tokens after tokenLifetimeMs by its clock, and all at once with expireSessions()", async () => {
    let now = Date.UTC(2024, 0, 1);
    const timed = createDcsSimulator({ tokenLifetimeMs: 60_000, clock: { now: () => now } });
    const cookie = await signIn(timed);
    now += 59_000;
    expect((await call(timed, "/DCSWebApi/meters", { cookie })).status).toBe(200);
    now += 2_000;
    expect((await call(timed, "/DCSWebApi/meters", { cookie })).status).toBe(401);
    const again = await signIn(timed);
    timed.expireSessions();
    expect((await call(timed, "/DCSWebApi/meters", { cookie: again })).status).toBe(401);
  });

  it("makes SameSite=None cookies Secure when asked", async () => {
    const cross = createDcsSimulator({ cookieSameSite: "None" });
    const reply = await call(cross, "/DCSWebApi/authentication/signin", {
      body: { username: "user", password: "password" },
    });
    expect(reply.headers.getSetCookie()[0]).toMatch(/; SameSite=None; Secure$/);
  });
});

describe("current API: users and restrictions", () => {
  it("shows a restricted user only its meters and answers 403 for the others' readings", async () => {
    const cookie = await signIn(sim, "restricted", "restricted-password");
    const meters = (await call(sim, "/DCSWebApi/meters", { cookie })).json as SimMeter[];
    expect(meters.map((m) => m.id)).toEqual(estate.meters.slice(0, 3).map((m) => m.id));
    const allowed = await call(sim, `/DCSWebApi/readings?id=R${reg.id}&${day}`, { cookie });
    expect(allowed.status).toBe(200);
    const hidden = estate.meters[5]!.registers[0]!;
    const refused = await call(sim, `/DCSWebApi/readings?id=R${hidden.id}&${day}`, { cookie });
    expect(refused.status).toBe(403);
    expect(details(refused)).toContain("not allowed");
    const vms = (await call(sim, "/DCSWebApi/virtualMeters", { cookie })).json as SimVirtualMeter[];
    const visible = new Set(meters.flatMap((m) => m.registers.map((r) => r.id)));
    for (const v of vms)
      expect(v.registerAliases.every((a) => visible.has(a.registerId))).toBe(true);
    const hiddenVm = estate.virtualMeters.find((v) => !vms.some((x) => x.id === v.id));
    if (hiddenVm)
      expect(
        (await call(sim, `/DCSWebApi/readings?id=VM${hiddenVm.id}&${day}`, { cookie })).status,
      ).toBe(403);
  });

  it("answers 403 on data once an account has expired", async () => {
    let now = Date.UTC(2024, 0, 1);
    const expiring = createDcsSimulator({
      users: [
        {
          username: "temp",
          password: "temp-password",
          role: "Viewer",
          expiresAt: new Date(Date.UTC(2024, 0, 2)),
        },
      ],
      publicUser: "temp",
      tokenLifetimeMs: 7 * 86_400_000,
      clock: { now: () => now },
    });
    const cookie = await signIn(expiring, "temp", "temp-password");
    expect((await call(expiring, "/DCSWebApi/meters", { cookie })).status).toBe(200);
    now = Date.UTC(2024, 0, 3);
    const reply = await call(expiring, "/DCSWebApi/meters", { cookie });
    expect(reply.status).toBe(403);
    expect(details(reply)).toMatch(/expired/);
    expect((await call(expiring, "/DCSWebApi/public/meters")).status).toBe(403);
  });

  it("serves the public endpoints as the configured account, and can switch either mode off", async () => {
    const publicOnly = createDcsSimulator({
      privateEndpoint: false,
      users: [{ username: "kiosk", password: "k", meters: 2 }],
      publicUser: "kiosk",
    });
    expect(((await call(publicOnly, "/DCSWebApi/public/meters")).json as unknown[]).length).toBe(2);
    expect(
      (
        await call(publicOnly, "/DCSWebApi/authentication/signin", {
          body: { username: "kiosk", password: "k" },
        })
      ).status,
    ).toBe(404);
    expect((await call(publicOnly, "/DCSWebApi/meters")).status).toBe(404);
    const privateOnly = createDcsSimulator({ publicEndpoint: false });
    expect((await call(privateOnly, "/DCSWebApi/public/meters")).status).toBe(404);
    expect(
      (await call(privateOnly, `/DCSWebApi/public/readings?id=R${reg.id}&${day}`)).status,
    ).toBe(404);
    expect(
      (await call(privateOnly, "/DCSWebApi/meters", { cookie: await signIn(privateOnly) })).status,
    ).toBe(200);
  });
});

describe("current API: routing", () => {
  it("matches paths ignoring case and a trailing slash", async () => {
    for (const path of [
      "/dcswebapi/public/meters",
      "/DCSWebApi/Public/Meters/",
      "/DCSWEBAPI/PUBLIC/METERS//",
    ]) {
      expect((await call(sim, path)).status).toBe(200);
    }
    expect((await call(sim, `/DCSWebApi/public/Readings/?id=R${reg.id}&${day}`)).status).toBe(200);
  });

  it("answers 404 {details} for unknown paths and 405 {details} for wrong methods", async () => {
    for (const path of [
      "/",
      "/DCSWebApi",
      "/DCSWebApi/public/nothing",
      "/other/api/meters",
      "/DCSWebApi/meters/405",
    ]) {
      const reply = await call(sim, path);
      expect(reply.status).toBe(404);
      expect(typeof details(reply)).toBe("string");
    }
    const wrong = await call(sim, "/DCSWebApi/public/meters", { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    expect((await call(sim, "/DCSWebApi/authentication/signin")).status).toBe(405);
  });

  it("reports its status without a token", async () => {
    const reply = await call(sim, "/DCSWebApi/status");
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ appVersion: "4.2.0" });
  });
});

describe("current API: readings validation", () => {
  const query = (q: string) => call(sim, `/DCSWebApi/public/readings?${q}`);

  it.each([
    ["no id", day, /id parameter is required/],
    ["a meter-like id", `id=${reg.id}&${day}`, /not valid: use R<register id>/],
    ["a bad prefix", `id=X${reg.id}&${day}`, /not valid/],
    ["an id over 32 bits", `id=R4294967296&${day}`, /not valid/],
    [
      "one time parameter",
      `id=R${reg.id}&startTime=2024-03-01T00:00:00Z`,
      /Exactly two .* \(only one was\)/,
    ],
    ["three time parameters", `id=R${reg.id}&${day}&periodCount=48`, /all three were/],
    ["no time parameter", `id=R${reg.id}`, /none was/],
    [
      "a bad date",
      `id=R${reg.id}&startTime=2024-02-30T00:00:00Z&periodCount=1`,
      /not a valid date-time for startTime/,
    ],
    ["gibberish", `id=R${reg.id}&startTime=yesterday&periodCount=1`, /not a valid date-time/],
    [
      "a start off the grid",
      `id=R${reg.id}&startTime=2024-03-01T00:10:00Z&periodCount=1`,
      /startTime 2024-03-01T00:10:00Z is not on the halfHour grid/,
    ],
    [
      "an end off the grid",
      `id=R${reg.id}&endTime=2024-03-01T00:10:00Z&periodCount=1`,
      /endTime .* not on the halfHour grid/,
    ],
    [
      "a start off the week grid",
      `id=R${reg.id}&startTime=2024-03-05T00:00:00Z&periodCount=1&periodType=week`,
      /startTime 2024-03-05T00:00:00Z is not on the week grid: it must fall on a Monday/,
    ],
    [
      "a start off the month grid",
      `id=R${reg.id}&startTime=2024-03-05T00:00:00Z&periodCount=1&periodType=month`,
      /month grid/,
    ],
    [
      "an end before the start",
      `id=R${reg.id}&startTime=2024-03-02T00:00:00Z&endTime=2024-03-01T00:00:00Z`,
      /must be after startTime/,
    ],
    [
      "an empty range",
      `id=R${reg.id}&startTime=2024-03-02T00:00:00Z&endTime=2024-03-02T00:00:00Z`,
      /must be after/,
    ],
    [
      "periodCount 0",
      `id=R${reg.id}&startTime=2024-03-02T00:00:00Z&periodCount=0`,
      /periodCount must be between/,
    ],
    [
      "periodCount text",
      `id=R${reg.id}&startTime=2024-03-02T00:00:00Z&periodCount=two`,
      /whole number/,
    ],
    ["a bad periodType", `id=R${reg.id}&${day}&periodType=fortnight`, /not valid for periodType/],
    ["a bad format", `id=R${reg.id}&${day}&format=csv`, /not valid for format/],
    ["a bad boolean", `id=R${reg.id}&${day}&calibrated=yes`, /not valid for calibrated/],
    ["a bad interpolated", `id=R${reg.id}&${day}&interpolated=1`, /not valid for interpolated/],
    [
      "an instantaneous register by day",
      `id=R${inst.id}&${day}&periodType=day`,
      /instantaneous: its periodType can only be halfHour/,
    ],
    [
      "complete for a virtual meter",
      `id=VM${vm.id}&${day}&format=complete`,
      /complete format is not valid for virtual meters/,
    ],
  ])("refuses %s with 400 {details}", async (_, q, message) => {
    const reply = await query(q);
    expect(reply.status).toBe(400);
    expect(reply.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(details(reply)).toMatch(message);
  });

  it("refuses the instantaneous virtual meter by hour", async () => {
    const instVm = estate.virtualMeters.find((v) => v.isInstantaneous)!;
    expect((await query(`id=VM${instVm.id}&${day}&periodType=hour`)).status).toBe(400);
  });

  it("answers 404 for unknown registers and virtual meters", async () => {
    const r = await query(`id=R4000000000&${day}`);
    expect(r.status).toBe(404);
    expect(details(r)).toMatch(/R4000000000 was not found/);
    expect((await query(`id=VM999999&${day}`)).status).toBe(404);
  });

  it("applies the range limit to both modes with 'exceeds the maximum'", async () => {
    const limited = createDcsSimulator({ rangeLimitDays: 400 });
    const long = `id=R${reg.id}&startTime=2023-01-01T00:00:00Z&endTime=2024-05-15T00:00:00Z&periodType=day`;
    const pub = await call(limited, `/DCSWebApi/public/readings?${long}`);
    expect(pub.status).toBe(400);
    expect(details(pub)).toBe("The requested range of 500 days exceeds the maximum of 400 days.");
    const cookie = await signIn(limited);
    expect((await call(limited, `/DCSWebApi/readings?${long}`, { cookie })).status).toBe(400);
    const ok = `id=R${reg.id}&startTime=2023-01-01T00:00:00Z&periodCount=400&periodType=day`;
    expect((await call(limited, `/DCSWebApi/public/readings?${ok}`)).status).toBe(200);
  });

  it("accepts what pythondcs sends: lower-case enums, Python booleans, ids in any case, Z or +00:00", async () => {
    const base = await query(
      `id=R${reg.id}&startTime=2024-03-01T00:00:00Z&endTime=2024-03-01T02:00:00Z&periodType=halfHour&format=standard&calibrated=true&interpolated=true`,
    );
    const variants = [
      `id=r${reg.id}&format=standard&startTime=2024-03-01T00%3A00%3A00Z&endTime=2024-03-01T02%3A00%3A00Z&calibrated=True&interpolated=True&periodType=halfhour`,
      `ID=R${reg.id}&StartTime=2024-03-01T00:00:00%2B00:00&ENDTIME=2024-03-01T02:00:00+00:00&CALIBRATED=TRUE&Interpolated=tRuE&PERIODTYPE=HALFHOUR&Format=STANDARD`,
      `id=R${reg.id}&startTime=2024-03-01T01:00:00%2B01:00&periodCount=4&calibrated=True&interpolated=True`,
      `id=R${reg.id}&startTime=2024-03-01&periodCount=4&calibrated=True&interpolated=True`,
    ];
    for (const v of variants) {
      const reply = await query(v);
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual(base.json);
    }
    expect((await query(`id=vm${vm.id}&${day}`)).status).toBe(200);
    expect((await query(`id=Vm${vm.id}&${day}`)).status).toBe(200);
  });

  it("answers readings over the authenticated endpoint exactly like the public one", async () => {
    const cookie = await signIn(sim);
    const q = `id=R${reg.id}&startTime=${iso(Date.UTC(2024, 5, 1))}&periodCount=10&format=complete&calibrated=true&interpolated=true`;
    const a = await call(sim, `/DCSWebApi/readings?${q}`, { cookie });
    const b = await query(q);
    expect(a.text).toBe(b.text);
  });

  it("counts requests", async () => {
    const fresh = createDcsSimulator();
    await fresh.fetch(new Request(`${ORIGIN}/DCSWebApi/public/meters`)).then((r) => r.text());
    await fresh.fetch(new Request(`${ORIGIN}/nothing`)).then((r) => r.text());
    expect(fresh.stats).toEqual({ requests: 2, inFlight: 0, maxInFlight: 1 });
    fresh.resetStats();
    expect(fresh.stats).toEqual({ requests: 0, inFlight: 0, maxInFlight: 0 });
  });
});
