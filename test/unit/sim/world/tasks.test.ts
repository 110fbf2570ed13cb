import { test } from "node:test";
import assert from "node:assert/strict";
import type { FinishedTaskOutput } from "../../../../src/sim/world/batchWorld.js";
import { SECOND_MS } from "../../../../src/sim/world/time.js";
import { addCustomPipeline, advanceUntil, program, testWorld } from "./worldFixture.js";

const pool = {
  id: "etl",
  vmSize: "standard_d4s_v3",
  os: "linux" as const,
  dedicatedNodes: 2,
  taskSlotsPerNode: 2,
};
const job = "adfv2-etl";

function text(world: ReturnType<typeof testWorld>, taskId: string, file: string): string {
  return world.readTaskFile(job, taskId, file)?.bytes.toString() ?? "";
}

test("a Custom activity runs as a task named after its activity run, as ADF submits it", () => {
  const world = testWorld((builder) => {
    builder.addPool(pool);
    addCustomPipeline(builder, "etl", program(), { fanOut: 3 });
  });
  advanceUntil(world, () => world.listTasks(job).length === 3);
  const tasks = world.listTasks(job);
  assert.equal(world.listTasks(job), tasks, "the world's own array, not a copy");
  const activityRuns = world
    .history()
    .filter((record) => record.kind === "activityRun" && record.status === "Queued");
  assert.deepEqual(
    tasks.map((task) => task.id),
    activityRuns.map((record) => record.kind === "activityRun" && record.activityRunId),
  );
  const [task] = tasks;
  assert.match(task!.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(task!.commandLine, "/bin/bash -c 'python3 -u transform.py'");
  assert.equal(task!.resourceFiles?.[0]?.blobPrefix, `${task!.id}/runtime/`);
  assert.match(task!.resourceFiles?.[0]?.storageContainerUrl ?? "", /\/adfjobs$/);
  assert.equal(task!.url, `https://batchtopdemo.westeurope.batch.azure.com/jobs/${job}/tasks/${task!.id}`);
});

test("tasks go active → running → completed on nodes with free slots, keeping counts and node totals", () => {
  const world = testWorld((builder) => {
    builder.addPool({ ...pool, dedicatedNodes: 1, taskSlotsPerNode: 2 });
    addCustomPipeline(builder, "etl", program(), { fanOut: 3 });
  });
  advanceUntil(world, () => world.listTasks(job).length === 3);
  world.advance(SECOND_MS);
  assert.deepEqual(world.taskCounts(job).taskCounts, {
    active: 1,
    running: 2,
    completed: 0,
    succeeded: 0,
    failed: 0,
  });
  const node = world.listNodes("etl")[0]!;
  assert.equal(node.state, "running");
  assert.equal(node.runningTaskSlotsCount, 2);
  const running = world.listTasks(job).find((task) => task.state === "running")!;
  assert.equal(running.previousState, "active");
  assert.equal(running.nodeInfo?.nodeId, node.id);
  assert.equal(running.nodeInfo?.taskRootDirectory, `workitems/${job}/job-1/${running.id}`);
  assert.ok(
    node.recentTasks?.some((recent) => recent.taskId === running.id && recent.taskState === "running"),
  );

  advanceUntil(world, () => world.taskCounts(job).taskCounts.completed === 3, 5 * 60 * SECOND_MS);
  assert.deepEqual(world.taskCounts(job).taskCounts, {
    active: 0,
    running: 0,
    completed: 3,
    succeeded: 3,
    failed: 0,
  });
  assert.equal(node.state, "idle");
  assert.equal(node.totalTasksRun, 3);
  assert.equal(node.totalTasksSucceeded, 3);
  const done = world.listTasks(job)[0]!;
  assert.equal(done.executionInfo?.result, "success");
  assert.equal(done.executionInfo?.exitCode, 0);
  assert.ok(
    done.executionInfo?.endTime &&
      done.executionInfo.startTime &&
      done.executionInfo.startTime < done.executionInfo.endTime,
  );
});

test("a failing program is retried up to maxTaskRetryCount, then fails with FailureExitCode and a traceback", () => {
  const finished: FinishedTaskOutput[] = [];
  const world = testWorld((builder) => {
    builder.addPool(pool);
    addCustomPipeline(
      builder,
      "etl",
      program({ failureRate: 1, durationMs: [20 * SECOND_MS, 20 * SECOND_MS] }),
      { maxTaskRetryCount: 2 },
    );
  });
  world.onTaskFinished((output) => finished.push(output));
  advanceUntil(world, () => world.listTasks(job)[0]?.state === "completed", 5 * 60 * SECOND_MS);
  const task = world.listTasks(job)[0]!;
  const info = task.executionInfo!;
  assert.equal(info.retryCount, 2);
  assert.ok(info.lastRetryTime);
  assert.equal(info.exitCode, 1);
  assert.equal(info.result, "failure");
  assert.deepEqual(info.failureInfo, {
    category: "usererror",
    code: "FailureExitCode",
    message: "The task exited with an exit code representing a failure",
    details: [
      { name: "Message", value: "The task process exited with an unexpected exit code" },
      { name: "AdditionalErrorCode", value: "FailureExitCode" },
    ],
  });
  assert.equal(finished.length, 3, "one notification per attempt");
  const stderr = text(world, task.id, "stderr.txt");
  assert.match(stderr, /^Traceback \(most recent call last\):/m);
  assert.match(stderr, /KeyError: 'customer_id'/);
  assert.equal(finished[2]?.stderr.toString(), stderr);
  assert.equal(world.taskCounts(job).taskCounts.failed, 1);
  const events = world
    .history()
    .filter((record) => record.kind === "batchEvent" && record.operationName === "TaskFailEvent");
  assert.equal(events.length, 1);
});

test("stdout grows line by line while a task runs", () => {
  const world = testWorld((builder) => {
    builder.addPool(pool);
    addCustomPipeline(builder, "etl", program({ durationMs: [120 * SECOND_MS, 120 * SECOND_MS] }));
  });
  advanceUntil(world, () => world.listTasks(job)[0]?.state === "running");
  const taskId = world.listTasks(job)[0]!.id;
  const lineCounts: number[] = [];
  while (world.listTasks(job)[0]!.state === "running") {
    lineCounts.push(text(world, taskId, "stdout.txt").split("\n").length - 1);
    world.advance(10 * SECOND_MS);
  }
  assert.equal(lineCounts[0], 0);
  for (let index = 1; index < lineCounts.length; index++)
    assert.ok(lineCounts[index]! >= lineCounts[index - 1]!);
  assert.ok(new Set(lineCounts).size >= 5, `grew in steps: ${lineCounts.join(",")}`);
  const stdout = text(world, taskId, "stdout.txt");
  assert.match(stdout, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} INFO transform: Starting transform\.py/);
  assert.match(stdout, /Done in 120 s\n$/);
  const file = world.listTaskFiles(job, taskId, false)?.find((entry) => entry.name === "stdout.txt");
  assert.equal(file?.properties?.contentLength, Buffer.byteLength(stdout));
});

