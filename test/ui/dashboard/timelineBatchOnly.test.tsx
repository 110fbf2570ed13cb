import { test } from "node:test";
import assert from "node:assert/strict";
import { bucketIndex, timelineBuckets } from "../../../src/model/timeline.js";
import { dashboardTestHooks, incidentAccount, runIds } from "../../helpers/dashboardFixture.js";
import { keys } from "../../helpers/renderTerminal.js";

// `:timeline` without a Log Analytics workspace: it says how to configure one and charts what Batch
// alone tells, the failures poll's failed tasks by failure code and end time; Enter lands on one.

const draw = dashboardTestHooks();

test(":timeline without a workspace charts Batch's failed tasks by code, says how to get the rest, and lands on a task", async () => {
  const account = incidentAccount();
  const endTime = new Date(Date.now() - 5 * 60_000);
  account.tasksByJob = {
    ...account.tasksByJob,
    "adfv2-etl-bad": (account.tasksByJob?.["adfv2-etl-bad"] ?? []).map((task) =>
      task.id === runIds.failedAccess ? { ...task, endTime } : task,
    ),
  };
  const { terminal } = draw({ account });
  await terminal.waitFor(/failed in the last 1h/);
  await terminal.press(":", "timeline", keys.enter);
  let frame = await terminal.waitFor(/Batch task failures by failure code \(Batch tasks, by end time\)/);
  assert.match(frame, /Batch alone: no Log Analytics workspace is set/);
  assert.match(frame, /Set a workspace \(--workspace-id/);
  assert.doesNotMatch(
    frame,
    /failed activity runs per pipeline/,
    "nothing is claimed that Batch cannot tell",
  );
  const row = /ResourceContainerAccessDenied\s+([·▁▂▃▄▅▆▇█]{30}) 1/.exec(frame);
  assert.ok(row?.[1], frame);
  const expected = bucketIndex(timelineBuckets("1h", Date.now()), endTime.getTime()) ?? -1;
  const at = [...row[1]].findIndex((cell) => cell !== "·");
  assert.ok(Math.abs(at - expected) <= 1, `${row[1]} vs bucket ${expected}`);

  for (let step = 29; step > at; step--) await terminal.press("h");
  await terminal.press(keys.enter);
  frame = await terminal.waitFor(/› \d\d:\d\d:\d\dZ task failed\s+Batch\s+adfv2-etl-bad \//);
  assert.match(
    frame,
    new RegExp(`Batch +adfv2-etl-bad / ${runIds.failedAccess} · ResourceContainerAccessDenied\\s`),
  );
  await terminal.press(keys.enter);
  await terminal.waitFor(new RegExp(`found task ${runIds.failedAccess} of adfv2-etl-bad: its log is open`));
});
