/**
 * `DcsSession.importMeteredData` against the simulator over loopback HTTP: what it sends, what
 * the readings of both APIs show afterwards, and its typed errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DcsArgumentError,
  DcsBadRequestError,
  DcsForbiddenError,
  DcsSession,
  DcsWebApi,
  toMeteredDataCsv,
} from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";

const ADMIN_SECRET = 'Adm1n-secret-%&"<x>';
const VIEWER_SECRET = "V1ewer-secret-XYZ";
let server: RunningDcsSimulator;
let registerId: number;
/** The bodies of the import requests sent, as the server received them. */
const sent: { method: string; path: string; body: unknown }[] = [];

beforeAll(async () => {
  server = await startDcsSimulator({
    port: 0,
    users: [
      { username: "admin", password: ADMIN_SECRET, role: "Administrator" },
      { username: "viewer", password: VIEWER_SECRET, role: "Viewer" },
    ],
    publicUser: "viewer",
  });
  const meters = await new DcsWebApi(server.webApiUrl).meters();
  registerId = meters[0]!.registers.find((r) => !r.isInstantaneous)!.id;
});

afterAll(() => server.close());

/** A session whose import requests are recorded on their way to the simulator. */
async function session(username: string, password: string): Promise<DcsSession> {
  const s = new DcsSession(server.v3Url, {
    fetch: async (request) => {
      const path = new URL(request.url).pathname;
      if (path.toLowerCase().includes("import")) {
        sent.push({ method: request.method, path, body: await request.clone().json() });
      }
      return fetch(request);
    },
  });
  await s.login(username, password);
  return s;
}

const readingsOf = [
  { timestamp: new Date("2024-05-01T12:00:00Z"), totalValue: 123.5, periodValue: 0.75 },
  { timestamp: new Date("2024-05-01T12:30:00Z"), totalValue: 124.25, periodValue: 1 },
];

describe("DcsSession.importMeteredData", () => {
  it("sends the file to POST /api/registerReadings/import with plugin 1; both APIs then show it", async () => {
    await using admin = await session("admin", ADMIN_SECRET);
    sent.length = 0;
    await expect(
      admin.importMeteredData(toMeteredDataCsv(readingsOf, { registerId })),
    ).resolves.toBeUndefined();
    expect(sent).toEqual([
      {
        method: "POST",
        path: "/DCS/api/registerReadings/import",
        body: { dataImportPluginId: 1, data: toMeteredDataCsv(readingsOf, { registerId }) },
      },
    ]);

    const legacy = await admin.getReadings(registerId, false, {
      start: "2024-05-01T12:00:00Z",
      end: "2024-05-01T13:00:00Z",
    });
    expect(legacy.map((r) => [r.startTime.toISOString(), r.totalValue, r.periodValue])).toEqual([
      ["2024-05-01T12:00:00.000Z", 123.5, 0.75],
      ["2024-05-01T12:30:00.000Z", 124.25, 1],
    ]);
    const current = await new DcsWebApi(server.webApiUrl).readings(`R${registerId}`, {
      startTime: "2024-05-01T12:00:00Z",
      periodCount: 2,
      format: "complete",
    });
    expect(await current.readings.toArray()).toEqual(readingsOf.map((r) => ({ ...r, status: 0 })));
  });

  it("sends another plugin's id when given one", async () => {
    await using admin = await session("admin", ADMIN_SECRET);
    sent.length = 0;
    const error = await admin.importMeteredData("x", { pluginId: 7 }).catch((e) => e);
    expect(error).toBeInstanceOf(DcsBadRequestError); // the simulator has plugin 1 only
    expect(sent[0]?.body).toEqual({ dataImportPluginId: 7, data: "x" });
  });

  it("is DcsForbiddenError for a Viewer and DcsBadRequestError with the server's words for a bad file, never naming a password", async () => {
    await using viewer = await session("viewer", VIEWER_SECRET);
    const csv = toMeteredDataCsv(readingsOf, { registerId });
    const forbidden = await viewer.importMeteredData(csv).catch((e) => e);
    expect(forbidden).toBeInstanceOf(DcsForbiddenError);
    expect(forbidden.status).toBe(403);
    expect(forbidden.details).toMatch(/Administrator/);

    await using admin = await session("admin", ADMIN_SECRET);
    const bad = `${csv}${registerId},31/13/2024,00:00:00,30,1,1\n`;
    const refused = await admin.importMeteredData(bad).catch((e) => e);
    expect(refused).toBeInstanceOf(DcsBadRequestError);
    expect(refused.details).toMatch(/row 4: Date "31\/13\/2024" is not a date/);
    for (const error of [forbidden, refused]) {
      const text = `${error} ${error.stack} ${JSON.stringify(error)} ${error.details}`;
      expect(text).not.toContain(ADMIN_SECRET);
      expect(text).not.toContain(VIEWER_SECRET);
    }
  });

  it("refuses a file that is not text, or a plugin id that is not an id, before sending anything", async () => {
    await using admin = await session("admin", ADMIN_SECRET);
    sent.length = 0;
    await expect(admin.importMeteredData(42 as unknown as string)).rejects.toBeInstanceOf(
      DcsArgumentError,
    );
    await expect(admin.importMeteredData("x", { pluginId: -1 })).rejects.toBeInstanceOf(
      DcsArgumentError,
    );
    expect(sent).toEqual([]);
  });
});
