import { test } from "node:test";
import assert from "node:assert/strict";
import { column, ms, now, run } from "./fixtureTables.js";

const HOUR = 3_600_000;

/** The single row of a `print`. */
function print(expressions: string): readonly unknown[] {
  const [row] = run(`print ${expressions}`).rows;
  assert.ok(row);
  return row;
}

test("now(), ago() and datetime literals", () => {
  assert.deepEqual(
    print(
      "now(), ago(1h), now(-1d), datetime(2026-11-22T05:00:00Z), datetime(2026-11-22), datetime(2026-01-02 03:04:05.678)",
    ),
    [
      now.getTime(),
      now.getTime() - HOUR,
      now.getTime() - 24 * HOUR,
      ms("2026-11-22T05:00:00Z"),
      ms("2026-11-22T00:00:00Z"),
      ms("2026-01-02T03:04:05.678Z"),
    ],
  );
  assert.deepEqual(print("datetime(2026-11-22T07:00:00+02:00), datetime(null)"), [
    ms("2026-11-22T05:00:00Z"),
    null,
  ]);
});

test("timespan literals", () => {
  assert.deepEqual(print("1h, 30m, 7d, 1.5h, 100ms, 10s, time(1.02:03:04), timespan(00:30:00), -1h"), [
    HOUR,
    30 * 60_000,
    7 * 24 * HOUR,
    1.5 * HOUR,
    100,
    10_000,
    26 * HOUR + 3 * 60_000 + 4000,
    30 * 60_000,
    -HOUR,
  ]);
});

test("datetime and timespan arithmetic", () => {
  const result = run(
    "print d = datetime(2026-11-22) - datetime(2026-11-21T12:00:00Z), plus = datetime(2026-11-22) + 1h, minus = datetime(2026-11-22) - 30m, ratio = 7d / 1h, twice = 2 * 1h",
  );
  assert.deepEqual(
    result.columns.map((c) => c.type),
    ["timespan", "datetime", "datetime", "real", "timespan"],
  );
  assert.deepEqual(result.rows[0], [
    12 * HOUR,
    ms("2026-11-22T01:00:00Z"),
    ms("2026-11-21T23:30:00Z"),
    168,
    2 * HOUR,
  ]);
  assert.deepEqual(column(run("ADFActivityRun | where isnotnull(End) | project End - Start")), [
    6_030_000,
    30 * 60_000,
  ]);
});

test("numeric arithmetic: long division truncates, real does not", () => {
  assert.deepEqual(print("5 / 2, 5.0 / 2, 7 % 3, -(3), 2 + 3 * 4, 1 / 0, 1h / 0, 1.0 / 0"), [
    2,
    2.5,
    1,
    -3,
    14,
    null,
    null,
    Infinity,
  ]);
});

test("bin() floors numbers, timespans and datetimes (7d bins start on Mondays, as from 0001-01-01)", () => {
  assert.deepEqual(
    print(
      "bin(datetime(2026-11-22T10:45:30Z), 1h), bin(7, 5), bin(2.5, 1.0), bin(90m, 1h), bin(datetime(2026-11-22T10:00:00Z), 7d), floor(datetime(2026-11-22T10:45:30Z), 1d)",
    ),
    [ms("2026-11-22T10:00:00Z"), 5, 2, HOUR, ms("2026-11-16T00:00:00Z"), ms("2026-11-22T00:00:00Z")],
  );
});

test("tostring() formats every type as Kusto does", () => {
  assert.deepEqual(
    print(
      'tostring(1.5), tostring(42), tostring(datetime(2026-11-22)), tostring(datetime(2026-11-22T01:02:03.5Z)), tostring(90m), tostring(1d), tostring(true), tostring(dynamic({"a":1})), tostring(int(null)), tostring("s")',
    ),
    [
      "1.5",
      "42",
      "2026-11-22T00:00:00Z",
      "2026-11-22T01:02:03.5Z",
      "01:30:00",
      "1.00:00:00",
      "true",
      '{"a":1}',
      "",
      "s",
    ],
  );
});

test("toint, tolong, todouble, todatetime: null when the value does not convert", () => {
  assert.deepEqual(
    print(
      'toint("42"), toint("4.2"), toint(4.7), toint("x"), tolong(true), todouble("2.5"), toreal("e"), todatetime("2026-11-22T00:00:00Z"), todatetime("soon")',
    ),
    [42, null, 4, null, 1, 2.5, null, ms("2026-11-22T00:00:00Z"), null],
  );
});

test("tolower, toupper, strlen, strcat, iff", () => {
  assert.deepEqual(
    print('tolower("AbC"), toupper("abc"), strlen("hello"), strcat("a", 1, true), iff(1 > 2, "yes", "no")'),
    ["abc", "ABC", 5, "a1true", "no"],
  );
});

