import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { LogTail } from "../../../src/store/logTail.js";
import { sanitizeLines } from "../../../src/model/sanitize.js";
import { measure, startSimAccount, type SimAccount } from "../../helpers/simAdapters.js";

// Log tails against the demo account's incident morning: running tasks write stdout as the world
// steps, finished tasks' output is copied to adfjobs in the linked storage (Azurite).

let account: SimAccount;

before(async () => {
  account = await startSimAccount({ scenario: "incident", seed: 3, readOnly: true });
});
after(() => account.sim.stop());

// First: the tests below step the world on, and its failed node is replaced as they do.
test("a node's start task output is tailed from its startup folder, stderr saying why it failed", async () => {
  const { sim, adapters } = account;
  const failedNode = () =>
    sim.world
      .listPools()
      .flatMap((pool) => sim.world.listNodes(pool.id).map((node) => ({ poolId: pool.id, node })))
      .find(({ node }) => node.state === "starttaskfailed");
  const found = failedNode();
  assert.ok(found, "the incident scenario starts with a node whose start task failed");
  const { poolId, node } = found;
  const tail = new LogTail({ poolId, nodeId: node.id, stream: "stderr" }, { reader: adapters.reader });
  const read = await measure(sim, () => tail.poll());
  assert.deepEqual(
    read.requests.map((entry) => [entry.method, decodeURIComponent(entry.path)]),
    [
      ["HEAD", `/pools/${poolId}/nodes/${node.id}/files/startup/stderr.txt`],
      ["GET", `/pools/${poolId}/nodes/${node.id}/files/startup/stderr.txt`],
    ],
  );
  assert.deepEqual(read.result.source, { kind: "node", location: `${node.id}/startup/stderr.txt` });
  assert.match(read.result.lines.join("\n"), /ERROR: No matching distribution found/);
});

function stdoutInWorld(jobId: string, taskId: string): Buffer | undefined {
  return account.sim.world.readTaskFile(jobId, taskId, "stdout.txt")?.bytes;
}

/** What the tail should show for a whole file: its complete lines, sanitised. */
function expectedLines(content: Buffer): string[] {
  const text = content.toString("utf8");
  return sanitizeLines(text.slice(0, text.lastIndexOf("\n")));
}

function runningTaskWithOutput(): { jobId: string; taskId: string } {
  for (const job of account.sim.world.listJobs()) {
    for (const task of account.sim.world.listTasks(job.id)) {
      if (task.state === "running" && (stdoutInWorld(job.id, task.id)?.length ?? 0) > 0)
        return { jobId: job.id, taskId: task.id };
    }
  }
  assert.fail("the incident scenario has running tasks with output");
}

test("each poll of a growing stdout.txt fetches only the appended bytes", async (t) => {
  const { sim, adapters } = account;
  const { jobId, taskId } = runningTaskWithOutput();
  const tail = new LogTail({ jobId, taskId, stream: "stdout" }, { reader: adapters.reader });

  const first = await measure(sim, () => tail.poll());
  const startSize = first.result.size;
  assert.deepEqual(
    first.requests.map((entry) => entry.method),
    ["HEAD", "GET"],
  );
  assert.equal(first.result.source?.kind, "node");

  const idle = await measure(sim, () => tail.poll());
  assert.deepEqual(
    idle.requests.map((entry) => [entry.method, entry.responseBytes]),
    [["HEAD", 0]],
    "nothing new: one HEAD, no bytes",
  );

  for (let step = 0; step < 120 && (stdoutInWorld(jobId, taskId)?.length ?? 0) === startSize; step++) {
    sim.world.advance(5_000);
  }
  const grownSize = stdoutInWorld(jobId, taskId)?.length ?? 0;
  assert.ok(grownSize > startSize, "stdout grew");
  const grown = await measure(sim, () => tail.poll());
  const [head, get] = grown.requests;
  assert.equal(grown.count, 2);
  assert.equal(head?.method, "HEAD");
  assert.equal(get?.method, "GET");
  assert.equal(get?.responseBytes, grownSize - startSize, "the ranged GET carried exactly the growth");
  assert.equal(grown.result.bytesRead, grownSize - startSize);
  assert.equal(grown.result.offset, grownSize);
  assert.deepEqual(grown.result.lines, expectedLines(stdoutInWorld(jobId, taskId)!));

  t.diagnostic(
    `first poll ${first.responseBytes} bytes (file ${startSize}); idle poll ${idle.count} HEAD, ${idle.responseBytes} bytes; after growth of ${grownSize - startSize} bytes: ${grown.count} requests, ${grown.responseBytes} bytes`,
  );
});

test("when the task's node leaves the pool, the tail reads the adfjobs copy and says so", async (t) => {
  const { sim, adapters } = account;
  const jobId = "adfv2-etl-win-d4";
  const task = sim.world.listTasks(jobId).find((candidate) => candidate.state === "completed");
  assert.ok(task, "a finished task in a steady pool");
  const tail = new LogTail(
    { jobId, taskId: task.id, stream: "stdout" },
    { reader: adapters.reader, outputStore: adapters.outputStore! },
  );
  const running = sim.world.listTasks(jobId).find((candidate) => candidate.state === "running");
  assert.ok(running);
  assert.equal(
    await adapters.outputStore!.outputProperties(running.id, "stdout"),
    undefined,
    "a running task has no adfjobs copy yet",
  );
  const fromNode = await tail.poll();
  assert.equal(fromNode.source?.kind, "node");
  assert.ok(fromNode.lines.length > 0);

  // Scale the pool to zero, as an operator would overnight; the node and its files go.
  sim.world.resizePool("etl-win-d4", {
    targetDedicatedNodes: 0,
    targetLowPriorityNodes: 0,
    nodeDeallocationOption: "terminate",
  });
  for (let minute = 0; minute < 30 && stdoutInWorld(jobId, task.id); minute++) sim.world.advance(60_000);
  assert.equal(stdoutInWorld(jobId, task.id), undefined, "the node's copy is gone");
  await sim.flushStorage();

  const fromBlob = await tail.poll();
  assert.deepEqual(fromBlob.source, { kind: "adfjobs", location: `adfjobs/${task.id}/output/stdout.txt` });
  assert.equal(fromBlob.restarted, "source-changed");
  assert.deepEqual(fromBlob.lines, fromNode.lines, "the adfjobs copy holds the same output");
  assert.equal(fromBlob.offset, fromNode.offset);

  const again = await tail.poll();
  assert.equal(again.bytesRead, 0, "a finished copy does not grow: only properties are read");
  assert.equal(again.restarted, undefined);
  t.diagnostic(`adfjobs fallback read ${fromBlob.bytesRead} bytes once, then ${again.bytesRead} per poll`);
});
