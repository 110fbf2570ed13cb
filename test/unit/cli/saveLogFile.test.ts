import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { saveLogFile } from "../../../src/cli/dashboardServices.js";

/** A fresh home whose state directory is inside it, removed after the test. */
async function withHome(t: {
  after: (fn: () => Promise<void>) => void;
}): Promise<{ home: string; state: string; env: Record<string, string> }> {
  const home = await mkdtemp(join(tmpdir(), "batchtop-home-"));
  t.after(() => rm(home, { recursive: true, force: true }));
  const state = join(home, ".local", "state");
  return { home, state, env: { HOME: home, XDG_STATE_HOME: state } };
}

test("a saved log lands under $XDG_STATE_HOME/batchtop, one line per line, shown with ~", async (t) => {
  const { state, env } = await withHome(t);
  const shown = await saveLogFile(env, "task-1-stdout.log", ["first", "second", "  third"]);
  assert.equal(shown, "~/.local/state/batchtop/task-1-stdout.log");
  const text = await readFile(join(state, "batchtop", "task-1-stdout.log"), "utf8");
  assert.equal(text, "first\nsecond\n  third\n");
});

test("a saved log is readable by its owner only, in a directory only its owner can open", async (t) => {
  const { state, env } = await withHome(t);
  await saveLogFile(env, "task-1-stderr.log", ["secret=hunter2"]);
  assert.equal((await stat(join(state, "batchtop"))).mode & 0o777, 0o700);
  assert.equal((await stat(join(state, "batchtop", "task-1-stderr.log"))).mode & 0o777, 0o600);
});

test("saving under a name that exists fails and keeps the first file as it was", async (t) => {
  const { state, env } = await withHome(t);
  await saveLogFile(env, "task-1-stdout.log", ["the first save"]);
  await assert.rejects(saveLogFile(env, "task-1-stdout.log", ["the second save"]), { code: "EEXIST" });
  assert.equal(await readFile(join(state, "batchtop", "task-1-stdout.log"), "utf8"), "the first save\n");
});

test("a name with slashes or .. stays inside the directory, odd characters becoming _", async (t) => {
  const { home, state, env } = await withHome(t);
  const shown = await saveLogFile(env, "../../escape/evil .log", ["x"]);
  assert.equal(shown, "~/.local/state/batchtop/.._.._escape_evil_.log");
  assert.deepEqual(await readdir(join(state, "batchtop")), [".._.._escape_evil_.log"]);
  assert.deepEqual((await readdir(home)).sort(), [".local"], "nothing was written beside it");
  assert.deepEqual(await readdir(state), ["batchtop"]);
  const slashes = await saveLogFile(env, "/etc/passwd", ["x"]);
  assert.equal(slashes, "~/.local/state/batchtop/_etc_passwd");
  assert.equal(
    await saveLogFile(env, "..", ["x"]),
    "~/.local/state/batchtop/log-..",
    "dots alone name a file",
  );
});

test("a state directory outside HOME is shown as a full path", async (t) => {
  const { env: homeEnv } = await withHome(t);
  const elsewhere = await mkdtemp(join(tmpdir(), "batchtop-state-"));
  t.after(() => rm(elsewhere, { recursive: true, force: true }));
  const shown = await saveLogFile({ ...homeEnv, XDG_STATE_HOME: elsewhere }, "task-9-stdout.log", ["x"]);
  assert.equal(shown, join(elsewhere, "batchtop", "task-9-stdout.log"));
});