test("isempty, isnotempty, isnull, isnotnull", () => {
  assert.deepEqual(
    print('isempty(""), isempty("x"), isnotempty("x"), isnull(int(null)), isnotnull(1), isnull("")'),
    [true, false, true, true, true, false],
  );
  assert.deepEqual(column(run("ADFActivityRun | where isnotempty(ErrorMessage) | project ActivityRunId")), [
    "a1",
    "a3",
  ]);
  assert.equal(run("ADFActivityRun | where isnull(End)").rows.length, 4);
});

test("has matches whole terms, ignoring case; contains matches substrings", () => {
  const text = '"Task exited with code 1: Out-of-memory"';
  assert.deepEqual(
    print(
      [
        `${text} has "memory"`,
        `${text} has "MEM"`,
        `${text} has "Out-of-memory"`,
        `${text} has "of-mem"`,
        `${text} has_cs "task"`,
        `${text} !has "memory"`,
        `${text} contains "MEM"`,
        `${text} contains_cs "MEM"`,
        `${text} !contains "xyz"`,
        `${text} startswith "task"`,
        `${text} endswith "MEMORY"`,
        `${text} hasprefix "exit"`,
      ].join(", "),
    ),
    [true, false, true, false, false, false, true, false, true, true, true, true],
  );
  assert.deepEqual(column(run('ADFActivityRun | where ErrorMessage has "memory" | project ActivityRunId')), [
    "a1",
  ]);
});

test("== is case-sensitive, =~ is not; in, !in and in~", () => {
  assert.deepEqual(
    print(
      '"abc" == "ABC", "abc" =~ "ABC", "abc" !~ "ABD", "a" in ("a", "b"), "A" in ("a"), "A" in~ ("a"), "c" !in ("a", "b"), 2 in (1, 2)',
    ),
    [false, true, true, true, false, true, true, true],
  );
  assert.deepEqual(column(run('ADFActivityRun | where Status in ("Queued", "Succeeded") | project Status')), [
    "Queued",
    "Succeeded",
  ]);
  assert.equal(run('ADFActivityRun | where Status !in ("Failed")').rows.length, 4);
});

test("and, or and not() with three-valued logic", () => {
  assert.deepEqual(
    print("int(null) > 1 or true, int(null) > 1 and true, int(null) > 1 and false, not(true), not(1 > 2)"),
    [true, null, false, false, true],
  );
});

test("comparisons and between", () => {
  assert.deepEqual(print("1 < 2, 2 <= 2, 3 > 4, 4 >= 4, 5 between (1 .. 5), 6 !between (1 .. 5), 1h > 30m"), [
    true,
    true,
    false,
    true,
    true,
    true,
    true,
  ]);
  const between = run(
    "ADFActivityRun | where TimeGenerated between (datetime(2026-11-22T09:00:00Z) .. 1h) | count",
  );
  assert.deepEqual(between.rows, [[2]]);
});

test("parse_json/todynamic with member and index access", () => {
  const result = run(
    'ADFActivityRun | where isnotempty(Output) | project code = parse_json(Output).exitcode, url = todynamic(Output)["outputs"][0], absent = parse_json(Output).nope',
  );
  assert.deepEqual(
    result.columns.map((c) => c.type),
    ["dynamic", "dynamic", "dynamic"],
  );
  assert.deepEqual(result.rows, [
    [1, "https://st.blob.core.windows.net/adfjobs/a1/output/stdout.txt", null],
    [0, null, null],
  ]);
  assert.deepEqual(print('parse_json("not json"), parse_json("[1,2]")[1], todynamic("")'), [
    "not json",
    2,
    null,
  ]);
});

test("dynamic columns: members, negative indexes, array_length, tostring comparisons", () => {
  const result = run(
    'SynapseIntegrationActivityRuns | project ActivityRunId, team = tostring(Tags.team), tier = toint(Tags["tier"]), second = UserProperties[1], final = UserProperties[-1], n = array_length(UserProperties)',
  );
  assert.deepEqual(result.rows, [
    ["s1", "data", 2, 20, 30, 3],
    ["s2", "ml", null, null, null, 0],
    ["s3", "", null, null, null, null],
  ]);
  assert.deepEqual(
    column(run('SynapseIntegrationActivityRuns | where Tags.team == "ml" | project ActivityRunId')),
    ["s2"],
  );
});

test("real columns from AzureDiagnostics compare with integers", () => {
  assert.deepEqual(
    column(
      run(
        'AzureDiagnostics | where OperationName == "TaskCompleteEvent" and executionInfo_exitCode_d != 0 | project id_s',
      ),
    ),
    ["t3"],
  );
  assert.deepEqual(run("AzureDiagnostics | summarize max(executionInfo_exitCode_d)").rows, [[137]]);
});
