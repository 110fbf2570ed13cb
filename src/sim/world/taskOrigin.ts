import type { PipelineHost } from "./history.js";

/** The pipeline run and activity that created a task, as ADF or Synapse would record it. */
export interface TaskOrigin {
  host: PipelineHost;
  pipelineName: string;
  pipelineRunId: string;
  activityName: string;
}
