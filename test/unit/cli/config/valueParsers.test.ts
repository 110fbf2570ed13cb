import { test } from "node:test";
import assert from "node:assert/strict";
import {
  batchAccountName,
  batchEndpoint,
  booleanValue,
  duration,
  formatDuration,
  guid,
  httpsUrl,
  resourceGroupName,
  simpleName,
  synapseEndpointTemplate,
  type Parsed,
} from "../../../../src/cli/config/valueParsers.js";

function value<T>(parsed: Parsed<T>): T {
  assert.ok(parsed.ok, `expected a value, got ${parsed.ok ? "" : parsed.problem}`);
  return parsed.value;
}

function problem<T>(parsed: Parsed<T>): string {
  assert.ok(!parsed.ok, "expected a problem");
  return parsed.problem;
}

const endpoint = batchEndpoint("https://myaccount.westeurope.batch.azure.com");

test("a Batch endpoint may come without a scheme, as az batch account show prints it", () => {
  assert.equal(
    value(endpoint.fromText("myacct.westeurope.batch.azure.com")),
    "https://myacct.westeurope.batch.azure.com",
  );
  assert.equal(
    value(endpoint.fromText("https://myacct.westeurope.batch.azure.com/")),
    "https://myacct.westeurope.batch.azure.com",
  );
  assert.equal(value(endpoint.fromText("https://127.0.0.1:8443")), "https://127.0.0.1:8443");
});

test("a Batch endpoint must be https, without a path, query or credentials", () => {
  assert.match(
    problem(endpoint.fromText("http://myacct.westeurope.batch.azure.com")),
    /must be an https URL such as https:\/\/myaccount/,
  );
  assert.match(problem(endpoint.fromText("https://myacct.batch.azure.com/pools")), /without a path/);
  assert.match(problem(endpoint.fromText("https://user:pw@myacct.batch.azure.com")), /user name or password/);
  assert.match(problem(endpoint.fromText("https://myacct.batch.azure.com?sig=abc")), /query/);
  assert.match(problem(endpoint.fromText("not a url at all")), /must be an https URL/);
  assert.match(problem(endpoint.fromJson(42)), /must be an https URL .*got a number/);
});

test("a rejected value is echoed with its secrets hidden", () => {
  const message = problem(
    httpsUrl("https://x").fromText("https://acct.blob.core.windows.net/?sv=2022&sig=TOPSECRET"),
  );
  assert.doesNotMatch(message, /TOPSECRET/);
  assert.match(message, /sig=\*\*\*/);
});

test("service URLs keep their path and lose a trailing slash", () => {
  const url = httpsUrl("https://api.loganalytics.io/v1");
  assert.equal(
    value(url.fromText("https://api.loganalytics.azure.cn/v1/")),
    "https://api.loganalytics.azure.cn/v1",
  );
  assert.equal(
    value(url.fromText("https://127.0.0.1:10000/devstoreaccount1")),
    "https://127.0.0.1:10000/devstoreaccount1",
  );
  assert.match(problem(url.fromText("ftp://example.com")), /https/);
});

test("GUIDs are checked and lowercased; the problem says where to find the right one", () => {
  const subscription = guid("the subscription ID (az account show --query id)");
  assert.equal(
    value(subscription.fromText("0B1F6471-1BF0-4DDA-AEC3-CB9272F09590")),
    "0b1f6471-1bf0-4dda-aec3-cb9272f09590",
  );
  assert.match(
    problem(subscription.fromText("My Subscription")),
    /must be the subscription ID \(az account show --query id\), a GUID/,
  );
});

test("resource group and account names follow Azure's rules", () => {
  assert.equal(value(resourceGroupName.fromText("rg-batch_prod.(eu)")), "rg-batch_prod.(eu)");
  assert.match(problem(resourceGroupName.fromText("ends.")), /not ending in a period/);
  assert.match(problem(resourceGroupName.fromText("has space")), /resource group name/);
  assert.equal(value(batchAccountName.fromText("batchtopdemo")), "batchtopdemo");
  assert.match(problem(batchAccountName.fromText("My_Account")), /3 to 24 lowercase letters and digits/);
});

test("durations take seconds, units, and JSON numbers, within bounds", () => {
  const refresh = duration(1000, 600_000);
  assert.equal(value(refresh.fromText("2")), 2000);
  assert.equal(value(refresh.fromText("2s")), 2000);
  assert.equal(value(refresh.fromText("1.5s")), 1500);
  assert.equal(value(refresh.fromText("1500ms")), 1500);
  assert.equal(value(refresh.fromText("10m")), 600_000);
  assert.equal(value(refresh.fromJson(5)), 5000);
  assert.equal(value(refresh.fromJson("5s")), 5000);
  assert.equal(problem(refresh.fromText("fast")), 'must be a duration like 5s (from 1s to 10m), got "fast"');
  assert.equal(problem(refresh.fromText("100ms")), 'must be from 1s to 10m, got "100ms"');
  assert.equal(problem(refresh.fromJson(0)), "must be from 1s to 10m, got 0");
  assert.match(problem(refresh.fromJson(true)), /got a boolean/);
});

test("formatDuration writes the shortest exact form", () => {
  assert.deepEqual([2000, 1500, 500, 60_000, 90_000].map(formatDuration), [
    "2s",
    "1.5s",
    "500ms",
    "1m",
    "90s",
  ]);
});

test("booleans read the words shells use; profiles need JSON booleans", () => {
  for (const word of ["true", "1", "yes", "ON"]) assert.equal(value(booleanValue.fromText(word)), true);
  for (const word of ["false", "0", "no", "Off"]) assert.equal(value(booleanValue.fromText(word)), false);
  assert.match(problem(booleanValue.fromText("maybe")), /must be true or false, got "maybe"/);
  assert.match(problem(booleanValue.fromJson("false")), /must be true or false, got a string/);
});

test("theme names cannot reach outside the themes directory", () => {
  const theme = simpleName("theme");
  assert.equal(value(theme.fromText("high-contrast")), "high-contrast");
  for (const bad of ["../../etc/passwd", "a/b", ".hidden", ""]) assert.ok(!theme.fromText(bad).ok, bad);
});

test("a Synapse endpoint is an https template naming the workspace with {workspace}, and nothing else", () => {
  const template = synapseEndpointTemplate;
  assert.equal(
    value(template.fromText("https://{workspace}.dev.azuresynapse.net/")),
    "https://{workspace}.dev.azuresynapse.net",
  );
  assert.equal(
    value(template.fromText("https://127.0.0.1:4711/synapse/{workspace}")),
    "https://127.0.0.1:4711/synapse/{workspace}",
  );
  assert.equal(
    problem(template.fromText("https://syn-contoso.dev.azuresynapse.net")),
    'must name the workspace with {workspace}, such as https://{workspace}.dev.azuresynapse.net, got "https://syn-contoso.dev.azuresynapse.net"',
  );
  assert.match(
    problem(template.fromText("https://{workspace}.{region}.example")),
    /^must have \{workspace\} as its only placeholder, not \{region\}, got /,
  );
  assert.match(
    problem(template.fromText("http://{workspace}.dev.azuresynapse.net")),
    /^must be an https URL such as /,
  );
  assert.match(problem(template.fromText("{workspace}")), /^must be an https URL such as /);
  assert.equal(
    problem(template.fromText("https://{workspace}.dev.azuresynapse.net/?sig=secret")),
    'must not carry a query or fragment (no SAS tokens), got "https://{workspace}.dev.azuresynapse.net/?sig=***"',
  );
  assert.match(problem(template.fromJson(3)), /^must be an https URL with \{workspace\}/);
});
