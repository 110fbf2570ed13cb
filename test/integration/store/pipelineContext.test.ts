import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createDashboardStore, type DashboardStore } from "../../../src/store/dashboardStore.js";
import { ManualTimers } from "../../helpers/manualTimers.js";
import type { SimAccount } from "../../helpers/simAdapters.js";
import { startManagedSimAccount } from "../../helpers/simManagement.js";

// The tasks pane's pipeline and activity names, and `:runs`, come from the store's pipeline context:
// the real store over the real adapters and the incident scenario's Log Analytics workspace.

let account: SimAccount;
let store: DashboardStore;

before(async () => {
  account = await startManagedSimAccount({ scenario: "incident", seed: 3, readOnly: true });
  const { adapters } = account;
  assert.ok(adapters.runHistory);
  store = createDashboardStore(
    { reader: adapters.reader, runHistory: adapters.runHistory },
    // The 30 s rhythm never comes round in this test: only the lookup the first tasks trigger runs.
    { refreshMs: 2000, timers: new ManualTimers() },
  );
});
after(async () => {
  store.stop();
  await account.sim.stop();
});

test("the pipeline context fills in once the job's tasks arrive, although the first lookup found none", async () => {
  const jobId = "adfv2-etl-linux-d4";
  store.setFocus({ jobId });
  let contextSize = 0;
  for (let i = 0; i < 1000 && contextSize === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    contextSize = store.getSnapshot().runs.data?.byActivityRunId.size ?? 0;
  }
  const tasks = store.getSnapshot().tasks.data?.rows ?? [];
  assert.ok(tasks.length > 0, "the job's tasks arrived");
  assert.ok(
    contextSize > 0,
    `Log Analytics named the pipeline of ${contextSize} of the ${tasks.length} tasks`,
  );
  const named = tasks.find((task) => store.getSnapshot().runs.data?.byActivityRunId.has(task.id));
  assert.ok(named, "a task held is one the context names");
});
