// How long `batchtop sim` takes to be ready and how much memory it holds, per scenario, against a
// bare `node` start as the floor. Runs the compiled CLI, as users do (npm run bench builds first).
// `simStartup(options)` returns the figures (test/bench/run.ts gathers every section's); run alone,
// this file prints its table.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface StartupOptions {
  runs: number;
  scenarios: readonly ("healthy" | "incident" | "scale")[];
  print: boolean;
}

export const defaultStartupOptions: StartupOptions = {
  runs: Number(process.env.BENCH_RUNS ?? 3),
  scenarios: ["healthy", "incident", "scale"],
  print: true,
};

/**
 * Median spawn-to-ready time and peak RSS per scenario (`simStartupMsHealthy`, `simPeakRssMiBScale`,
 * …), with the bare node process's beside them (`…BareNode`).
 */
export type StartupFigures = Record<`simStartupMs${string}` | `simPeakRssMiB${string}`, number>;

interface Sample {
  readyMs: number;
  peakRssMiB: number;
}

/** Peak resident memory of a live process, from Linux's VmHWM. */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

function measure(args: string[], readyPattern: RegExp): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let ready = false;
    const finish = () => {
      ready = true;
      const sample = { readyMs: performance.now() - started, peakRssMiB: peakRss(child.pid!) };
      child.kill("SIGINT");
      child.once("exit", () => resolve(sample));
    };
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!ready && readyPattern.test(stderr)) finish();
    });
    child.once("exit", (code) => {
      if (!readyPattern.test(stderr)) reject(new Error(`exited ${code}: ${stderr}`));
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const cases: { key: string; name: string; args: string[]; ready: RegExp; budget?: string }[] = [
  {
    key: "BareNode",
    name: "baseline: bare node process",
    args: ["-e", "process.stderr.write('ready in 0'); setInterval(() => {}, 1000)"],
    ready: /ready in/,
  },
  {
    key: "Healthy",
    name: "sim --scenario healthy",
    args: ["bin/batchtop.js", "sim", "--scenario", "healthy"],
    ready: /ready in/,
    budget: "< 2 s",
  },
  {
    key: "Incident",
    name: "sim --scenario incident",
    args: ["bin/batchtop.js", "sim", "--scenario", "incident"],
    ready: /ready in/,
  },
  {
    key: "Scale",
    name: "sim --scenario scale",
    args: ["bin/batchtop.js", "sim", "--scenario", "scale"],
    ready: /ready in/,
    budget: "< 10 s, < 1 GiB",
  },
];

export async function simStartup(options: StartupOptions = defaultStartupOptions): Promise<StartupFigures> {
  const { runs } = options;
  const chosen = cases.filter(
    (benchCase) =>
      benchCase.key === "BareNode" || options.scenarios.some((name) => name === benchCase.key.toLowerCase()),
  );
  const figures: StartupFigures = {};
  const rows: string[][] = [];
  for (const benchCase of chosen) {
    const samples: Sample[] = [];
    for (let run = 0; run < runs; run++) samples.push(await measure(benchCase.args, benchCase.ready));
    figures[`simStartupMs${benchCase.key}`] = median(samples.map((s) => s.readyMs));
    figures[`simPeakRssMiB${benchCase.key}`] = median(samples.map((s) => s.peakRssMiB));
    rows.push([
      benchCase.name,
      `${(median(samples.map((s) => s.readyMs)) / 1000).toFixed(2)} s`,
      `${(Math.max(...samples.map((s) => s.readyMs)) / 1000).toFixed(2)} s`,
      `${Math.round(median(samples.map((s) => s.peakRssMiB)))} MiB`,
      benchCase.budget ?? "",
    ]);
  }
  if (!options.print) return figures;

  const header = ["startup (spawn → ready)", "median", "max", "peak RSS", "budget"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ");
  console.log(`batchtop sim startup, ${runs} runs each`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await simStartup();
