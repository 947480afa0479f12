// Opens a bundle in yaml-language-server with the schema `bundlectl schema` printed, and
// checks what an editor shows: the description on hover, completion without internal
// fields, type errors worded as types, and no complaint about fields the CLI accepts.
// Usage: node yamlls_check.mjs SCHEMA_FILE WORK_DIR   (prints YAMLLS CHECK OK on success)
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LspClient } from "./lsp_client.mjs";

const [schemaFile, workDir] = process.argv.slice(2);
const BUNDLE = [
  "bundle:",
  "  name: demo",
  "x-defaults: &retries",
  "  2",
  "resources:",
  "  jobs:",
  "    nightly:",
  "      name: nightly",
  "      max_concurrent_runs: abc",
  "      trigger:",
  "        cron:",
  "          quartz_cron_expression: 0 0 1 * * ?",
  "      tasks:",
  "        - task_key: main",
  "          max_retries: *retries",
  "          alert_task:",
  "            alert_id: \"123\"",
  "          compute:",
  "            hardware_accelerator: GPU_1xA10",
  "      ",
  "",
].join("\n");
const LINE = { maxConcurrentRuns: 8, cron: 10, completion: 19 };

const failures = [];
const check = (ok, what, detail) => {
  if (!ok) failures.push(`${what}: ${JSON.stringify(detail)}`);
};
const text = (content) => (typeof content === "string" ? content : content?.value ?? JSON.stringify(content));

const schemaUri = pathToFileURL(schemaFile).href;
const client = new LspClient({
  yaml: { validate: true, hover: true, completion: true, schemas: { [schemaUri]: ["databricks.yml"] } },
});
const timer = setTimeout(() => {
  console.error("yaml-language-server did not answer within 60 s");
  process.exit(1);
}, 60_000);

await client.start(pathToFileURL(workDir).href);
const bundlePath = join(workDir, "databricks.yml");
writeFileSync(bundlePath, BUNDLE);
const uri = pathToFileURL(bundlePath).href;
client.open(uri, BUNDLE);

// The first lists may hold only YAML syntax findings; wait for the schema's.
const diagnostics = await client.diagnosticsFor(uri, (list) =>
  list.some((d) => String(d.source).startsWith("yaml-schema")),
);
const on = (line) => diagnostics.filter((d) => d.range.start.line === line);
const typeError = on(LINE.maxConcurrentRuns);
check(typeError.length === 1 && /Incorrect type/.test(typeError[0].message) && /integer/.test(typeError[0].message),
  "a string for an integer field is reported as a type error naming integer", typeError);
check(on(LINE.cron).length === 1 && /cron/.test(on(LINE.cron)[0].message),
  "trigger.cron is not a field of a job trigger", on(LINE.cron));
const unexpected = diagnostics.filter((d) => d.range.start.line !== LINE.maxConcurrentRuns && d.range.start.line !== LINE.cron);
check(unexpected.length === 0, "no other findings (anchor-only key, alert_task, task compute are accepted)", unexpected);

const hover = await client.request("textDocument/hover", {
  textDocument: { uri },
  position: { line: LINE.maxConcurrentRuns, character: 8 },
});
check(text(hover?.contents).includes("How many runs of this job may be active at once"),
  "hover on max_concurrent_runs shows its description", hover);

const completion = await client.request("textDocument/completion", {
  textDocument: { uri },
  position: { line: LINE.completion, character: 6 },
});
const items = completion?.items ?? completion ?? [];
const labels = items.map((item) => item.label);
check(labels.includes("schedule") && labels.includes("email_notifications"), "completion offers job fields", labels);
for (const internal of ["deployment", "edit_mode", "format", "id", "url", "modified_status"]) {
  check(!labels.includes(internal), `completion does not offer the internal field ${internal}`, labels);
}
const schedule = items.find((item) => item.label === "schedule");
check(text(schedule?.documentation).includes("Quartz cron schedule"), "completion items carry the description", schedule);

clearTimeout(timer);
await client.stop();
if (failures.length > 0) {
  console.error(failures.join("\n"));
  process.exit(1);
}
console.log("YAMLLS CHECK OK");
process.exit(0);
