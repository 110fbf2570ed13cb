// A small account for the key handler tests: three pools (the first with nodes), three jobs (the
// first an ADF job with tasks on that pool).
import type { TaskRow } from "../../../../src/model/tasks.js";
import type { FakeAccount } from "../../../helpers/fakeDashboardStore.js";
import { nodeSummary, poolSummary } from "../../../helpers/modelFixtures.js";

export const runId = "0b6e3c1a-1111-4aaa-8aaa-000000000001";

const task = (id: string, extra: Partial<TaskRow> = {}): TaskRow => ({
  id,
  state: "completed",
  retryCount: 0,
  requeueCount: 0,
  nodeId: "tvm-1",
  ...extra,
});

export function keyAccount(): FakeAccount {
  return {
    pools: [poolSummary("etl-a"), poolSummary("etl-b"), poolSummary("etl-c")],
    jobs: [
      { id: "adfv2-etl-a", state: "active", priority: 0 },
      { id: "nightly-b", state: "active", priority: 0, poolId: "etl-b" },
      { id: "nightly-c", state: "active", priority: 0, poolId: "etl-c" },
    ],
    nodesByPool: { "etl-a": [nodeSummary("tvm-1"), nodeSummary("tvm-2", "running")] },
    tasksByJob: {
      "adfv2-etl-a": [
        task(runId, { result: "failure", exitCode: 1 }),
        task("0b6e3c1a-1111-4aaa-8aaa-000000000002", { result: "success", exitCode: 0 }),
      ],
    },
  };
}
