#!/usr/bin/env bash
# Packs the package as npm would publish it, checks it with publint and
# @arethetypeswrong/cli, installs it into an empty project as a user would (few packages, no
# native build), imports both the ESM and CJS entries there in plain Node, and type-checks a
# strict user project against it (test/package/fixtures/strict-consumer).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

# What `npm install coherent-dcs` may bring, the package itself included.
MAX_PACKAGES=7

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -f dist/index.js ] || npm run -s build
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
echo "packed $tarball"

npx --no-install publint run "$work/$tarball" --strict
npx --no-install attw "$work/$tarball" --profile node16 --format table-flipped

# Import the tarball from a fresh project, both module systems.
mkdir -p "$work/consumer"
cd "$work/consumer"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "$work/$tarball" >/dev/null

# Few packages, none of them built on install: no install scripts, no node-gyp, no .node binary.
# zod and commander are bundled into dist/, so a user never installs them.
node -e '
  const { execFileSync } = require("node:child_process");
  const { existsSync, readFileSync } = require("node:fs");
  const dirs = execFileSync("npm", ["ls", "--all", "--parseable"], { encoding: "utf8" })
    .trim().split("\n").slice(1);
  const names = dirs.map((dir) => JSON.parse(readFileSync(`${dir}/package.json`, "utf8")).name);
  console.log(`installed ${names.length} packages: ${names.join(", ")}`);
  if (names.length > Number(process.argv[1])) throw new Error(`more than ${process.argv[1]} packages`);
  for (const bundled of ["zod", "commander"]) {
    if (names.includes(bundled)) throw new Error(`${bundled} is installed: it should be bundled`);
  }
  for (const dir of dirs) {
    const { name, scripts = {}, gypfile } = JSON.parse(readFileSync(`${dir}/package.json`, "utf8"));
    const builds = ["preinstall", "install", "postinstall"].filter((s) => scripts[s]);
    if (builds.length > 0 || gypfile || existsSync(`${dir}/binding.gyp`)) {
      throw new Error(`${name} builds on install (${builds.join(", ") || "node-gyp"})`);
    }
  }
  console.log("no package builds native code");
' "$MAX_PACKAGES"
node --input-type=module -e '
  import { DcsWebApi, DcsSession, ReadingStatus } from "coherent-dcs";
  import { createDcsSimulator } from "coherent-dcs/simulator";
  if (typeof DcsWebApi !== "function" || typeof DcsSession !== "function") throw new Error("ESM exports missing");
  if (ReadingStatus.Interpolated !== 1 || ReadingStatus.Reset !== 2) throw new Error("ReadingStatus wrong");
  if (typeof createDcsSimulator !== "function") throw new Error("simulator ESM export missing");
  // Node gets the build whose requests go over node:http.
  if (!import.meta.resolve("coherent-dcs").endsWith("/dist/node.js")) throw new Error("ESM: not the Node build");
  console.log("ESM import ok");
'
# coherent-dcs/sync loads without its optional drivers, and names the one to install.
node --input-type=module -e '
  import { openStore, syncReadings } from "coherent-dcs/sync";
  if (typeof syncReadings !== "function") throw new Error("sync ESM export missing");
  const refused = await openStore("x.db").then(() => undefined, (e) => e);
  if (!refused || refused.name !== "SyncStoreError" || !/npm install better-sqlite3@12/.test(refused.message)) {
    throw new Error(`without better-sqlite3, openStore should name it: ${refused}`);
  }
  console.log("sync import ok, asks for its driver by name");
'
node -e '
  const { DcsWebApi, DcsSession, ReadingStatus } = require("coherent-dcs");
  const { createDcsSimulator } = require("coherent-dcs/simulator");
  if (typeof DcsWebApi !== "function" || typeof DcsSession !== "function") throw new Error("CJS exports missing");
  if (ReadingStatus.Reset !== 2 || typeof createDcsSimulator !== "function") throw new Error("CJS exports wrong");
  if (!require.resolve("coherent-dcs").endsWith("/dist/node.cjs")) throw new Error("CJS: not the Node build");
  console.log("CJS require ok");
'
node_modules/.bin/dcs --version >/dev/null
echo "dcs bin ok"

# A strict user project (es2022 + dom, no @types/node, skipLibCheck false) compiles against the
# installed package, and on esnext `await using` works.
cp "$repo"/test/package/fixtures/strict-consumer/*.ts "$repo"/test/package/fixtures/strict-consumer/*.json .
npm pkg set type=module
for tsconfig in tsconfig.json tsconfig.esnext.json; do
  node "$repo/node_modules/typescript/bin/tsc" -p "$tsconfig"
done
echo "strict TypeScript project ok"
echo "package check passed"
