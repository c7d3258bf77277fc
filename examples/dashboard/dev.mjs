// `npm run dashboard`: the dashboard's Vite dev server plus a simulator that allows it by CORS.
// Vite starts first so the simulator can allow exactly the dev server's origin. Like the page,
// the simulator comes from this repository's source (through Vite), so nothing needs building.
import { fileURLToPath } from "node:url";
import { createServer } from "vite";

const source = (path) => fileURLToPath(new URL(path, import.meta.url));

const vite = await createServer({
  configFile: source("./vite.config.ts"),
  server: { port: Number(process.env.DASHBOARD_PORT ?? 5173) },
});
await vite.listen();
const address = vite.httpServer?.address();
const port = typeof address === "object" && address ? address.port : 5173;
// 127.0.0.1 for both: same site, so the simulator's SameSite=Lax session cookie is sent.
const origin = `http://127.0.0.1:${port}`;

const { startDcsSimulator } = await vite.ssrLoadModule(source("../../src/simulator/index.ts"));
const simulator = await startDcsSimulator({
  port: Number(process.env.DCS_SIMULATOR_PORT ?? 0),
  cors: { origins: [origin] },
});

console.log(`DCS simulator: ${simulator.webApiUrl}`);
console.log(`Dashboard:     ${origin}/?server=${encodeURIComponent(simulator.webApiUrl)}`);
console.log("Sign in with a simulator account (see examples/dashboard/README.md) or leave the");
console.log("user empty for public mode. Ctrl-C stops both.");

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([vite.close(), simulator.close()]);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
