import { describe, expect, it } from "vitest";
import { Accounts } from "../../src/simulator/auth.js";
import { createDcsSimulator, DEFAULT_USERS } from "../../src/simulator/index.js";
import { call, login, signIn } from "./helpers.js";

const HOUR = 3_600_000;

describe("simulator sessions", () => {
  it("holds at most maxSessions: 40,000 sign-ins keep 10,000, the newest", () => {
    const accounts = new Accounts(DEFAULT_USERS, HOUR, [], 10_000);
    const now = Date.UTC(2024, 0, 1);
    const tokens: string[] = [];
    for (let i = 0; i < 40_000; i++) tokens.push(accounts.issue("webapi", "user", now));
    expect(accounts.size).toBe(10_000);
    expect(accounts.lookup("webapi", tokens[39_999], now)?.username).toBe("user");
    expect(accounts.lookup("webapi", tokens[30_000], now)?.username).toBe("user");
    expect(accounts.lookup("webapi", tokens[29_999], now)).toBeUndefined();
    expect(accounts.lookup("webapi", tokens[0], now)).toBeUndefined();
  });

  it("drops expired sessions when new ones are issued, not only when they are used", () => {
    const accounts = new Accounts(DEFAULT_USERS, HOUR, [], 10_000);
    const start = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 1_000; i++) accounts.issue("v3", "operator", start + i);
    expect(accounts.size).toBe(1_000);
    accounts.issue("webapi", "user", start + HOUR + 500); // the first 501 have expired by now
    expect(accounts.size).toBe(500);
    accounts.issue("webapi", "user", start + 2 * HOUR);
    expect(accounts.size).toBe(2);
  });

  it("answers 401 to a token evicted by newer sign-ins, of either API", async () => {
    const sim = createDcsSimulator({ maxSessions: 3 });
    const first = await signIn(sim);
    const second = await login(sim);
    const newer = [await signIn(sim), await signIn(sim), await signIn(sim)];
    expect((await call(sim, "/DCSWebApi/meters", { cookie: first })).status).toBe(401);
    expect((await call(sim, "/DCS/api/meters", { cookie: second })).status).toBe(401);
    for (const cookie of newer) {
      expect((await call(sim, "/DCSWebApi/meters", { cookie })).status).toBe(200);
    }
  });

  it("answers 401 to an expired token even while the store is below its cap", async () => {
    let now = Date.UTC(2024, 0, 1);
    const sim = createDcsSimulator({ tokenLifetimeMs: HOUR, clock: { now: () => now } });
    const cookie = await signIn(sim);
    now += HOUR;
    expect((await call(sim, "/DCSWebApi/meters", { cookie })).status).toBe(401);
  });

  it("refuses a maxSessions that is not a whole number of at least 1", () => {
    for (const maxSessions of [0, -1, 1.5, Number.NaN]) {
      expect(() => createDcsSimulator({ maxSessions })).toThrow(/maxSessions/);
    }
  });
});
