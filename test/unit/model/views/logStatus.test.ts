import { test } from "node:test";
import assert from "node:assert/strict";
import type { TailSnapshot } from "../../../../src/model/tailSnapshot.js";
import { bufferingHint, describeLogStatus } from "../../../../src/model/views/logStatus.js";

const now = new Date("2025-05-21T12:00:00Z");
const secondsAgo = (seconds: number): Date => new Date(now.getTime() - seconds * 1000);

function tail(extra: Partial<TailSnapshot> = {}): TailSnapshot {
  return {
    source: { kind: "node", location: "tvmps_1:/workitems/adfv2-etl/job-1/abc/stdout.txt" },
    offset: 0,
    size: 0,
    bytesRead: 0,
    skippedBytes: 0,
    lines: [],
    partialLine: "",
    ...extra,
  };
}

test("the status line names the source and the byte offset", () => {
  const status = describeLogStatus({
    tail: tail({
      source: { kind: "adfjobs", location: "adfjobs/abc/output/stdout.txt" },
      offset: 12_345,
      size: 20_000,
    }),
    stream: "stdout",
    now,
  });
  assert.equal(status.source, "adfjobs blob: adfjobs/abc/output/stdout.txt");
  assert.equal(status.sourceKind, "adfjobs");
  assert.equal(status.position, "byte 12,345 of 20,000");
});

test("restarts and skipped bytes are told, not hidden", () => {
  assert.equal(
    describeLogStatus({ tail: tail({ restarted: "truncated" }), stream: "stdout", now }).restart,
    "file shrank: started over",
  );
  assert.equal(
    describeLogStatus({
      tail: tail({ restarted: "source-changed", source: { kind: "adfjobs", location: "a" } }),
      stream: "stdout",
      now,
    }).restart,
    "switched to the adfjobs blob: started over",
  );
  assert.equal(
    describeLogStatus({ tail: tail({ skippedBytes: 3 * 1024 * 1024 }), stream: "stdout", now }).skipped,
    "skipped 3.0 MB",
  );
});

test("an empty stdout of a running task gets the buffering hint only after the threshold", () => {
  const running = (seconds: number) => ({ state: "running", startTime: secondsAgo(seconds) });
  assert.equal(describeLogStatus({ tail: tail(), stream: "stdout", task: running(10), now }).hint, undefined);
  assert.equal(
    describeLogStatus({ tail: tail(), stream: "stdout", task: running(31), now }).hint,
    bufferingHint,
  );
  assert.match(bufferingHint, /for Python, run with -u or PYTHONUNBUFFERED=1/);
  assert.equal(
    describeLogStatus({
      tail: tail(),
      stream: "stdout",
      task: running(10),
      now,
      emptyStdoutHintAfterMs: 5_000,
    }).hint,
    bufferingHint,
  );
});

test("no buffering hint once output arrives, for stderr, or for a task that is not running", () => {
  const task = { state: "running", startTime: secondsAgo(120) };
  assert.equal(describeLogStatus({ tail: tail({ size: 10 }), stream: "stdout", task, now }).hint, undefined);
  assert.equal(describeLogStatus({ tail: tail(), stream: "stderr", task, now }).hint, undefined);
  assert.equal(
    describeLogStatus({ tail: tail(), stream: "stdout", task: { ...task, state: "completed" }, now }).hint,
    undefined,
  );
});

test("no file yet, or no read yet, says so; text from outside is sanitised", () => {
  assert.equal(describeLogStatus({ stream: "stdout", now }).source, "waiting for the first read");
  const missing = tail({ unavailable: "neither the node nor adfjobs has stdout.txt\u001b]0;x\u0007" });
  delete missing.source;
  assert.equal(
    describeLogStatus({ tail: missing, stream: "stdout", now }).source,
    "neither the node nor adfjobs has stdout.txt",
  );
  assert.equal(
    describeLogStatus({
      tail: tail({ source: { kind: "node", location: "n\u202e1" } }),
      stream: "stdout",
      now,
    }).source,
    "node file: n1",
  );
});
