import { test } from "node:test";
import assert from "node:assert/strict";
import { AzureRequestError } from "../../../src/azure/azureError.js";
import { LogTail } from "../../../src/store/logTail.js";
import type { OutputStore } from "../../../src/azure/outputStore.js";
import type { ByteRange, FileProperties } from "../../../src/model/files.js";

/** One file that a test grows, truncates, re-creates or removes; reads are counted. */
class FakeFile {
  content = new Uint8Array(0);
  creationTime = new Date("2026-11-22T03:00:00Z");
  present = true;
  reads: ByteRange[] = [];

  append(text: string): void {
    const added = new TextEncoder().encode(text);
    const joined = new Uint8Array(this.content.length + added.length);
    joined.set(this.content);
    joined.set(added, this.content.length);
    this.content = joined;
  }

  replace(text: string, creationTime = this.creationTime): void {
    this.content = new TextEncoder().encode(text);
    this.creationTime = creationTime;
  }

  properties(): FileProperties | undefined {
    return this.present ? { size: this.content.length, creationTime: this.creationTime } : undefined;
  }

  read(range: ByteRange): Uint8Array {
    this.reads.push(range);
    return this.content.slice(range.start, range.end + 1);
  }
}

function setUp(options: { withStore?: boolean; initialBytes?: number; maxBytesPerPoll?: number } = {}) {
  const node = new FakeFile();
  const blob = new FakeFile();
  blob.present = false;
  const gone = () =>
    new AzureRequestError("The specified file does not exist.", 404, "FileNotFound", undefined, undefined);
  const reader = {
    taskFileProperties: async () => {
      const properties = node.properties();
      if (!properties) throw gone();
      return properties;
    },
    readTaskFile: async (_job: string, _task: string, _path: string, range: ByteRange) => node.read(range),
  };
  const outputStore: OutputStore = {
    outputLocation: (id, stream) => `adfjobs/${id}/output/${stream}.txt`,
    outputProperties: async () => blob.properties(),
    readOutput: async (_id, _stream, range) => blob.read(range),
  };
  const tail = new LogTail(
    { jobId: "adfv2-etl", taskId: "run-1", stream: "stdout" },
    {
      reader,
      ...(options.withStore ? { outputStore } : {}),
      ...(options.initialBytes ? { initialBytes: options.initialBytes } : {}),
      ...(options.maxBytesPerPoll ? { maxBytesPerPoll: options.maxBytesPerPoll } : {}),
    },
  );
  return { node, blob, tail };
}

test("each poll reads only the bytes appended since the last one", async () => {
  const { node, tail } = setUp();
  node.append("one\ntwo\n");
  const first = await tail.poll();
  assert.deepEqual(first.lines, ["one", "two"]);
  assert.deepEqual(first.source, { kind: "node", location: "adfv2-etl/run-1/stdout.txt" });
  node.append("three\n");
  const second = await tail.poll();
  assert.deepEqual(node.reads, [
    { start: 0, end: 7 },
    { start: 8, end: 13 },
  ]);
  assert.equal(second.bytesRead, 6);
  assert.equal(second.offset, 14);
  assert.deepEqual(second.lines, ["one", "two", "three"]);
  const idle = await tail.poll();
  assert.equal(idle.bytesRead, 0);
  assert.equal(node.reads.length, 2, "nothing new, nothing read");
});

test("a file that shrank is read again from the start, and the result says so", async () => {
  const { node, tail } = setUp();
  node.append("a long first attempt\nwith lines\n");
  await tail.poll();
  node.replace("short\n");
  const after = await tail.poll();
  assert.equal(after.restarted, "truncated");
  assert.deepEqual(after.lines, ["short"]);
  assert.deepEqual(node.reads.at(-1), { start: 0, end: 5 });
  assert.equal((await tail.poll()).restarted, undefined, "said once");
});

test("a file created again (the task ran again) restarts even when it is already longer", async () => {
  const { node, tail } = setUp();
  node.append("attempt 1\n");
  await tail.poll();
  node.replace("attempt 2 wrote more than the first\n", new Date("2026-11-22T04:00:00Z"));
  const after = await tail.poll();
  assert.equal(after.restarted, "recreated");
  assert.deepEqual(after.lines, ["attempt 2 wrote more than the first"]);
});

test("when the node's file is gone the tail reads the adfjobs copy and names it", async () => {
  const { node, blob, tail } = setUp({ withStore: true });
  node.append("from the node\n");
  await tail.poll();
  node.present = false;
  blob.present = true;
  blob.replace("from the node\nand the rest\n");
  const after = await tail.poll();
  assert.deepEqual(after.source, { kind: "adfjobs", location: "adfjobs/run-1/output/stdout.txt" });
  assert.equal(after.restarted, "source-changed");
  assert.deepEqual(after.lines, ["from the node", "and the rest"]);
  blob.append("late line\n");
  const next = await tail.poll();
  assert.deepEqual(blob.reads.at(-1), { start: 27, end: 36 });
  assert.equal(next.restarted, undefined);
});

test("with neither source the lines read so far stay and the reason is given", async () => {
  const { node, tail } = setUp();
  node.append("last words\n");
  await tail.poll();
  node.present = false;
  const after = await tail.poll();
  assert.equal(after.source, undefined);
  assert.deepEqual(after.lines, ["last words"]);
  assert.match(
    after.unavailable ?? "",
    /stdout\.txt is not on the node \(The specified file does not exist\.\)/,
  );
  assert.match(after.unavailable ?? "", /--storage-url/);
});

test("a long file is first read near its end, and a burst beyond the per-poll limit is skipped", async () => {
  const { node, tail } = setUp({ initialBytes: 16, maxBytesPerPoll: 20 });
  node.append("0123456789\n".repeat(10));
  const first = await tail.poll();
  assert.deepEqual(node.reads, [{ start: 94, end: 109 }]);
  assert.equal(first.skippedBytes, 94);
  assert.deepEqual(first.lines, ["0123456789"], "the fragment before the first line break is dropped");
  node.append("burst line\n".repeat(5));
  const second = await tail.poll();
  assert.deepEqual(node.reads.at(-1), { start: 145, end: 164 });
  assert.equal(second.skippedBytes, 94 + 35);
  assert.deepEqual(second.lines.slice(-1), ["burst line"]);
});

test("errors other than a missing file reach the caller", async () => {
  const throttledTail = new LogTail(
    { jobId: "j", taskId: "t", stream: "stderr" },
    {
      reader: {
        taskFileProperties: async () => {
          throw new AzureRequestError("Too many requests", 429, "TooManyRequests", 1_000, undefined);
        },
        readTaskFile: async () => new Uint8Array(0),
      },
    },
  );
  await assert.rejects(throttledTail.poll(), /Too many requests/);
});
