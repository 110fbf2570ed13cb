import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TestContext } from "node:test";
import { createAuditJournal, type AuditEntry } from "../../../src/actions/auditJournal.js";

/** A journal where batchtop keeps it, under a state directory that does not exist yet. */
async function tempJournalPath(t: TestContext): Promise<{ root: string; path: string }> {
  const root = await mkdtemp(join(tmpdir(), "batchtop-audit-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  return { root, path: join(root, "state", "batchtop", "audit.jsonl") };
}

function entry(minute: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    time: `2025-05-21T12:${String(minute).padStart(2, "0")}:00.000Z`,
    account: "contoso",
    action: "rescale",
    target: `pool etl-${minute}`,
    changes: [`dedicated nodes: ${minute} → ${minute + 1}`, "spot nodes: 0 → 0"],
    outcome: "sent",
    ...extra,
  };
}

test("entries read back newest first, as they were appended", async (t) => {
  const { path } = await tempJournalPath(t);
  const journal = createAuditJournal(path, "~/.local/state/batchtop/audit.jsonl");
  const refused = entry(2, {
    outcome: "failed",
    error: "HTTP 409 PoolBeingResized: The specified pool is being resized",
  });
  await journal.append(entry(1));
  await journal.append(refused);
  await journal.append(entry(3));
  assert.deepEqual(await journal.recent(10), [entry(3), refused, entry(1)]);
  assert.equal(journal.shownAs, "~/.local/state/batchtop/audit.jsonl");
});

test("recent returns at most the number asked for, the newest ones", async (t) => {
  const { path } = await tempJournalPath(t);
  const journal = createAuditJournal(path, path);
  for (let minute = 0; minute < 5; minute++) await journal.append(entry(minute));
  assert.deepEqual(await journal.recent(2), [entry(4), entry(3)]);
  assert.deepEqual(await journal.recent(0), []);
});

test("the journal is readable by its owner only: file 0600 in a directory 0700", async (t) => {
  const { root, path } = await tempJournalPath(t);
  await createAuditJournal(path, path).append(entry(1));
  assert.equal((await stat(path)).mode & 0o777, 0o600);
  assert.equal((await stat(dirname(path))).mode & 0o777, 0o700);
  assert.equal((await stat(join(root, "state"))).mode & 0o777, 0o700, "every directory it created");
});

test("a torn or foreign line is skipped and the entries around it still read", async (t) => {
  const { path } = await tempJournalPath(t);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(
    path,
    [
      JSON.stringify(entry(1)),
      "not json at all",
      '{"time":"2025-05-21T12:02:00.000Z","account":"contoso","act',
      JSON.stringify({ some: "other tool's line" }),
      "",
      JSON.stringify(entry(3)),
      "",
    ].join("\n"),
  );
  const journal = createAuditJournal(path, path);
  assert.deepEqual(await journal.recent(10), [entry(3), entry(1)]);
  await journal.append(entry(4));
  assert.deepEqual(await journal.recent(2), [entry(4), entry(3)], "appending after them still reads");
});

test("a journal that was never written reads as empty", async (t) => {
  const { path } = await tempJournalPath(t);
  assert.deepEqual(await createAuditJournal(path, path).recent(10), []);
});

test("appending adds a line and never rewrites the lines before it", async (t) => {
  const { path } = await tempJournalPath(t);
  const journal = createAuditJournal(path, path);
  await journal.append(entry(1));
  await journal.append(entry(2));
  const before = await readFile(path, "utf8");
  const { ino } = await stat(path);
  await journal.append(entry(3));
  const after = await readFile(path, "utf8");
  assert.ok(after.startsWith(before), "the earlier bytes are unchanged");
  assert.equal(after.slice(before.length), `${JSON.stringify(entry(3))}\n`);
  assert.equal((await stat(path)).ino, ino, "the same file, not a replacement");
  assert.deepEqual(
    after
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as unknown),
    [entry(1), entry(2), entry(3)],
    "one JSON object a line",
  );
});

test("after a last line torn by a crash, the next entry starts a line of its own", async (t) => {
  const { path } = await tempJournalPath(t);
  const journal = createAuditJournal(path, "~/.local/state/batchtop/audit.jsonl");
  await journal.append(entry(1));
  await writeFile(path, `${await readFile(path, "utf8")}{"time":"2026-11-22T03:02`);
  await journal.append(entry(3));
  const times = (await journal.recent(10)).map((found) => found.time);
  assert.deepEqual(times, [entry(3).time, entry(1).time]);
});

test("a line shaped like an entry but without its changes or outcome is skipped, not shown broken", async (t) => {
  const { path } = await tempJournalPath(t);
  const journal = createAuditJournal(path, "~/.local/state/batchtop/audit.jsonl");
  await journal.append(entry(1));
  await writeFile(path, `${await readFile(path, "utf8")}{"time":"t","action":"rescale","target":"pool x"}\n`);
  assert.deepEqual(
    (await journal.recent(10)).map((found) => found.time),
    [entry(1).time],
  );
});

test("appends asked for together land whole and in order, and a read right after sees them", async (t) => {
  const { path } = await tempJournalPath(t);
  const journal = createAuditJournal(path, "audit.jsonl");
  // Not awaited: an outcome's line and the next action's line can be asked for in one turn.
  const writes = [1, 2, 3, 4, 5].map((minute) => journal.append(entry(minute)));
  // `:audit` typed while they are being written.
  assert.deepEqual(await journal.recent(10), [entry(5), entry(4), entry(3), entry(2), entry(1)]);
  await Promise.all(writes);
  const lines = (await readFile(path, "utf8")).trimEnd().split("\n");
  assert.equal(lines.length, 5);
});
