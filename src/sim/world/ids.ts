import type { Random } from "./random.js";

/** Node ids look like the service's: `tvmps_` + 64 hex digits + `_d` (dedicated) or `_p` (Spot). */
export function newNodeId(rng: Random, dedicated: boolean): string {
  return `tvmps_${rng.hex(64)}_${dedicated ? "d" : "p"}`;
}

/** A private 10.x address per pool and allocation number; nodes never share one inside a pool. */
export function nodeIpAddress(poolIndex: number, allocationNumber: number): string {
  const third = Math.floor(allocationNumber / 250) % 250;
  return `10.${(poolIndex % 250) + 1}.${third}.${(allocationNumber % 250) + 4}`;
}

/** Milliseconds between .NET's 0001-01-01 and the Unix epoch. */
const dotNetEpochOffsetMs = 62_135_596_800_000;
const twoTo32 = 2 ** 32;

/**
 * An eTag in the service's form: the modification time as .NET ticks (100 ns) in hex (`0x8DC6A…`).
 * The sub-millisecond ticks carry a world-wide change counter, so two changes in one step differ.
 * Ticks pass 2^53, so the multiplication is done on 32-bit halves.
 */
export function eTagAt(ms: number, changeNumber: number): string {
  const total = ms + dotNetEpochOffsetMs;
  const high = Math.floor(total / twoTo32);
  const low = (total % twoTo32) * 10_000 + (changeNumber % 10_000);
  const carry = Math.floor(low / twoTo32);
  const ticksHigh = high * 10_000 + carry;
  const ticksLow = low - carry * twoTo32;
  return `0x${ticksHigh.toString(16).toUpperCase()}${ticksLow.toString(16).toUpperCase().padStart(8, "0")}`;
}
