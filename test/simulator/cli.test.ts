import { describe, expect, it } from "vitest";
import { runSimulatorCli } from "../../src/simulator/cli.js";
import type { RunningDcsSimulator } from "../../src/simulator/index.js";

describe("dcs simulate", () => {
  it("starts with the options given, prints its URLs and users, and stops on a signal", async () => {
    let text = "";
    const controller = new AbortController();
    let server: RunningDcsSimulator | undefined;
    const running = runSimulatorCli(
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
      ],
      {
        stdout: { write: (s: string) => (text += s) },
        signal: controller.signal,
        onListening: (s) => {
          server = s;
        },
      },
    );
    while (!server) await new Promise((r) => setTimeout(r, 5));
    expect(text).toMatch(
      /^DCS simulator listening\n {2}current API: http:\/\/127\.0\.0\.1:\d+\/DCSWebApi\n {2}legacy API: {2}http:\/\/127\.0\.0\.1:\d+\/DCS\n/,
    );
    expect(text).toContain(
      "users: user/password (Viewer), operator/operator-password (Operator), restricted/restricted-password (Viewer, first 3 meters only)",
    );
    const meters = await fetch(`${server.webApiUrl}/public/meters`);
    expect(meters.headers.get("x-rate-limit-limit")).toBe("1s");
    expect(await meters.json()).toHaveLength(4);
    const long = await fetch(
      `${server.webApiUrl}/public/readings?id=R${server.simulator.estate.meters[0]!.registers[0]!.id}&startTime=2024-01-01T00:00:00Z&periodCount=32&periodType=day`,
    );
    expect(long.status).toBe(400);
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
    expect(text).toMatch(/DCS simulator stopped\n$/);
    expect(server.openConnections()).toBe(0);
  });

  it("prints help, and refuses bad options", async () => {
    let text = "";
    await runSimulatorCli(["--help"], { stdout: { write: (s: string) => (text += s) } });
    expect(text).toMatch(/^Usage: dcs simulate/);
    await expect(runSimulatorCli(["--port", "x"])).rejects.toThrow(/--port needs a whole number/);
    await expect(runSimulatorCli(["--colour"])).rejects.toThrow(/Unknown option/);
  });
});
