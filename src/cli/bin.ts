/** The `dcs` executable: runs the command line on this process's streams. */
import { useNodeHttp } from "../transport/node-http.js";
import { runCli } from "./main.js";

useNodeHttp();

const code = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
