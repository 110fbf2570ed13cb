import { test } from "node:test";
import assert from "node:assert/strict";
import {
  explainErrorCode,
  explanationLines,
  knownErrorCodes,
  meansLine,
  type ErrorCodeFamily,
} from "../../../../src/model/errorCodes/lookup.js";

const families: readonly ErrorCodeFamily[] = [
  "adfActivity",
  "batchTask",
  "computeNode",
  "nodeState",
  "poolResize",
];

test("a known code finds its entry in its own family only", () => {
  assert.equal(explainErrorCode("batchTask", "FailureExitCode")?.code, "FailureExitCode");
  assert.equal(explainErrorCode("adfActivity", "2500")?.code, "2500");
  assert.equal(explainErrorCode("poolResize", "AccountCoreQuotaReached")?.code, "AccountCoreQuotaReached");
  // A pool resize code is not a task failure code: the family decides.
  assert.equal(explainErrorCode("batchTask", "AccountCoreQuotaReached"), undefined);
  assert.equal(explainErrorCode("computeNode", "2500"), undefined);
});

test("an unknown or missing code has no entry, so it is shown as it is", () => {
  assert.equal(explainErrorCode("batchTask", "SomethingNew"), undefined);
  assert.equal(explainErrorCode("adfActivity", "9999"), undefined);
  assert.equal(explainErrorCode("batchTask", undefined), undefined);
  assert.equal(explainErrorCode("batchTask", ""), undefined);
});

test("codes match whatever case the service spells them in", () => {
  // The service's resize events write AllocationTimedout; the SDKs' constants AllocationTimedOut.
  assert.equal(explainErrorCode("poolResize", "AllocationTimedout")?.code, "AllocationTimedOut");
  assert.equal(explainErrorCode("poolResize", "AllocationTimedOut")?.code, "AllocationTimedOut");
  assert.equal(explainErrorCode("nodeState", "StartTaskFailed")?.code, "starttaskfailed");
});

test("the base holds the codes operators meet around ADF Custom activities on Batch", () => {
  for (const code of [
    "2500",
    "2502",
    "2504",
    "2505",
    "2507",
    "2508",
    "2103",
    "2104",
    "2105",
    "2106",
    "2108",
    "ActivityTimedOut",
  ])
    assert.ok(explainErrorCode("adfActivity", code), code);
  for (const code of [
    "FailureExitCode",
    "ResourceContainerAccessDenied",
    "ResourceContainerListMiscError",
    "BlobAccessDenied",
    "BlobDownloadMiscError",
    "FileUploadContainerNotFound",
    "FileUploadMiscError",
    "TaskEnded",
    "TaskCompleted",
  ])
    assert.ok(explainErrorCode("batchTask", code), code);
  for (const code of ["ApplicationPackageError", "DiskFull"])
    assert.ok(explainErrorCode("computeNode", code), code);
  for (const state of ["starttaskfailed", "preempted", "unusable"])
    assert.ok(explainErrorCode("nodeState", state), state);
  for (const code of [
    "AccountCoreQuotaReached",
    "AccountLowPriorityCoreQuotaReached",
    "AllocationTimedOut",
    "AllocationFailed",
    "ResizeStopped",
  ])
    assert.ok(explainErrorCode("poolResize", code), code);
});

test("every entry is complete, one line per field, short enough to read, linked to Microsoft's documents", () => {
  for (const family of families) {
    const codes = knownErrorCodes(family);
    assert.equal(
      new Set(codes.map((code) => code.toLowerCase())).size,
      codes.length,
      `${family} has a duplicate`,
    );
    for (const code of codes) {
      const entry = explainErrorCode(family, code);
      assert.ok(entry, `${family} ${code}`);
      for (const field of ["means", "check", "fix"] as const) {
        const text = entry[field];
        assert.ok(
          text.length > 10 && text.length <= 200,
          `${family} ${code} ${field} is ${text.length} characters`,
        );
        assert.ok(
          ![...text].some((char) => char.charCodeAt(0) < 0x20),
          `${family} ${code} ${field} has a control character`,
        );
      }
      assert.match(entry.docs, /^https:\/\/learn\.microsoft\.com\/\S+$/, `${family} ${code} docs`);
    }
  }
});

test("an entry reads as means, check, fix and its link, in that order", () => {
  const entry = explainErrorCode("batchTask", "FailureExitCode");
  assert.ok(entry);
  assert.equal(meansLine(entry), `means: ${entry.means}`);
  const lines = explanationLines(entry);
  assert.deepEqual(
    lines.map((line) => line.split(":")[0]),
    ["means", "check", "fix", "docs"],
  );
  assert.equal(lines[3], `docs: ${entry.docs}`);
});
