import type { ProgramSpec } from "../../../../src/sim/world/programs.js";
import type { WorldBuilder } from "../../../../src/sim/world/scenarios/builder.js";
import { DAY_MS, SECOND_MS } from "../../../../src/sim/world/time.js";
import { buildWorld, type World } from "../../../../src/sim/world/world.js";

// Small worlds for unit tests: one pool or two, a pipeline that runs once at the hand-over, and
// helpers to move time until something happens.

export const startTime = "2024-05-01T08:00:00.000Z";
export const startMs = Date.parse(startTime);

export function testWorld(
  build: (builder: WorldBuilder) => void,
  options: { seed?: number; leadTimeMs?: number } = {},
): World {
  return buildWorld(
    "test",
    { description: "unit test", leadTimeMs: options.leadTimeMs ?? 0, build },
    { seed: options.seed ?? 7, startTime },
  );
}

export function program(overrides: Partial<ProgramSpec> = {}): ProgramSpec {
  return {
    script: "transform.py",
    kind: "transform",
    durationMs: [60 * SECOND_MS, 60 * SECOND_MS],
    failureRate: 0,
    failureStyle: "schemaDrift",
    uploadFailureRate: 0,
    buffered: false,
    ...overrides,
  };
}

/** A daily ADF pipeline with one Custom activity, whose first run starts right after the hand-over. */
export function addCustomPipeline(
  builder: WorldBuilder,
  poolId: string,
  spec: ProgramSpec,
  options: { fanOut?: number; maxTaskRetryCount?: number; name?: string } = {},
): void {
  builder.addPipeline(
    {
      name: options.name ?? "transform_customers_daily",
      host: builder.adfFactory("adf-test"),
      poolId,
      triggerName: "tr_daily",
      everyMs: DAY_MS,
      activities: [
        {
          type: "Custom",
          name: "transform",
          program: spec,
          fanOut: options.fanOut ?? 1,
          maxTaskRetryCount: options.maxTaskRetryCount ?? 0,
        },
      ],
    },
    0,
  );
}

/** Advances one step at a time until `done` holds; fails the test after `limitMs` of simulated time. */
export function advanceUntil(world: World, done: () => boolean, limitMs = 60 * 60 * SECOND_MS): void {
  for (let elapsed = 0; !done(); elapsed += SECOND_MS) {
    if (elapsed >= limitMs)
      throw new Error(`condition not reached within ${limitMs / SECOND_MS} simulated seconds`);
    world.advance(SECOND_MS);
  }
}

export function onlyJobTasks(world: World, poolId: string) {
  return world.listTasks(`adfv2-${poolId}`);
}
