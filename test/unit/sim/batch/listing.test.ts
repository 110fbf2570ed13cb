import { test } from "node:test";
import assert from "node:assert/strict";
import type { SimRequest } from "../../../../src/sim/http/service.js";
import { SimServiceError } from "../../../../src/sim/http/serviceError.js";
import {
  encodeSkipToken,
  listResponse,
  nextLink,
  scanPage,
  startIndex,
} from "../../../../src/sim/batch/listing.js";
import { taskProperties } from "../../../../src/sim/batch/odata/entityProperties.js";
import { taskFilter } from "../../../../src/sim/batch/odata/filterSchemas.js";
import type { Task } from "../../../../src/sim/world/entities.js";
import { makeTask } from "../../../helpers/batchEntities.js";

const items = Array.from({ length: 10 }, (_, index) => ({ id: `i${index}`, even: index % 2 === 0 }));

function request(query: string): SimRequest {
  return {
    method: "GET",
    path: "/jobs/j%201/tasks",
    query: new URLSearchParams(query),
    headers: {},
    body: Buffer.alloc(0),
    baseUrl: "https://127.0.0.1:4711",
    requestId: "r-1",
  };
}

test("scanPage stops at a full page and points at the next match", () => {
  const page = scanPage(items, 0, 3, (item) => (item as { even: boolean }).even);
  assert.deepEqual(
    page.items.map((item) => item.id),
    ["i0", "i2", "i4"],
  );
  assert.equal(page.nextIndex, 6);
});

test("scanPage gives no next index when nothing else matches", () => {
  const page = scanPage(items, 6, 2, (item) => (item as { even: boolean }).even);
  assert.deepEqual(
    page.items.map((item) => item.id),
    ["i6", "i8"],
  );
  assert.equal(page.nextIndex, undefined);
});

test("scanPage reads each item once per page and never past the look-ahead match", () => {
  let reads = 0;
  scanPage(items, 0, 2, () => {
    reads += 1;
    return true;
  });
  assert.equal(reads, 3);
});

test("a skip token finds its item again after earlier items went away", () => {
  const token = encodeSkipToken({ index: 5, id: "i5" });
  assert.equal(
    startIndex(new URLSearchParams({ $skiptoken: token }), items, (item) => item.id),
    5,
  );
  const shorter = items.slice(2);
  assert.equal(
    startIndex(new URLSearchParams({ $skiptoken: token }), shorter, (item) => item.id),
    3,
  );
  const gone = items.filter((item) => item.id !== "i5");
  assert.equal(
    startIndex(new URLSearchParams({ $skiptoken: token }), gone, (item) => item.id),
    5,
  );
});

test("a forged skip token is a 400 naming $skiptoken", () => {
  for (const token of [
    "not-base64!",
    Buffer.from("[1]").toString("base64url"),
    encodeSkipToken({ index: -1, id: "x" }),
  ]) {
    assert.throws(
      () => startIndex(new URLSearchParams({ $skiptoken: token }), items, (item) => item.id),
      (error: unknown) =>
        error instanceof SimServiceError &&
        error.code === "InvalidQueryParameterValue" &&
        error.values[0]?.value === "$skiptoken",
    );
  }
});

test("nextLink keeps the path encoding and every other query option", () => {
  const link = nextLink(request("api-version=2022-10-01.16.0&$filter=state eq 'active'&maxresults=2"), {
    index: 4,
    id: "t4",
  });
  const url = new URL(link);
  assert.equal(url.origin + url.pathname, "https://127.0.0.1:4711/jobs/j%201/tasks");
  assert.equal(url.searchParams.get("$filter"), "state eq 'active'");
  assert.equal(url.searchParams.get("maxresults"), "2");
  assert.equal(url.searchParams.get("api-version"), "2022-10-01.16.0");
  assert.ok(url.searchParams.get("$skiptoken"));
});

test("listResponse pages through a filtered, selected list to the end", () => {
  const tasks: Task[] = Array.from({ length: 7 }, (_, index) =>
    makeTask("j 1", `t${index}`, { state: index % 3 === 0 ? "running" : "active" }),
  );
  const spec = {
    metadata: "tasks",
    pageSize: { default: 1000, max: 1000 },
    filter: taskFilter,
    selectable: taskProperties,
    idOf: (task: Task) => task.id,
  };
  const seen: string[] = [];
  let query = "api-version=2022-10-01.16.0&maxresults=2&$filter=state eq 'active'&$select=id,state";
  for (let pages = 0; pages < 10; pages += 1) {
    const response = listResponse(request(query), tasks, spec);
    const body = JSON.parse(response.body as string) as {
      value: { id: string; state: string }[];
      "odata.nextLink"?: string;
      "odata.metadata": string;
    };
    assert.equal(body["odata.metadata"], "https://127.0.0.1:4711/$metadata#tasks");
    for (const item of body.value) {
      assert.deepEqual(Object.keys(item), ["id", "state"]);
      seen.push(item.id);
    }
    if (!body["odata.nextLink"]) break;
    query = new URL(body["odata.nextLink"]).search.slice(1);
  }
  assert.deepEqual(seen, ["t1", "t2", "t4", "t5"]);
});
