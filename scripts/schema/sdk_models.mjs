// Reads the API models that the Databricks JavaScript SDK ships as TypeScript declarations
// (dist/apis/<service>/model.d.ts): interfaces with their fields, and enums written as
// unions of string literals. Doc comments are dropped on purpose: the schema's descriptions
// are our own (resources/schemas/overlay/descriptions/).
import { readFileSync } from "node:fs";
import { join } from "node:path";

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

// One field type as written in a declaration: "string", "Array<Task>", "compute.ClusterSpec",
// "Record<string, string>" become a small tree {kind, ...}.
export function parseType(text, service) {
  const type = text.trim();
  let match;
  if (["string", "number", "boolean", "any"].includes(type)) return { kind: type };
  if ((match = /^Array<(.+)>$/.exec(type))) return { kind: "array", item: parseType(match[1], service) };
  if ((match = /^Record<string,\s*(.+)>$/.exec(type))) return { kind: "map", value: parseType(match[1], service) };
  if ((match = /^(?:(\w+)\.)?(\w+)$/.exec(type))) return { kind: "named", name: `${match[1] ?? service}.${match[2]}` };
  throw new Error(`unsupported field type in the ${service} models: ${type}`);
}

function parseService(text, service, models) {
  const code = stripComments(text);
  for (const [, name, body] of code.matchAll(/export type (\w+) =([^;]*);/g)) {
    const values = [...body.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    if (values.length > 0) models.enums.set(`${service}.${name}`, values);
  }
  for (const [, name, body] of code.matchAll(/export interface (\w+)\s*\{([^}]*)\}/g)) {
    const fields = [];
    for (const [, field, optional, type] of body.matchAll(/(\w+)(\?)?:\s*([^;]+);/g)) {
      fields.push({ name: field, required: optional !== "?", type: parseType(type, service) });
    }
    models.interfaces.set(`${service}.${name}`, fields);
  }
}

// All models of the given services, keyed "service.Name".
export function readSdkModels(sdkDir, services) {
  const models = { interfaces: new Map(), enums: new Map(), version: "" };
  models.version = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8")).version;
  for (const service of services) {
    const text = readFileSync(join(sdkDir, "dist", "apis", service, "model.d.ts"), "utf8");
    parseService(text, service, models);
  }
  return models;
}
