import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { allPagesOf } from "../../../src/azure/batchPaging.js";
import { isTaskFailed } from "../../../src/model/tasks.js";
import { measure, startSimAccount, type SimAccount } from "../../helpers/simAdapters.js";

// The reader's answers against the demo account's incident morning, compared with the world, and the
// queries it sends: every list names what it shows with $select.

let account: SimAccount;

before(async () => {
  account = await startSimAccount({ scenario: "incident", seed: 3, storage: false, readOnly: true });
});
after(() => account.sim.stop());

test("every list asks only for what is shown", async () => {
  const { sim, adapters } = account;
  const { requests } = await measure(sim, async () => {
    await adapters.reader.listPools();
    await adapters.reader.listNodes("etl-linux-d4");
    await adapters.reader.listJobs();
    await adapters.reader.listTasks("adfv2-etl-linux-d4");
    await allPagesOf(adapters.reader.listTaskStamps("adfv2-etl-linux-d4"));
  });
  for (const entry of requests) assert.match(decodeURIComponent(entry.query), /\$select=/, entry.path);
});

test("jobs, task counts and task rows agree with the world, failures derived from the service's result", async () => {
  const { sim, adapters } = account;
  const jobs = await adapters.reader.listJobs();
  const job = jobs.find((candidate) => candidate.id === "adfv2-etl-linux-d4");
  assert.equal(job?.poolId, "etl-linux-d4");
  const counts = await adapters.reader.jobTaskCounts("adfv2-etl-linux-d4");
  assert.deepEqual(counts, sim.world.taskCounts("adfv2-etl-linux-d4").taskCounts);

  const rows = await adapters.reader.listTasks("adfv2-etl-linux-d4");
  assert.equal(rows.length, sim.world.listTasks("adfv2-etl-linux-d4").length);
  assert.equal(rows.filter(isTaskFailed).length, counts.failed);
  const failed = rows.find(isTaskFailed);
  assert.ok(failed?.failure?.category, "a failed task carries the service's failure information");
  const exitFailure = rows.find((row) => row.failure?.code === "FailureExitCode");
  assert.deepEqual(
    exitFailure?.failure?.details?.map((detail) => detail.name),
    ["Message", "AdditionalErrorCode"],
    "with the service's details",
  );
  assert.match(failed?.commandLine ?? "", /python3/, "and the command line that ran");
  const running = rows.find((row) => row.state === "running");
  assert.ok(running?.nodeId && running.poolId === "etl-linux-d4" && running.startTime instanceof Date);
});

test("stamps agree with the rows; rows by id come a few dozen ids a request, exactly those", async () => {
  const { sim, adapters } = account;
  const rows = await adapters.reader.listTasks("adfv2-etl-linux-d4");
  const stamps = await allPagesOf(adapters.reader.listTaskStamps("adfv2-etl-linux-d4"));
  assert.deepEqual(
    stamps,
    rows.map(({ id, state, stateTransitionTime }) => ({ id, state, stateTransitionTime })),
  );

  const wanted = rows.slice(0, 45).map((row) => row.id);
  assert.equal(wanted.length, 45, "enough tasks for two requests");
  const byId = await measure(sim, () => adapters.reader.listTasks("adfv2-etl-linux-d4", { ids: wanted }));
  assert.equal(byId.count, 2);
  assert.deepEqual(byId.result, rows.slice(0, 45));
  const none = await measure(sim, () => adapters.reader.listTasks("adfv2-etl-linux-d4", { ids: [] }));
  assert.equal(none.count, 0);
  assert.deepEqual(none.result, []);
});

test("node and task files: listings, properties and ranged reads", async () => {
  const { sim, adapters } = account;
  const { reader } = adapters;
  const task = (await reader.listTasks("adfv2-etl-linux-d4")).find((row) => row.state === "completed");
  assert.ok(task?.nodeId);
  const taskFiles = await reader.listTaskFiles("adfv2-etl-linux-d4", task.id, { recursive: true });
  const stdout = taskFiles.find((file) => file.name === "stdout.txt");
  assert.ok(stdout && !stdout.isDirectory && (stdout.size ?? 0) > 4);

  const path = `workitems/adfv2-etl-linux-d4/job-1/${task.id}/stdout.txt`;
  const nodeFiles = await reader.listNodeFiles("etl-linux-d4", task.nodeId, { recursive: true });
  assert.ok(nodeFiles.some((file) => file.name === path));
  const properties = await reader.nodeFileProperties("etl-linux-d4", task.nodeId, path);
  assert.equal(properties.size, stdout.size);

  const whole = sim.world.readTaskFile("adfv2-etl-linux-d4", task.id, "stdout.txt")!.bytes;
  const fromTask = await reader.readTaskFile("adfv2-etl-linux-d4", task.id, "stdout.txt", {
    start: 2,
    end: 4,
  });
  const fromNode = await reader.readNodeFile("etl-linux-d4", task.nodeId, path, { start: 2, end: 4 });
  assert.deepEqual(Buffer.from(fromTask), whole.subarray(2, 5));
  assert.deepEqual(Buffer.from(fromNode), whole.subarray(2, 5));
});

test("failed tasks by filter are exactly the ones Batch counts as failed, with $select", async () => {
  const { sim, adapters } = account;
  const jobId = "adfv2-etl-linux-d4";
  const counts = await adapters.reader.jobTaskCounts(jobId);
  const { result, requests } = await measure(sim, () =>
    adapters.reader.listTasks(jobId, { failedOnly: true }),
  );
  assert.ok(counts.failed > 0, "the incident morning has failures");
  assert.equal(result.length, counts.failed);
  assert.ok(result.every(isTaskFailed));
  const query = decodeURIComponent(requests[0]?.query ?? "").replaceAll("+", " ");
  assert.match(query, /\$filter=state eq 'completed' and executionInfo\/result eq 'failure'/);
  assert.match(query, /\$select=/);
});
