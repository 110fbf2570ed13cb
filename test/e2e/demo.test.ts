import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

// `batchtop demo` in a real pseudo-terminal (util-linux `script`, part of every Debian base system):
// the demo account starts as a child process, the dashboard shows its pools and nodes through the
// real SDK clients, and `q` leaves the terminal as it was.

/* eslint-disable no-control-regex -- the assertions are about terminal control sequences */
const root = fileURLToPath(new URL("../..", import.meta.url));
const entry = fileURLToPath(new URL("../helpers/cli.ts", import.meta.url));

test("batchtop demo shows live pools and nodes in a terminal, and q restores it", async () => {
  const command = `stty cols 120 rows 40; exec ${process.execPath} --import tsx ${entry} demo --scenario incident --seed 2`;
  const terminal = spawn("script", ["-qfec", command, "/dev/null"], {
    cwd: root,
    // CI=true as on a CI runner or a jump host that sets it: the dashboard must draw all the same.
    env: { ...process.env, TERM: "xterm-256color", CI: "true" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let screen = "";
  terminal.stdout.on("data", (chunk: Buffer) => (screen += chunk.toString("utf8")));
  try {
    for (let i = 0; i < 600 && !/tvmps_/.test(screen); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(screen, /\u001b\[\?1049h/, "the dashboard draws on the alternate screen");
    assert.match(screen, /etl-highmem-e8/, "the incident's pools are listed");
    assert.match(screen, /tvmps_/, "the selected pool's nodes are listed");
    assert.match(screen, /\d+s ago/, "the header says how fresh the data is");
    terminal.stdin.write("q");
    const [code] = (await once(terminal, "exit")) as [number | null];
    assert.equal(code, 0);
    const afterLastDraw = screen.slice(screen.lastIndexOf("tvmps_"));
    assert.match(
      afterLastDraw,
      /\u001b\[\?25h\u001b\[\?1049l/,
      "the cursor is shown and the alternate screen left",
    );
  } finally {
    if (terminal.exitCode === null) terminal.kill("SIGKILL");
  }
});
