// The simulator for `npm run bench:sync`, in a process of its own so that serving readings
// does not share a core (or a heap) with the client being measured. Prints one JSON line with
// its URLs and the job's registers, then serves until its stdin closes or it is signalled.
//
//   node bench/sync-server.mjs '{"dataStart": "2005-01-01", "dataEnd": "2025-01-01", "registers": 10}'
import { startDcsSimulator } from "../dist/simulator.js";

const spec = JSON.parse(process.argv[2] ?? "{}");
const server = await startDcsSimulator({
  port: 0,
  dataStart: spec.dataStart,
  dataEnd: spec.dataEnd,
  tokenLifetimeMs: 24 * 3_600_000, // the whole bench on one sign-in per run
  // Gzip on, the simulator's default and a real server's habit: pythondcs's legacy reader
  // needs a Content-Encoding header (it indexes reply.headers["content-encoding"]).
  gzip: true,
});
// The first cumulative registers of the estate, as an energy manager's list of ids would be.
const registers = server.simulator.estate.meters
  .flatMap((m) => m.registers)
  .filter((r) => !r.isInstantaneous)
  .slice(0, spec.registers ?? 10)
  .map((r) => r.id);
process.stdout.write(
  `${JSON.stringify({ webApiUrl: server.webApiUrl, v3Url: server.v3Url, registers })}\n`,
);
const stop = () => server.close().then(() => process.exit(0));
process.stdin.on("end", stop).resume();
process.on("SIGTERM", stop);
