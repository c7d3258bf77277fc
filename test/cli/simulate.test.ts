/**
 * `dcs simulate`, run in this process as the `dcs` executable runs it, with its own stdout and
 * stderr, against real HTTP on 127.0.0.1.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/context.js";
import type { RunningDcsSimulator } from "../../src/simulator/index.js";
import { runCliHere } from "./run-dcs.js";
import { FakeTerminal } from "./terminal.js";

function simulate(args: string[], more: Partial<CliIo> = {}) {
  const stdout = new FakeTerminal(200);
  const stderr = new FakeTerminal(200);
  const done = runCliHere({
    argv: ["simulate", ...args],
    env: {},
    stdin: Readable.from([]),
    stdout,
    stderr,
    ...more,
  });
  return { stdout, stderr, done };
}

describe("dcs simulate", () => {
  it("starts with the options given, prints its URLs and users, and stops on a signal", async () => {
    const controller = new AbortController();
    let server: RunningDcsSimulator | undefined;
    const { stdout, done: running } = simulate(
      [
        "--port",
        "0",
        "--meters",
        "4",
        "--seed",
        "3",
        "--rate-limit",
        "50",
        "--range-limit-days",
        "31",
        "--token-lifetime-seconds",
        "60",
        "--max-sessions",
        "1",
        "--provisional-hours",
        "24",
      ],
      {
        signal: controller.signal,
        onSimulatorListening: (s) => {
          server = s;
        },
      },
    );
    for (let waited = 0; !server; waited += 5) {
      if (waited > 5000) throw new Error("the simulator did not start");
      await new Promise((r) => setTimeout(r, 5));
    }
    const text = () => stdout.text;
    expect(text()).toMatch(
      /^DCS simulator listening\n {2}current API: http:\/\/127\.0\.0\.1:\d+\/DCSWebApi\n {2}legacy API: {2}http:\/\/127\.0\.0\.1:\d+\/DCS\n/,
    );
    expect(text()).toContain(
      "users: user/password (Viewer), operator/operator-password (Operator), restricted/restricted-password (Viewer, first 3 meters only), admin/admin-password (Administrator)",
    );
    const meters = await fetch(`${server.webApiUrl}/public/meters`);
    expect(meters.headers.get("x-rate-limit-limit")).toBe("1s");
    expect(await meters.json()).toHaveLength(4);
    const long = await fetch(
      `${server.webApiUrl}/public/readings?id=R${server.simulator.estate.meters[0]!.registers[0]!.id}&startTime=2024-01-01T00:00:00Z&periodCount=32&periodType=day`,
    );
    expect(long.status).toBe(400);
    // The last 24 hours are estimates (interpolated, so only with interpolated=true), the hours
    // before them real.
    const register = server.simulator.estate.meters[0]!.registers.find((r) => !r.isInstantaneous)!;
    const sixHoursAgo = new Date(Math.floor((Date.now() - 6 * 3_600_000) / 1_800_000) * 1_800_000);
    const twoDaysAgo = new Date(sixHoursAgo.getTime() - 42 * 3_600_000);
    const statuses = async (from: Date, interpolated = false) => {
      const reply = await fetch(
        `${server!.webApiUrl}/public/readings?id=R${register.id}&startTime=${from.toISOString()}&periodCount=4&interpolated=${interpolated}`,
      );
      const body = (await reply.json()) as { readings: { status: number }[] };
      return body.readings.map((r) => r.status & 1);
    };
    expect(await statuses(sixHoursAgo, true)).toEqual([1, 1, 1, 1]);
    expect(await statuses(sixHoursAgo)).toEqual([]);
    expect(await statuses(twoDaysAgo)).toEqual([0, 0, 0, 0]);
    const signIn = async () => {
      const reply = await fetch(`${server!.webApiUrl}/authentication/signin`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "user", password: "password" }),
      });
      await reply.text();
      return reply.headers.getSetCookie()[0]!.split(";")[0]!;
    };
    const first = await signIn();
    const second = await signIn(); // only one session is kept
    const status = async (cookie: string) => {
      const reply = await fetch(`${server!.webApiUrl}/meters`, { headers: { cookie } });
      await reply.text();
      return reply.status;
    };
    expect(await status(first)).toBe(401);
    expect(await status(second)).toBe(200);
    controller.abort();
    await running;
    expect(text()).toMatch(/DCS simulator stopped\n$/);
    expect(server.openConnections()).toBe(0);
  });

  it("prints help, and refuses bad options as wrong usage (exit 2)", async () => {
    const help = simulate(["--help"]);
    expect(await help.done).toBe(0);
    expect(help.stdout.text).toMatch(/^Usage: dcs simulate/);
    const port = simulate(["--port", "x"]);
    expect(await port.done).toBe(2);
    expect(port.stderr.text).toMatch(/--port needs a whole number/);
    const colour = simulate(["--colour"]);
    expect(await colour.done).toBe(2);
    expect(colour.stderr.text).toMatch(/unknown option '--colour'/i);
  });

  it("dcs help simulate and dcs simulate --help give the same help, with every option and the accounts", async () => {
    const own = simulate(["--help"]);
    await own.done;
    const stdout = new FakeTerminal(200);
    const code = await runCliHere({
      argv: ["help", "simulate"],
      env: {},
      stdin: Readable.from([]),
      stdout,
      stderr: new FakeTerminal(200),
    });
    expect(code).toBe(0);
    expect(stdout.text).toBe(own.stdout.text);
    for (const option of [
      "port",
      "host",
      "meters",
      "seed",
      "rate-limit",
      "range-limit-days",
      "token-lifetime-seconds",
      "max-sessions",
    ]) {
      expect(stdout.text).toMatch(new RegExp(`--${option} <\\w+>\\s+\\w`));
    }
    expect(stdout.text).toContain("operator/operator-password (Operator)");
  });
});
