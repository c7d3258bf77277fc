#!/usr/bin/env bash
# Packs the package as npm would publish it, checks it with publint and
# @arethetypeswrong/cli, and imports both the ESM and CJS entries from a temp
# project in plain Node.
set -euo pipefail
cd "$(dirname "$0")/.."

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
node -e '
  const { DcsWebApi, DcsSession, ReadingStatus } = require("coherent-dcs");
  const { createDcsSimulator } = require("coherent-dcs/simulator");
  if (typeof DcsWebApi !== "function" || typeof DcsSession !== "function") throw new Error("CJS exports missing");
  if (ReadingStatus.Reset !== 2 || typeof createDcsSimulator !== "function") throw new Error("CJS exports wrong");
  if (!require.resolve("coherent-dcs").endsWith("/dist/node.cjs")) throw new Error("CJS: not the Node build");
  console.log("CJS require ok");
'
[ -x node_modules/.bin/dcs ] && node_modules/.bin/dcs --version >/dev/null && echo "dcs bin ok"
echo "package check passed"
