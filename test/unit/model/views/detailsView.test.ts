import { test } from "node:test";
import assert from "node:assert/strict";
import { detailLines } from "../../../../src/model/views/detailsView.js";

test("details print as pretty JSON with id first and the other keys sorted", () => {
  assert.deepEqual(
    detailLines({ state: "idle", id: "n1", errors: [{ message: "m", code: "C" }], isDedicated: true }),
    [
      "{",
      '  "id": "n1",',
      '  "errors": [',
      "    {",
      '      "code": "C",',
      '      "message": "m"',
      "    }",
      "  ],",
      '  "isDedicated": true,',
      '  "state": "idle"',
      "}",
    ],
  );
});

test("the same object prints the same lines whatever order its keys were set in", () => {
  assert.deepEqual(detailLines({ b: 1, a: 2, id: "x" }), detailLines({ id: "x", a: 2, b: 1 }));
});

test("dates, maps, sets and missing fields print readably", () => {
  const lines = detailLines({
    id: "t",
    startTime: new Date("2025-05-21T12:00:00Z"),
    endTime: undefined,
    byState: new Map([["idle", 2]]),
    tags: new Set(["a"]),
  });
  assert.deepEqual(lines, [
    "{",
    '  "id": "t",',
    '  "byState": {',
    '    "idle": 2',
    "  },",
    '  "startTime": "2025-05-21T12:00:00.000Z",',
    '  "tags": [',
    '    "a"',
    "  ]",
    "}",
  ]);
});

test("strings from Azure cannot carry escape sequences or bidi overrides into the pane", () => {
  const lines = detailLines({ id: "p", message: "quota\u001b]52;c;ZXZpbA==\u0007 reached\u202e\u009b2J" });
  assert.deepEqual(lines, ["{", '  "id": "p",', '  "message": "quota reached"', "}"]);
  const isControl = (character: string): boolean => {
    const code = character.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  };
  assert.ok(lines.every((line) => ![...line].some(isControl)));
});

test("a cycle prints as [circular] instead of throwing", () => {
  const node: Record<string, unknown> = { id: "loop" };
  node.self = node;
  assert.deepEqual(detailLines(node), ["{", '  "id": "loop",', '  "self": "[circular]"', "}"]);
});
