// Drives the emulator with the official Databricks JavaScript SDK, unchanged: jobs (with the
// run waiters), pipelines (with the stop waiter), workspace and current-user calls.
// Usage: node sdk_check.mjs <base-url> <token>. Prints "SDK CHECK OK" and exits 0 on success;
// any failure throws, printing the step that failed, and exits 1.
import { WorkspaceClient } from "@databricks/sdk-experimental";
import assert from "node:assert/strict";

const [host, token] = process.argv.slice(2);
const w = new WorkspaceClient({ host, token, authType: "pat" });
let step = "";
const check = async (name, body) => {
  step = name;
  await body();
  console.log(`ok ${name}`);
};

try {
  await check("current user", async () => {
    const me = await w.currentUser.me();
    assert.equal(me.userName, "emulator-user@example.com");
  });

  let jobId;
  await check("jobs create/get/list", async () => {
    const created = await w.jobs.create({
      name: "sdk-job",
      parameters: [{ name: "env", default: "dev" }],
      tasks: [
        { task_key: "extract", notebook_task: { notebook_path: "/Shared/extract" } },
        { task_key: "load", depends_on: [{ task_key: "extract" }], notebook_task: { notebook_path: "/Shared/load" } },
      ],
    });
    jobId = created.job_id;
    assert.ok(Number.isSafeInteger(jobId), `job_id ${jobId} is not a safe integer`);
    const job = await w.jobs.get({ job_id: jobId });
    assert.equal(job.settings.name, "sdk-job");
    assert.equal(job.settings.tasks.length, 2);
    const names = [];
    for await (const j of w.jobs.list({ limit: 1 })) names.push(j.settings.name);
    assert.ok(names.includes("sdk-job"));
  });

  await check("jobs update/reset", async () => {
    await w.jobs.update({ job_id: jobId, new_settings: { tags: { team: "data" } } });
    assert.equal((await w.jobs.get({ job_id: jobId })).settings.tags.team, "data");
  });

  await check("run-now waiter", async () => {
    const waiter = await w.jobs.runNow({ job_id: jobId, job_parameters: { env: "prod" } });
    const run = await waiter.wait();  // the gtest bounds the whole script's time
    assert.equal(run.state.life_cycle_state, "TERMINATED");
    assert.equal(run.state.result_state, "SUCCESS");
    assert.equal(run.tasks.length, 2);
    const output = await w.jobs.getRunOutput({ run_id: run.tasks[0].run_id });
    assert.equal(output.metadata.state.result_state, "SUCCESS");
    const runs = [];
    for await (const r of w.jobs.listRuns({ job_id: jobId })) runs.push(r);
    assert.equal(runs.length, 1);
  });

  await check("submit waiter and cancel", async () => {
    const waiter = await w.jobs.submit({ run_name: "sdk-once", tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }] });
    const run = await waiter.wait();
    assert.equal(run.state.result_state, "SUCCESS");
    const second = await w.jobs.runNow({ job_id: jobId });
    await w.jobs.cancelRun({ run_id: second.run_id });
    const canceled = await w.jobs.getRun({ run_id: second.run_id });
    assert.equal(canceled.state.result_state, "CANCELED");
  });

  await check("errors", async () => {
    await assert.rejects(w.jobs.get({ job_id: 1 }), (e) => {
      assert.equal(e.errorCode, "INVALID_PARAMETER_VALUE");
      assert.equal(e.message, "Job 1 does not exist.");
      return true;
    });
  });

  await check("pipelines", async () => {
    const created = await w.pipelines.create({ name: "sdk-pipeline", catalog: "main", target: "raw" });
    const id = created.pipeline_id;
    const got = await w.pipelines.get({ pipeline_id: id });
    assert.equal(got.name, "sdk-pipeline");
    await w.pipelines.update({ pipeline_id: id, name: "sdk-pipeline-2", catalog: "main" });
    const update = await w.pipelines.startUpdate({ pipeline_id: id, full_refresh: true });
    const gotUpdate = await w.pipelines.getUpdate({ pipeline_id: id, update_id: update.update_id });
    assert.equal(gotUpdate.update.update_id, update.update_id);
    const stopped = await (await w.pipelines.stop({ pipeline_id: id })).wait();
    assert.equal(stopped.state, "IDLE");
    const listed = [];
    for await (const p of w.pipelines.listPipelines({})) listed.push(p.name);
    assert.ok(listed.includes("sdk-pipeline-2"));
    const events = [];
    for await (const e of w.pipelines.listPipelineEvents({ pipeline_id: id })) events.push(e);
    assert.ok(events.length > 0);
    const updates = await w.pipelines.listUpdates({ pipeline_id: id });
    assert.equal(updates.updates.length, 1);
    await w.pipelines.delete({ pipeline_id: id });
  });

  await check("workspace", async () => {
    await w.workspace.mkdirs({ path: "/Shared/sdk/state" });
    await w.workspace.import({ path: "/Shared/sdk/state/lock.json", format: "AUTO",
                               content: Buffer.from('{"owner":"sdk"}').toString("base64") });
    const status = await w.workspace.getStatus({ path: "/Shared/sdk/state/lock.json" });
    assert.equal(status.object_type, "FILE");
    const exported = await w.workspace.export({ path: "/Shared/sdk/state/lock.json" });
    assert.equal(Buffer.from(exported.content, "base64").toString(), '{"owner":"sdk"}');
    const listed = [];
    for await (const o of w.workspace.list({ path: "/Shared/sdk/state" })) listed.push(o.path);
    assert.deepEqual(listed, ["/Shared/sdk/state/lock.json"]);
    await w.workspace.delete({ path: "/Shared/sdk", recursive: true });
    await assert.rejects(w.workspace.getStatus({ path: "/Shared/sdk" }));
  });

  await check("jobs delete", async () => {
    await w.jobs.delete({ job_id: jobId });
  });
  console.log("SDK CHECK OK");
} catch (error) {
  console.error(`SDK CHECK FAILED at "${step}": ${error?.stack ?? error}`);
  process.exit(1);
}
