import { test } from "node:test";
import assert from "node:assert/strict";
import { timelineQuery, timelineRowsQuery } from "../../../src/azure/timelineQueries.js";

// The timeline's queries bind their parameters by `let` (the files themselves are parsed against the
// documented schemas by kqlFiles.test.ts).

test("counts bind the bucket as a timespan and the limit; the Batch events take the account too", () => {
  const adf = timelineQuery("timelineAdfFailures", { bucketMs: 720_000, maxRows: 3000 });
  assert.match(adf, /^let bucket = timespan\(720000ms\);\nlet maxRows = long\(3000\);\n/);
  assert.match(adf, /\| summarize Count = count\(\) by bin\(TimeGenerated, bucket\), PipelineName/);
  const batch = timelineQuery("timelineBatchEvents", {
    bucketMs: 120_000,
    maxRows: 3000,
    batchAccountName: "batch'demo",
  });
  assert.match(batch, /^let batchAccount = 'batch\\'demo';/m);
  for (const bad of [0, -60_000, 1.5])
    assert.throws(() => timelineQuery("timelineAdfFailures", { bucketMs: bad, maxRows: 10 }), RangeError);
});

test("a bucket's rows are bounded and take the account only where the file declares it", () => {
  assert.match(
    timelineRowsQuery("timelineAdfFailureRows", { maxRows: 200 }),
    /^let maxRows = long\(200\);\n/,
  );
  assert.match(
    timelineRowsQuery("timelineBatchEventRows", { maxRows: 200, batchAccountName: "" }),
    /^let batchAccount = '';\nlet maxRows = long\(200\);\n/,
  );
  assert.throws(() => timelineRowsQuery("timelineAdfFailureRows", { maxRows: 0 }), RangeError);
});
