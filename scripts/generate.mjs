#!/usr/bin/env node
// Compiles the hand-written OpenAPI descriptions in spec/ to TypeScript types in src/generated/.
//
//   npm run generate               write src/generated/*.ts
//   npm run generate -- --check    write nothing; exit 1 if the committed files are stale (CI)
//
// The output depends only on the spec files and the installed openapi-typescript version
// (no timestamps, no absolute paths), so running it twice gives identical files.

import { mkdir, readFile, writeFile } from "node:fs/promises";
import openapiTS, {
  astToString,
  STRING,
  tsIntersection,
  tsLiteral,
  tsUnion,
} from "openapi-typescript";
import ts from "typescript";

const root = new URL("../", import.meta.url);

/** Each spec and the file its types go to. */
const targets = [
  { spec: "spec/dcs-webapi.yaml", out: "src/generated/dcs-webapi.ts" },
  { spec: "spec/dcs-v3.yaml", out: "src/generated/dcs-v3.ts" },
];

/**
 * openapi-typescript options, chosen deliberately:
 * - additionalProperties: false (the default). The specs say `additionalProperties: true` on
 *   every response object themselves, which already yields `[key: string]: unknown`; request
 *   bodies stay closed so that a typo in a body is a type error.
 * - enum: false (the default). Enums stay string-literal unions ("halfHour" | "hour" | ...),
 *   which need no runtime object and match what callers write.
 * - defaultNonNullable: false. With true, a schema property that has a `default` is typed as
 *   always present. The defaults in these specs describe what the server assumes when a
 *   value is absent, never a promise that it is present, so keep them optional. (Today only
 *   query parameters carry defaults, which stay optional either way.)
 * - alphabetize: false. Keep the order of the spec, which groups related things.
 * - silent: true. Keep CI output to the script's own messages.
 * - transform: openEnum below.
 */
const options = {
  additionalProperties: false,
  enum: false,
  defaultNonNullable: false,
  alphabetize: false,
  silent: true,
  transform: openEnum,
};

/**
 * An open enum: `anyOf` a string enum and any string, the spec's way of saying "these values
 * are documented, others may come". Typed `"a" | "b" | (string & {})` rather than the plain
 * `string` TypeScript reduces the union to, so editors still offer the documented values.
 */
function openEnum(schema) {
  const [known, other] = schema.anyOf ?? [];
  const isOpen =
    schema.anyOf?.length === 2 &&
    known?.type === "string" &&
    Array.isArray(known.enum) &&
    other?.type === "string" &&
    other.enum === undefined;
  if (!isOpen) return undefined;
  const anyString = tsIntersection([STRING, ts.factory.createTypeLiteralNode([])]);
  return tsUnion([...known.enum.map((value) => tsLiteral(value)), anyString]);
}

async function render({ spec }) {
  const ast = await openapiTS(new URL(spec, root), options);
  const header = [
    "/**",
    ` * Generated from ${spec} by \`npm run generate\`. Do not edit by hand.`,
    " */",
    "",
    "",
  ].join("\n");
  return header + astToString(ast);
}

async function readIfExists(url) {
  try {
    return await readFile(url, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return undefined;
    throw error;
  }
}

async function main() {
  const check = process.argv.slice(2).includes("--check");
  const stale = [];
  for (const target of targets) {
    const url = new URL(target.out, root);
    const text = await render(target);
    if (check) {
      // A Windows checkout with core.autocrlf may hold CRLF line ends: not a real difference.
      const current = (await readIfExists(url))?.replace(/\r\n/g, "\n");
      if (current !== text) stale.push(target);
    } else {
      await mkdir(new URL(".", url), { recursive: true });
      await writeFile(url, text);
      console.log(`wrote ${target.out}`);
    }
  }
  if (check) {
    if (stale.length > 0) {
      for (const { spec, out } of stale) {
        console.error(`${out} is out of date with ${spec} (or missing).`);
      }
      console.error("Run `npm run generate` and commit the result.");
      process.exit(1);
    }
    console.log(`src/generated is up to date with spec/ (${targets.length} files checked).`);
  }
}

main().catch((error) => {
  console.error(`generate: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