test("buffered output: stdout.txt stays empty while the program runs and fills when it exits", () => {
  const world = testWorld((builder) => {
    builder.addPool(pool);
    addCustomPipeline(
      builder,
      "etl",
      program({ buffered: true, durationMs: [120 * SECOND_MS, 120 * SECOND_MS] }),
    );
  });
  advanceUntil(world, () => world.listTasks(job)[0]?.state === "running");
  const task = world.listTasks(job)[0]!;
  assert.equal(task.commandLine, "/bin/bash -c 'python3 transform.py'", "no -u");
  world.advance(100 * SECOND_MS);
  assert.equal(text(world, task.id, "stdout.txt"), "");
  assert.equal(
    world.listTaskFiles(job, task.id, false)?.find((entry) => entry.name === "stdout.txt")?.properties
      ?.contentLength,
    0,
  );
  advanceUntil(world, () => task.state === "completed");
  assert.match(text(world, task.id, "stdout.txt"), /Done in 120 s/);
});

test("an output upload failure fails the task although the program exited 0", () => {
  const world = testWorld((builder) => {
    builder.addPool(pool);
    addCustomPipeline(builder, "etl", program({ uploadFailureRate: 1 }), { maxTaskRetryCount: 3 });
  });
  advanceUntil(world, () => world.listTasks(job)[0]?.state === "completed");
  const task = world.listTasks(job)[0]!;
  assert.equal(task.executionInfo?.exitCode, 0);
  assert.equal(task.executionInfo?.result, "failure");
  assert.equal(task.executionInfo?.retryCount, 0, "upload failures are not retried");
  assert.equal(task.executionInfo?.failureInfo?.code, "FileUploadContainerNotFound");
  assert.equal(task.executionInfo?.failureInfo?.category, "usererror");
  assert.equal(world.taskCounts(job).taskCounts.failed, 1);
  const names = world.listTaskFiles(job, task.id, true)?.map((file) => file.name);
  assert.ok(names?.includes("fileuploaderr.txt"));
  assert.match(text(world, task.id, "fileuploaderr.txt"), /ContainerNotFound/);
});

