/**
 * The `dcs` executable: runs the command line on this process's streams. The CLI imports the
 * SDK through its Node entry, so requests go out on node:http.
 */
import { runCli } from "./main.js";

const code = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
