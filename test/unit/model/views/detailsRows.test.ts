import { test } from "node:test";
import assert from "node:assert/strict";
import { accountRunsPane, changesPane, formatWindow } from "../../../../src/model/views/detailsRows.js";
import { initialUiState, type UiState } from "../../../../src/model/navigation/uiState.js";
import { uiReducer } from "../../../../src/model/navigation/uiReducer.js";
import { textTop } from "../../../../src/model/views/textView.js";
import { activityRun } from "../../../helpers/modelFixtures.js";

const web = activityRun({
  activityType: "WebActivity",
  activityName: "invoke_batch_endpoint",
  pipelineName: "score_churn_batch",
  activityRunId: "w-1",
  updated: new Date("2026-11-22T02:59:05Z"),
  error: { code: "2108", message: "Forbidden\u001b]52;c;eA==\u0007" },
});
const custom = activityRun({ status: "Succeeded", updated: new Date("2026-11-22T02:50:00Z") });

test(":runs all: words filter by pipeline, status and type; the selection stays on a row; service text is neutralised", () => {
  const read = { items: [web, custom], warnings: [] };
  const all = accountRunsPane([], read, 5);
  assert.equal(all.rows.length, 2);
  assert.equal(all.selected, 1, "clamped to the last row");
  assert.match(
    all.lines[all.firstRow] ?? "",
    /^ {2}02:59:05 {2}Failed +WebActivity +score_churn_batch \/ invoke_batch_endpoint {2}run p-1 {2}2108: Forbidden/,
  );
  assert.equal(all.lines.join("\n").includes("\u001b"), false);
  assert.match(all.lines[all.firstRow + 1] ?? "", /^› /);

  const failedWeb = accountRunsPane(["failed", "WEBACTIVITY"], read, 0);
  assert.deepEqual(failedWeb.rows, [web]);
  assert.match(
    failedWeb.lines[0] ?? "",
    /2 activity runs of the workspace.*, 1 matching "failed WEBACTIVITY"/,
  );
  assert.deepEqual(accountRunsPane(["copy"], read, 0).rows, []);

  assert.deepEqual(
    accountRunsPane([], { items: [], warnings: [], notConfigured: "set workspaceId" }, 0).lines,
    ["set workspaceId"],
  );
  assert.match(accountRunsPane([], undefined, 0).lines[0] ?? "", /asking Log Analytics/);
  assert.match(accountRunsPane([], { error: "403" }, 0).lines[0] ?? "", /did not answer: 403/);
});

test(":changes: a header with the window and notes above the rows", () => {
  const since = new Date("2026-11-22T02:30:00Z");
  const change = {
    time: new Date("2026-11-22T02:40:00Z"),
    kind: "pool-allocation" as const,
    subject: "p",
    detail: "pool p became steady",
    source: "batch" as const,
    jump: { kind: "pool" as const, poolId: "p" },
  };
  const pane = changesPane(30 * 60_000, { since, changes: [change], notes: ["no workspace"] }, 0);
  assert.deepEqual(pane.lines, [
    "1 changes since 2026-11-22T02:30:00.000Z (30m), newest first; Enter lands on one",
    "note: no workspace",
    "",
    "› 02:40:00  pool p became steady  [batch]",
  ]);
  assert.equal(pane.firstRow, 3);
  assert.match(
    changesPane(3_600_000, { since, changes: [], notes: [] }, 0).lines[0] ?? "",
    /^nothing changed since .* \(1h\)/,
  );
  assert.deepEqual(
    [formatWindow(90_000), formatWindow(2 * 86_400_000), formatWindow(5 * 60_000)],
    ["90s", "2d", "5m"],
  );
});

test("an answer reaches only the opening that asked for it, while it is still shown", () => {
  const opened: UiState = uiReducer(initialUiState, {
    type: "details",
    target: { pane: "changes", sinceMs: 60_000, opened: 2, selected: 0 },
  });
  const read = { since: new Date(0), changes: [], notes: [] };
  assert.equal(
    uiReducer(opened, { type: "detailsRead", opened: 1, read }),
    opened,
    "an earlier opening's late answer",
  );
  const answered = uiReducer(opened, { type: "detailsRead", opened: 2, read });
  assert.deepEqual(answered.details, { pane: "changes", sinceMs: 60_000, opened: 2, selected: 0, read });
  const moved = uiReducer(answered, { type: "selectDetailsRow", selected: 3, anchor: { line: 2, row: 0 } });
  assert.equal(moved.details?.pane === "changes" && moved.details.selected, 3);
  assert.deepEqual(moved.detailsAnchor, { line: 2, row: 0 });
  const elsewhere = uiReducer(initialUiState, { type: "selectDetailsRow", selected: 1, anchor: textTop });
  assert.equal(elsewhere, initialUiState);
});