test("onTaskFinished hands over each finished attempt's stdout and stderr", () => {
  const finished: FinishedTaskOutput[] = [];
  const world = testWorld((builder) => {
    builder.addPool(pool);
    addCustomPipeline(builder, "etl", program(), { fanOut: 2 });
  });
  world.onTaskFinished((output) => finished.push(output));
  advanceUntil(world, () => finished.length === 2);
  for (const output of finished) {
    assert.equal(output.jobId, job);
    assert.equal(output.stdout.toString(), text(world, output.taskId, "stdout.txt"));
    assert.equal(output.stderr.toString(), text(world, output.taskId, "stderr.txt"));
    assert.deepEqual(world.completedTaskOutput(job, output.taskId), output);
  }
});

test("a task whose resource files cannot be fetched fails before running, without an exit code or retry", () => {
  const denied = {
    category: "usererror" as const,
    code: "ResourceContainerAccessDenied",
    message: "Access for one of the specified Azure Blob container(s) is denied",
  };
  const world = testWorld((builder) => {
    builder.addPool({ ...pool, behaviour: { taskPreparation: () => denied } });
    addCustomPipeline(builder, "etl", program(), { maxTaskRetryCount: 2 });
  });
  advanceUntil(world, () => world.listTasks(job)[0]?.state === "completed", 30 * SECOND_MS);
  const info = world.listTasks(job)[0]!.executionInfo!;
  assert.equal(info.result, "failure");
  assert.equal(info.exitCode, undefined);
  assert.equal(info.retryCount, 0);
  assert.deepEqual(info.failureInfo, denied);
  assert.equal(text(world, world.listTasks(job)[0]!.id, "stdout.txt"), "");
});

test("task files: stdout, stderr and the working directory; node files: startup and workitems", () => {
  const world = testWorld((builder) => {
    builder.addPool(pool);
    addCustomPipeline(builder, "etl", program());
  });
  assert.equal(world.listTaskFiles(job, "missing", true), undefined);
  advanceUntil(world, () => world.listTasks(job)[0]?.state === "completed");
  const task = world.listTasks(job)[0]!;
  assert.deepEqual(
    world.listTaskFiles(job, task.id, false)?.map((file) => [file.name, file.isDirectory]),
    [
      ["stdout.txt", false],
      ["stderr.txt", false],
      ["wd", true],
    ],
  );
  const recursive = world.listTaskFiles(job, task.id, true)!.map((file) => file.name);
  assert.deepEqual(recursive, ["stdout.txt", "stderr.txt", "wd", "wd/activity.json", "wd/transform.py"]);
  const activity = JSON.parse(text(world, task.id, "wd/activity.json"));
  assert.equal(activity.properties.typeProperties.command, task.commandLine);
  const stdout = world.listTaskFiles(job, task.id, true)![0]!;
  assert.equal(stdout.url, `${task.url}/files/stdout.txt`);
  assert.equal(stdout.properties?.fileMode, "0o100644");

  const nodeId = task.nodeInfo!.nodeId;
  assert.deepEqual(
    world.listNodeFiles("etl", nodeId, false)?.map((file) => file.name),
    ["applications", "shared", "startup", "workitems"],
  );
  const nodeFiles = world.listNodeFiles("etl", nodeId, true)!.map((file) => file.name);
  for (const name of [
    "startup/stdout.txt",
    "startup/stderr.txt",
    `workitems/${job}/job-1/${task.id}/stdout.txt`,
  ]) {
    assert.ok(nodeFiles.includes(name), name);
  }
  assert.equal(
    world.readNodeFile("etl", nodeId, `/workitems/${job}/job-1/${task.id}/stdout.txt`)?.bytes.toString(),
    text(world, task.id, "stdout.txt"),
  );
  assert.match(
    world.readNodeFile("etl", nodeId, "startup/stdout.txt")!.bytes.toString(),
    /Successfully installed/,
  );
});
