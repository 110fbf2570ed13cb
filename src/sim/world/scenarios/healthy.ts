import { MINUTE_MS } from "../time.js";
import { addContosoPipelines } from "./contoso.js";
import type { ScenarioDefinition } from "./scenario.js";

export const healthy: ScenarioDefinition = {
  description: "Three steady pools; ADF and Synapse pipelines succeed, with an occasional Batch retry.",
  leadTimeMs: 90 * MINUTE_MS,
  build(builder) {
    builder.addPool({
      id: "etl-linux-d4",
      displayName: "ETL Linux (D4s v3)",
      vmSize: "standard_d4s_v3",
      os: "linux",
      dedicatedNodes: 6,
      taskSlotsPerNode: 2,
    });
    builder.addPool({
      id: "etl-spot-d2",
      displayName: "ETL Spot (D2s v3)",
      vmSize: "standard_d2s_v3",
      os: "linux",
      dedicatedNodes: 2,
      lowPriorityNodes: 6,
      taskSlotsPerNode: 1,
      behaviour: { preemptionsPerNodeHour: 0.03 },
    });
    builder.addPool({
      id: "etl-win-d4",
      displayName: "ETL Windows (D4s v3)",
      vmSize: "standard_d4s_v3",
      os: "windows",
      dedicatedNodes: 4,
      taskSlotsPerNode: 1,
    });
    addContosoPipelines(builder, { exportUploadFailureRate: 0, scoringFailureRate: 0 });
  },
};
