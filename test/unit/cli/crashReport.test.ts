import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeCrashReport } from "../../../src/cli/crashReport.js";
import { CrashError } from "../../../src/ui/crashError.js";

const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJodHRwczovL2JhdGNoIn0.c2lnbmF0dXJl";

test("a crash is one line naming the problem and a log under XDG_STATE_HOME, credentials masked", () => {
  const state = mkdtempSync(join(tmpdir(), "batchtop-state-"));
  const error = new Error(`render failed with Authorization: Bearer ${jwt}\nsecond line`);
  const line = writeCrashReport(
    new CrashError(error),
    { XDG_STATE_HOME: state, HOME: "/home/nobody" },
    new Date("2026-11-22T03:00:00Z"),
  );
  const [file] = readdirSync(join(state, "batchtop"));
  assert.ok(file);
  const path = join(state, "batchtop", file);
  assert.equal(line, `batchtop crashed: render failed with Authorization: Bearer ***; details in ${path}`);
  assert.equal(line.includes("\n"), false);
  const log = readFileSync(path, "utf8");
  assert.match(log, /batchtop crashed at 2026-11-22T03:00:00.000Z/);
  assert.match(log, /at .*crashReport\.test\.ts/, "the stack is in the log, not on screen");
  assert.equal(log.includes(jwt), false, "no token reaches the file");
  assert.equal(statSync(path).mode & 0o777, 0o600, "readable by the user only");
});

test("an unwritable state directory still gives one line", () => {
  // A file where the directory should be: mkdir fails, whoever runs the test (root included).
  const blocker = join(mkdtempSync(join(tmpdir(), "batchtop-state-")), "not-a-directory");
  writeFileSync(blocker, "");
  const line = writeCrashReport(new Error("boom"), { XDG_STATE_HOME: blocker });
  assert.equal(line, `batchtop crashed: boom (no crash log: ${join(blocker, "batchtop")} is not writable)`);
});
