import { test } from "node:test";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { startDemoInPty } from "../helpers/ptyScreen.js";

// `batchtop demo` in a real pseudo-terminal whose demo account (the `batchtop sim` child) is killed
// under it: the header says the demo account stopped, and the panes say the account is unreachable.

/** The processes below `root`, from /proc: pid and command line. */
function descendants(root: number): { pid: number; args: string[] }[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // The process ended while the list was read.
    }
  }
  const found: { pid: number; args: string[] }[] = [];
  const below = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent !== pid) continue;
      try {
        found.push({ pid: child, args: readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0") });
      } catch {
        continue;
      }
      below(child);
    }
  };
  below(root);
  return found;
}

test("killing the demo account under the dashboard shows 'demo account stopped' and UNREACHABLE", async () => {
  // A temporary folder of its own: the killed simulator's certificate folder must not outlive the demo.
  const temp = await mkdtemp(join(tmpdir(), "batchtop-e2e-tmp-"));
  const demo = startDemoInPty("--scenario healthy", { TMPDIR: temp });
  try {
    await demo.waitFor(/Pools \(\d+\) · every \d+s/, "the demo account's pools");
    assert.ok(demo.pid !== undefined);
    const simulator = descendants(demo.pid).find(({ args }) => args.includes("sim"));
    assert.ok(simulator, "the demo account runs as a child process");
    process.kill(simulator.pid, "SIGKILL");

    // The poll may meet the refused connection before the child's exit is reported: wait for both.
    const screen = await demo.waitFor(
      /demo account stopped[\s\S]*Pools \(\d+\) · stale \d+s: unreachable/,
      "the header naming the stopped demo account and the pools pane saying it is unreachable",
      10_000,
    );
    const header = screen.split("\n")[0] ?? "";
    assert.match(header, /UNREACHABLE +demo account stopped \(killed by SIGKILL\)/);
    assert.doesNotMatch(screen, /THROTTLED/);
    assert.match(
      screen,
      /Pools \(\d+\) · stale \d+s: unreachable: connection refused \(ECONNREFUSED\) at https:\/\/127\.0\.0\.1:\d+/,
    );

    demo.type("q");
    assert.equal(await demo.exitCode("q"), 0, "quitting after the demo account died is an ordinary exit");
    assert.deepEqual(
      (await readdir(temp)).filter((name) => name.startsWith("batchtop-sim-")),
      [],
      "the dead simulator's certificate folder was removed by the demo",
    );
  } finally {
    demo.kill();
    await rm(temp, { recursive: true, force: true });
  }
});
