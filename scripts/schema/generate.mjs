#!/usr/bin/env node
// Writes resources/schemas/*.json from the API models of the pinned Databricks JavaScript SDK
// and the overlay we own (resources/schemas/overlay/):
//   overlay/<file>.json               {title, sdk: {def: "service.Model"}, defs: {...}, patch: {def: merge-patch}}
//   overlay/descriptions/<file>.json  {def: {"a.b": "description of property a.b"}}
// `sdk` roots become definitions (with every model they reach); `defs` are written by hand
// (bundle-only settings, fields newer than the SDK); a def {"$extends": other, ...} is a copy
// of `other` with the rest merged in; `patch` is an RFC 7386 merge patch (null removes).
// "x-cli-own-enum": true on a property marks an enum the Databricks CLI defines itself rather
// than taking it from the API (a secret scope's ACL level): the validator words its warning
// as the CLI does there, with the values in declared order and no line.
//
// Usage: node scripts/schema/generate.mjs [--sdk DIR] [--check]
//   --sdk    the installed @databricks/sdk-experimental (default: the one the tests install)
//   --check  write nothing; exit 1 and name the files that differ from what would be written
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readSdkModels } from "./sdk_models.mjs";
import { SchemaBuilder } from "./schema_builder.mjs";
import { mergePatch, applyDescriptions } from "./overlay.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const schemasDir = join(root, "resources", "schemas");
const overlayDir = join(schemasDir, "overlay");
const SERVICES = ["jobs", "compute", "pipelines", "catalog"];
// Files whose SDK roots are named first, so that shared models (compute.ClusterSpec) are
// named after the file that owns them rather than the first file that happens to use them.
const FIRST = ["common", "compute", "jobs", "pipelines"];

function parseArgs(argv) {
  const options = { sdk: join(root, "tests", "integration", "js", "node_modules", "@databricks", "sdk-experimental"), check: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--check") options.check = true;
    else if (argv[i] === "--sdk") options.sdk = argv[++i];
    else throw new Error(`unknown argument ${argv[i]} (usage: generate.mjs [--sdk DIR] [--check])`);
  }
  return options;
}

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

function overlayFiles() {
  const names = readdirSync(overlayDir).filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5)).sort();
  return [...FIRST.filter((n) => names.includes(n)), ...names.filter((n) => !FIRST.includes(n))];
}

// A def {"$extends": base, ...rest} becomes a copy of `base` (as patched and described) with
// `rest` merged in.
function resolveExtends(defs, all) {
  for (const [name, schema] of Object.entries(defs)) {
    if (!isExtension(schema)) continue;
    const { $extends: base, ...rest } = schema;
    if (!all[base] || isExtension(all[base])) throw new Error(`${name} extends ${base}, which is not a plain definition`);
    defs[name] = mergePatch(structuredClone(all[base]), rest);
  }
}

const isExtension = (schema) => schema && schema.$extends !== undefined;

// Joins the descriptions of overlay/descriptions/<file>.json into the definitions for which
// `chosen(name)` holds.
function describe(file, defs, chosen) {
  const path = join(overlayDir, "descriptions", `${file}.json`);
  if (!existsSync(path)) return;
  const some = Object.fromEntries(Object.entries(readJson(path)).filter(([name]) => chosen(name)));
  applyDescriptions(defs, some, `descriptions/${file}.json`);
}

// Every resource type also takes what the bundle format gives all resources (overlay/bundle.json
// "resource_base": the id and url the CLI fills in, lifecycle).
function addResourceBase(documents) {
  const bundle = documents.get("bundle");
  const types = bundle.defs["bundle.root"].properties.resources.properties;
  for (const [type, schema] of Object.entries(types)) {
    const name = schema.additionalProperties.$ref.replace("#/$defs/", "");
    const owner = [...documents.values()].find(({ defs }) => defs[name]);
    if (!owner) throw new Error(`resources.${type} refers to ${name}, which is not defined`);
    // A type's own field of the same name wins (external_locations has its own url); it only
    // borrows the base's description, which the type's descriptions file may still replace.
    const own = owner.defs[name].properties ?? {};
    const base = {};
    for (const [key, field] of Object.entries(bundle.overlay.resource_base.properties)) {
      base[key] = key in own ? { description: field.description } : field;
    }
    owner.defs[name] = mergePatch(owner.defs[name], { properties: base });
  }
}

export function generate(sdkDir) {
  const models = readSdkModels(sdkDir, SERVICES);
  const builder = new SchemaBuilder(models);
  const files = overlayFiles();
  const overlays = new Map(files.map((f) => [f, readJson(join(overlayDir, `${f}.json`))]));
  for (const file of files) builder.addRoots(file, overlays.get(file).sdk ?? {});

  // Stages, each over every file: definitions, patches, descriptions of plain definitions,
  // extensions (which copy those descriptions), descriptions of extensions.
  const documents = new Map();
  const all = {};
  for (const file of files) {
    const overlay = overlays.get(file);
    const defs = { ...builder.definitionsOf(file), ...structuredClone(overlay.defs ?? {}) };
    for (const [name, patch] of Object.entries(overlay.patch ?? {})) {
      if (!defs[name]) throw new Error(`overlay/${file}.json patches ${name}, which ${file}.json does not define`);
      defs[name] = mergePatch(defs[name], patch);
    }
    documents.set(file, { overlay, defs });
  }
  const extensions = new Set();
  for (const { defs } of documents.values()) {
    for (const [name, schema] of Object.entries(defs)) if (isExtension(schema)) extensions.add(name);
  }
  addResourceBase(documents);
  for (const [file, { defs }] of documents) describe(file, defs, (name) => !extensions.has(name));
  for (const { defs } of documents.values()) Object.assign(all, defs);
  for (const { defs } of documents.values()) resolveExtends(defs, all);
  for (const [file, { defs }] of documents) describe(file, defs, (name) => extensions.has(name));

  const output = new Map();
  for (const [file, { overlay, defs }] of documents) {
    const document = { $schema: "http://json-schema.org/draft-07/schema#", title: overlay.title };
    if (overlay.root) document.$ref = overlay.root;
    if (overlay.sdk) document["x-generated-from"] = `@databricks/sdk-experimental ${models.version}`;
    document.$defs = defs;
    output.set(`${file}.json`, JSON.stringify(document, null, 2) + "\n");
  }
  return output;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(options.sdk, "package.json"))) {
    console.error(`no SDK at ${options.sdk}: run npm ci in tests/integration/js first`);
    process.exit(2);
  }
  const output = generate(options.sdk);
  const onDisk = readdirSync(schemasDir).filter((n) => n.endsWith(".json"));
  const stale = onDisk.filter((n) => !output.has(n));
  const differ = [...output].filter(([n, text]) => !existsSync(join(schemasDir, n)) || readFileSync(join(schemasDir, n), "utf8") !== text).map(([n]) => n);
  if (options.check) {
    if (differ.length === 0 && stale.length === 0) {
      console.log(`resources/schemas: ${output.size} files match the overlay and the SDK`);
      return;
    }
    for (const n of differ) console.error(`resources/schemas/${n} differs from what scripts/schema/generate.mjs writes`);
    for (const n of stale) console.error(`resources/schemas/${n} has no overlay/${n}`);
    process.exit(1);
  }
  for (const n of differ) writeFileSync(join(schemasDir, n), output.get(n));
  for (const n of stale) console.error(`warning: resources/schemas/${n} has no overlay and was left alone`);
  console.log(`resources/schemas: ${differ.length} of ${output.size} files written`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`generate.mjs: ${error.message}`);
    process.exit(1);
  }
}
