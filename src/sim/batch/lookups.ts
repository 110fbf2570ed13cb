import type { BatchWorld } from "../world/batchWorld.js";
import type { ComputeNode, Job, Pool, Task } from "../world/entities.js";
import { jobNotFound, nodeNotFound, poolNotFound, taskNotFound } from "./batchErrors.js";

// The parent-first existence checks every route makes, so a missing pool answers PoolNotFound even when
// the request was about one of its nodes, as the service does.

export function requirePool(world: BatchWorld, poolId: string): Pool {
  const pool = world.getPool(poolId);
  if (!pool) throw poolNotFound();
  return pool;
}

export function requireNode(world: BatchWorld, poolId: string, nodeId: string): ComputeNode {
  requirePool(world, poolId);
  const node = world.getNode(poolId, nodeId);
  if (!node) throw nodeNotFound();
  return node;
}

export function requireJob(world: BatchWorld, jobId: string): Job {
  const job = world.getJob(jobId);
  if (!job) throw jobNotFound();
  return job;
}

export function requireTask(world: BatchWorld, jobId: string, taskId: string): Task {
  requireJob(world, jobId);
  const task = world.getTask(jobId, taskId);
  if (!task) throw taskNotFound();
  return task;
}
