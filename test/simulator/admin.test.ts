/**
 * The legacy API's administration endpoints (pythondcspro's users and restriction profiles)
 * and the user restrictions the vendor documents: roles, account expiry and data access dates.
 */
import { describe, expect, it } from "vitest";
import { createDcsSimulator, DEFAULT_USERS } from "../../src/simulator/index.js";
import { call, login, signIn } from "./helpers.js";

interface UserJson {
  id: string;
  name: string;
  email: string;
  role: string;
  expiration: string | null;
  dataAccessStart: string | null;
  dataAccessEnd: string | null;
  meterRestrictionProfileId: number | null;
  [key: string]: unknown;
}

const details = (reply: { json: unknown }) => (reply.json as { details: string }).details;
const asAdmin = (sim: ReturnType<typeof createDcsSimulator>) =>
  login(sim, "admin", "admin-password");

describe("legacy API: users", () => {
  it("lists every user, or one by its UUID-like id, and never a password", async () => {
    const sim = createDcsSimulator();
    const admin = await asAdmin(sim);
    const reply = await call(sim, "/DCS/api/users/", { cookie: admin });
    expect(reply.status).toBe(200);
    const users = reply.json as UserJson[];
    expect(users.map((u) => [u.name, u.role])).toEqual([
      ["user", "Viewer"],
      ["operator", "Operator"],
      ["restricted", "Viewer"],
      ["admin", "Administrator"],
    ]);
    for (const u of users) {
      expect(u.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(u.email).toBe(`${u.name}@example.org`);
    }
    for (const { password } of DEFAULT_USERS) expect(reply.text).not.toContain(password);
    expect(Object.keys(users[0]!).some((k) => /password/i.test(k))).toBe(false);
    const one = await call(sim, `/DCS/api/Users/${users[1]!.id}`, { cookie: admin });
    expect(one.json).toEqual(users[1]);
    // Ids are made deterministically, like everything else the simulator invents.
    const other = createDcsSimulator();
    const ids = (
      (await call(other, "/DCS/api/users", { cookie: await asAdmin(other) })).json as UserJson[]
    ).map((u) => u.id);
    expect(ids).toEqual(users.map((u) => u.id));
  });

  it("creates, lists, replaces (answering the previous details), gets and deletes a user", async () => {
    const sim = createDcsSimulator();
    const admin = await asAdmin(sim);
    const created = await call(sim, "/DCS/api/users", {
      cookie: admin,
      body: { name: "new.analyst", email: "analyst@example.org", role: "viewer" },
    });
    expect(created.status).toBe(200);
    const user = created.json as UserJson;
    expect(user).toMatchObject({
      name: "new.analyst",
      email: "analyst@example.org",
      role: "Viewer",
      expiration: null,
      dataAccessStart: null,
      dataAccessEnd: null,
      meterRestrictionProfileId: null,
    });
    const list = (await call(sim, "/DCS/api/users", { cookie: admin })).json as UserJson[];
    expect(list.at(-1)).toEqual(user);

    const changed = {
      ...user,
      role: "Guest",
      expiration: "2030-01-01T00:00:00Z",
      dataAccessStart: "2024-01-01",
    };
    const put = await call(sim, "/DCS/api/users", { method: "PUT", cookie: admin, body: changed });
    expect(put.status).toBe(200);
    expect(put.json).toEqual(user); // DCS answers with the user's details as they were
    const got = (await call(sim, `/DCS/api/users/${user.id}`, { cookie: admin })).json;
    expect(got).toEqual({ ...changed, dataAccessStart: "2024-01-01T00:00:00Z" });

    // A whole-object write: what is left out is reset.
    const { expiration: _, ...withoutExpiration } = got as UserJson;
    await call(sim, "/DCS/api/users", { method: "PUT", cookie: admin, body: withoutExpiration });
    expect((await call(sim, `/DCS/api/users/${user.id}`, { cookie: admin })).json).toMatchObject({
      expiration: null,
    });

    const deleted = await call(sim, `/DCS/api/users/${user.id}`, {
      method: "DELETE",
      cookie: admin,
    });
    expect(deleted.status).toBe(204);
    for (const [method, path] of [
      ["GET", `/DCS/api/users/${user.id}`],
      ["DELETE", `/DCS/api/users/${user.id}`],
    ] as const) {
      const reply = await call(sim, path, { method, cookie: admin });
      expect(reply.status).toBe(404);
      expect(details(reply)).toContain(user.id);
    }
    const putGone = await call(sim, "/DCS/api/users", { method: "PUT", cookie: admin, body: user });
    expect(putGone.status).toBe(404);
  });

  it("refuses bad input with 400 and says what is wrong", async () => {
    const sim = createDcsSimulator();
    const admin = await asAdmin(sim);
    const base = { name: "someone", email: "someone@example.org", role: "Viewer" };
    const cases: [unknown, RegExp][] = [
      [[base], /JSON object/],
      [{ ...base, name: undefined }, /name/],
      [{ ...base, name: "semi;colon" }, /a\.\.z/],
      [{ ...base, name: "OPERATOR" }, /already/],
      [{ ...base, email: undefined }, /email/],
      [{ ...base, email: "no-at-sign" }, /email/],
      [{ ...base, role: "Superuser" }, /Administrator, Operator, Viewer, Guest/],
      [{ ...base, expiration: "next week" }, /expiration/],
      [{ ...base, dataAccessStart: 20240101 }, /dataAccessStart/],
      [{ ...base, dataAccessStart: "2024-06-01", dataAccessEnd: "2024-01-01" }, /after/],
      [{ ...base, meterRestrictionProfileId: 999 }, /999/],
      [{ ...base, idcRestrictionProfileId: "x" }, /idcRestrictionProfileId/],
      [{ ...base, enforceSso: "yes" }, /enforceSso/],
    ];
    for (const [body, reason] of cases) {
      const reply = await call(sim, "/DCS/api/users", { cookie: admin, body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(details(reply)).toMatch(reason);
    }
    const users = (await call(sim, "/DCS/api/users", { cookie: admin })).json as UserJson[];
    expect(users).toHaveLength(4);
    const operator = users.find((u) => u.name === "operator")!;
    const renamed = await call(sim, "/DCS/api/users", {
      method: "PUT",
      cookie: admin,
      body: { ...operator, name: "operator2" },
    });
    expect(renamed.status).toBe(400);
    expect(details(renamed)).toMatch(/cannot be changed/);
    const noId = await call(sim, "/DCS/api/users", { method: "PUT", cookie: admin, body: base });
    expect(noId.status).toBe(400);
  });

  it("lets only an Administrator manage users (403 for the others)", async () => {
    const sim = createDcsSimulator({
      users: [...DEFAULT_USERS, { username: "guest", password: "guest-password", role: "Guest" }],
    });
    const users = (await call(sim, "/DCS/api/users", { cookie: await asAdmin(sim) }))
      .json as UserJson[];
    const id = users[0]!.id;
    for (const [username, password] of [
      ["user", "password"],
      ["operator", "operator-password"],
      ["guest", "guest-password"],
    ]) {
      const cookie = await login(sim, username, password);
      for (const [method, path, body] of [
        ["GET", "/DCS/api/users", undefined],
        ["GET", `/DCS/api/users/${id}`, undefined],
        ["POST", "/DCS/api/users", { name: "x", email: "x@example.org", role: "Viewer" }],
        ["PUT", "/DCS/api/users", users[0]],
        ["DELETE", `/DCS/api/users/${id}`, undefined],
      ] as const) {
        const reply = await call(sim, path, { method, cookie, body });
        expect(reply.status, `${username} ${method} ${path}`).toBe(403);
        expect(details(reply)).toMatch(/role is not allowed to manage users/);
      }
    }
    expect((await call(sim, "/DCS/api/users")).status).toBe(401);
  });

  it("a deleted user's session ends at once, and a created user cannot log in (DCS emails the password)", async () => {
    const sim = createDcsSimulator();
    const admin = await asAdmin(sim);
    const viewer = await login(sim, "user", "password");
    expect((await call(sim, "/DCS/api/meters", { cookie: viewer })).status).toBe(200);
    const web = await signIn(sim, "user", "password");
    const users = (await call(sim, "/DCS/api/users", { cookie: admin })).json as UserJson[];
    const id = users.find((u) => u.name === "user")!.id;
    await call(sim, `/DCS/api/users/${id}`, { method: "DELETE", cookie: admin });
    expect((await call(sim, "/DCS/api/meters", { cookie: viewer })).status).toBe(401);
    expect((await call(sim, "/DCSWebApi/meters", { cookie: web })).status).toBe(401);
    const again = await call(sim, "/DCS/api/account/login", {
      body: { username: "user", password: "password" },
    });
    expect(again.status).toBe(401);
    // The same name again is a new account, with no password yet.
    await call(sim, "/DCS/api/users", {
      cookie: admin,
      body: { name: "user", email: "user@example.org", role: "Viewer" },
    });
    expect((await call(sim, "/DCS/api/meters", { cookie: viewer })).status).toBe(401);
    for (const password of ["password", ""]) {
      const reply = await call(sim, "/DCS/api/account/login", {
        body: { username: "user", password },
      });
      expect(reply.status).toBe(401);
    }
  });

  it("a change to a user applies from that user's next request", async () => {
    const sim = createDcsSimulator();
    const admin = await asAdmin(sim);
    const restricted = await login(sim, "restricted", "restricted-password");
    const count = async () =>
      ((await call(sim, "/DCS/api/meters", { cookie: restricted })).json as unknown[]).length;
    expect(await count()).toBe(3);
    const users = (await call(sim, "/DCS/api/users", { cookie: admin })).json as UserJson[];
    const user = users.find((u) => u.name === "restricted")!;
    const put = (body: object) =>
      call(sim, "/DCS/api/users", { method: "PUT", cookie: admin, body: { ...user, ...body } });
    await put({ meterRestrictionProfileId: null });
    expect(await count()).toBe(sim.estate.meters.length);
    await put({ role: "Administrator" });
    expect((await call(sim, "/DCS/api/users", { cookie: restricted })).status).toBe(200);
    await put({ expiration: "2020-01-01T00:00:00Z" });
    const expired = await call(sim, "/DCS/api/meters", { cookie: restricted });
    expect(expired.status).toBe(403);
    expect(details(expired)).toMatch(/expired/);
  });
});

describe("legacy API: restriction profiles", () => {
  it("lists the meter and IDC restriction profiles the users refer to", async () => {
    const sim = createDcsSimulator();
    const admin = await asAdmin(sim);
    const meterProfiles = await call(sim, "/DCS/api/meterrestrictionprofiles", { cookie: admin });
    expect(meterProfiles.status).toBe(200);
    const firstThree = sim.estate.meters.slice(0, 3).map((m) => m.id);
    expect(meterProfiles.json).toEqual([
      {
        id: 1,
        name: "First 3 meters",
        defaultAccess: "Denied",
        isUserDefault: false,
        items: firstThree.map((id) => ({ type: "meter", id, access: "Granted" })),
      },
    ]);
    const users = (await call(sim, "/DCS/api/users", { cookie: admin })).json as UserJson[];
    expect(users.map((u) => u.meterRestrictionProfileId)).toEqual([null, null, 1, null]);
    const idcProfiles = await call(sim, "/DCS/api/IdcRestrictionProfiles/", { cookie: admin });
    expect(idcProfiles.json).toEqual([
      { id: 1, name: "All IDCs", defaultAccess: "Granted", isUserDefault: false, items: [] },
    ]);
  });

  it("Administrators and Viewers may read them; Operators and Guests may not", async () => {
    const sim = createDcsSimulator({
      users: [...DEFAULT_USERS, { username: "guest", password: "guest-password", role: "Guest" }],
    });
    const paths = ["/DCS/api/meterrestrictionprofiles", "/DCS/api/idcrestrictionprofiles"];
    for (const [username, password, status] of [
      ["admin", "admin-password", 200],
      ["user", "password", 200],
      ["operator", "operator-password", 403],
      ["guest", "guest-password", 403],
    ] as const) {
      const cookie = await login(sim, username, password);
      for (const path of paths) {
        expect((await call(sim, path, { cookie })).status, `${username} ${path}`).toBe(status);
      }
    }
  });
});

describe("user restrictions (both APIs)", () => {
  const day = Date.UTC(2024, 0, 1);

  it("an expired account cannot sign in or log in: 403", async () => {
    const sim = createDcsSimulator({
      users: [{ username: "old", password: "old-password", expiresAt: day }],
      clock: { now: () => day + 1 },
    });
    for (const path of ["/DCS/api/account/login", "/DCSWebApi/authentication/signin"]) {
      const reply = await call(sim, path, { body: { username: "old", password: "old-password" } });
      expect(reply.status, path).toBe(403);
      expect(details(reply)).toMatch(/expired/);
      expect(reply.headers.getSetCookie()).toEqual([]);
      const wrong = await call(sim, path, { body: { username: "old", password: "wrong" } });
      expect(wrong.status).toBe(401); // a wrong password says nothing about the account
    }
  });

  it("readings outside the data access dates answer 403, inside them 200", async () => {
    const sim = createDcsSimulator({
      users: [
        {
          username: "auditor",
          password: "auditor-password",
          dataAccessStart: Date.UTC(2024, 0, 1),
          dataAccessEnd: new Date(Date.UTC(2024, 6, 1)),
        },
      ],
      publicUser: "auditor",
    });
    const register = sim.estate.meters[0]!.registers[0]!.id;
    const v3 = await login(sim, "auditor", "auditor-password");
    const web = await signIn(sim, "auditor", "auditor-password");
    const legacy = (start: string, end: string) =>
      call(sim, `/DCS/api/registerReadings/list?registerId=${register}&start=${start}&end=${end}`, {
        cookie: v3,
      });
    const current = (path: string, start: string, end: string) =>
      call(sim, `/DCSWebApi/${path}?id=R${register}&startTime=${start}&endTime=${end}`, {
        cookie: web,
      });
    const inside = ["2024-01-01", "2024-07-01"] as const;
    const before = ["2023-12-31", "2024-01-02"] as const;
    const after = ["2024-06-30", "2024-07-02"] as const;
    expect((await legacy(...inside)).status).toBe(200);
    expect((await current("readings", ...inside)).status).toBe(200);
    for (const [start, end] of [before, after]) {
      for (const reply of [
        await legacy(start, end),
        await current("readings", start, end),
        await current("public/readings", start, end),
      ]) {
        expect(reply.status).toBe(403);
        expect(details(reply)).toBe(
          "User 'auditor' may only see data from 2024-01-01T00:00:00Z to 2024-07-01T00:00:00Z.",
        );
      }
    }
    expect((await call(sim, "/DCS/api/meters", { cookie: v3 })).status).toBe(200);
  });
});
