/**
 * pythondcspro's administration functions on `DcsSession`, over real HTTP against the
 * simulator: users, restriction profiles, and `metersFromGroup` over the meter tree.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DcsArgumentError,
  DcsBadRequestError,
  DcsForbiddenError,
  DcsNotFoundError,
  DcsSession,
  type MeterGroup,
  metersFromGroup,
  type User,
} from "../../src/index.js";
import {
  DEFAULT_USERS,
  type RunningDcsSimulator,
  startDcsSimulator,
} from "../../src/simulator/index.js";

let server: RunningDcsSimulator;
let admin: DcsSession;
let viewer: DcsSession;

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0 });
  admin = new DcsSession(server.v3Url);
  await admin.login("admin", "admin-password");
  viewer = new DcsSession(server.v3Url);
  await viewer.login("user", "password");
});

afterAll(async () => {
  await Promise.all([admin.logout(), viewer.logout()]);
  await server.close();
});

describe("DcsSession: users", () => {
  it("getUsers() lists every user, getUsers(id) one, with every field the server sent", async () => {
    const users = await admin.getUsers();
    expect(users.map((u) => [u.name, u.role])).toEqual(
      DEFAULT_USERS.map((u) => [u.username, u.role]),
    );
    const operator = users.find((u) => u.name === "operator")!;
    expect(typeof operator.id).toBe("string");
    expect(operator.email).toBe("operator@example.org");
    expect(operator).toHaveProperty("expiration", null); // a field the SDK does not name, kept
    expect(await admin.getUsers(operator.id)).toEqual(operator);
  });

  it("round trip: create, list, update (answering the old details), get, delete, then 404", async () => {
    const created = await admin.createUser({
      name: "energy.analyst",
      email: "analyst@example.org",
      role: "Viewer",
    });
    expect(created).toMatchObject({ name: "energy.analyst", role: "Viewer" });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await admin.getUsers()).map((u) => u.id)).toContain(created.id);

    const answer = await admin.updateUser({ ...created, role: "Guest", email: "a@example.org" });
    expect(answer).toEqual(created); // DCS answers with the previous details, not the new ones
    expect(await admin.getUsers(created.id)).toMatchObject({
      role: "Guest",
      email: "a@example.org",
    });

    expect(await admin.deleteUser(created.id)).toBeUndefined();
    await expect(admin.getUsers(created.id)).rejects.toBeInstanceOf(DcsNotFoundError);
    await expect(admin.deleteUser(created.id)).rejects.toBeInstanceOf(DcsNotFoundError);
    await expect(admin.updateUser(created)).rejects.toBeInstanceOf(DcsNotFoundError);
  });

  it("is for Administrators: a Viewer gets DcsForbiddenError from every user function", async () => {
    const [someone] = await admin.getUsers();
    const calls = [
      () => viewer.getUsers(),
      () => viewer.getUsers(someone!.id),
      () => viewer.createUser({ name: "x", email: "x@example.org", role: "Viewer" }),
      () => viewer.updateUser(someone!),
      () => viewer.deleteUser(someone!.id),
    ];
    for (const call of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DcsForbiddenError);
      expect((error as DcsForbiddenError).details).toMatch(/Viewer role/);
    }
    expect(await admin.getUsers(someone!.id)).toEqual(someone); // nothing changed
  });

  it("bad input is a DcsBadRequestError with the server's details, and never shows a password", async () => {
    const cases: [Parameters<DcsSession["createUser"]>[0], RegExp][] = [
      [{ name: "semi;colon", email: "x@example.org", role: "Viewer" }, /a\.\.z/],
      [{ name: "operator", email: "x@example.org", role: "Viewer" }, /already exists/],
      [{ name: "someone", email: "x@example.org", role: "Superuser" }, /role/],
    ];
    for (const [user, details] of cases) {
      const error = await admin.createUser(user).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DcsBadRequestError);
      expect((error as DcsBadRequestError).details).toMatch(details);
      for (const { password } of DEFAULT_USERS) {
        expect(`${error} ${(error as Error).stack} ${JSON.stringify(error)}`).not.toContain(
          password,
        );
      }
    }
    const operator = (await admin.getUsers()).find((u) => u.name === "operator")!;
    await expect(admin.updateUser({ ...operator, name: "renamed" })).rejects.toThrow(
      /cannot be changed/,
    );
  });

  it("checks its arguments before sending anything", async () => {
    const calls = [
      () => admin.getUsers("../meters"),
      () => admin.getUsers(""),
      () => admin.deleteUser("a/b"),
      () => admin.deleteUser(42 as unknown as string),
      () => admin.createUser(null as never),
      () => admin.updateUser({ name: "x", email: "x@example.org", role: "Viewer" } as User),
    ];
    for (const call of calls) await expect(call()).rejects.toBeInstanceOf(DcsArgumentError);
  });
});

describe("DcsSession: restriction profiles", () => {
  it("lists the meter and IDC restriction profiles, which users refer to by id", async () => {
    const meterProfiles = await admin.getMeterRestrictions();
    const restricted = (await admin.getUsers()).find((u) => u.name === "restricted")!;
    const profile = meterProfiles.find((p) => p.id === restricted.meterRestrictionProfileId);
    expect(profile).toMatchObject({ name: "First 3 meters", defaultAccess: "Denied" });
    const idcProfiles = await admin.getIdcRestrictions();
    expect(idcProfiles.map((p) => p.name)).toEqual(["All IDCs"]);
    // Viewers may view the administration functions other than the users table.
    expect(await viewer.getMeterRestrictions()).toEqual(meterProfiles);
  });
});

describe("metersFromGroup", () => {
  it("from the root gives the meters of getMeters(); from a group, those of its subtree", async () => {
    const tree = await admin.getMeterTree();
    const ids = (group: MeterGroup) => metersFromGroup(group).map((m) => m.id);
    const all = (await admin.getMeters()).map((m) => m.id);
    expect(ids(tree).sort()).toEqual(all.sort());
    const sub = tree.meterGroups!.find((g) => (g.meterGroups ?? []).length > 0)!;
    const subtree = await admin.getMeterTree({ id: sub.id });
    expect(ids(sub)).toEqual(ids(subtree));
    expect(ids(sub).length).toBeLessThan(all.length);
    // No shared default list: a second call starts empty, as the first did.
    expect(ids(tree)).toEqual(ids(tree));
  });
});
