/**
 * The public types as users get them (dist/*.d.ts): they import no package, so a user needs
 * nothing installed for them, and they are the spec's own shapes, so what an editor shows on
 * hover for each field is that field's description in spec/*.yaml.
 */
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const DECLARATIONS = ["dist/index.d.ts", "dist/index.d.cts", "dist/simulator.d.ts"];

/** Each exported type and the spec schema it is. */
const FROM_SPEC: Record<string, [spec: "dcs-webapi" | "dcs-v3", schema: string]> = {
  SignInResult: ["dcs-webapi", "SignInResult"],
  Register: ["dcs-webapi", "Register"],
  Meter: ["dcs-webapi", "Meter"],
  RegisterAlias: ["dcs-webapi", "RegisterAlias"],
  VirtualMeter: ["dcs-webapi", "VirtualMeter"],
  StandardReading: ["dcs-webapi", "StandardReading"],
  CompleteReading: ["dcs-webapi", "CompleteReading"],
  LegacyReading: ["dcs-v3", "LegacyReading"],
  MeterSummary: ["dcs-v3", "MeterSummary"],
  MeterGroup: ["dcs-v3", "MeterGroup"],
  Idc: ["dcs-v3", "Idc"],
  ModbusDevice: ["dcs-v3", "ModbusDevice"],
  CalibrationReading: ["dcs-v3", "CalibrationReading"],
  RegisterType: ["dcs-v3", "RegisterType"],
  MeterType: ["dcs-v3", "MeterType"],
};

type Properties = Record<string, { description?: string }>;
const schemas = Object.fromEntries(
  ["dcs-webapi", "dcs-v3"].map((name) => [
    name,
    parse(readFileSync(`spec/${name}.yaml`, "utf8")).components.schemas as Record<
      string,
      { properties?: Properties }
    >,
  ]),
);

const words = (text: string) => text.replace(/\s+/g, " ").trim();

/** What an editor shows for a symbol: its documentation and its JSDoc tags, as plain text. */
function hoverText(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker));
  const tags = symbol
    .getJsDocTags(checker)
    .map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text)}`);
  return words([doc, ...tags].join(" "));
}

describe("public types in dist/", () => {
  it("the type declarations import no package", () => {
    for (const file of DECLARATIONS) {
      const imports = [...readFileSync(file, "utf8").matchAll(/\bfrom\s+["']([^"']+)["']/g)];
      expect(
        imports.map((m) => m[1]).filter((specifier) => !specifier?.startsWith(".")),
        file,
      ).toEqual([]);
    }
  });

  it("hover text of every field is its description in the spec", () => {
    const program = ts.createProgram(["dist/index.d.ts"], {
      strict: true,
      noEmit: true,
      types: [],
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.esnext.disposable.d.ts"],
    });
    const checker = program.getTypeChecker();
    const entry = checker.getSymbolAtLocation(program.getSourceFile("dist/index.d.ts")!)!;
    const exports = new Map(checker.getExportsOfModule(entry).map((s) => [s.name, s]));
    const missing: string[] = [];
    for (const [name, [spec, schema]] of Object.entries(FROM_SPEC)) {
      const symbol = exports.get(name);
      expect(symbol, name).toBeDefined();
      const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol!));
      for (const [field, { description }] of Object.entries(schemas[spec]![schema]!.properties!)) {
        if (!description) continue;
        const property = checker.getPropertyOfType(type, field);
        const shown = property ? hoverText(property, checker) : "(no such field)";
        if (!shown.includes(words(description))) missing.push(`${name}.${field}: ${shown}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
