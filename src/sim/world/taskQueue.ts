import type { TaskRecord } from "./state.js";

/**
 * A job's active tasks waiting for a node, in scheduling order. A deque with a moving head, because
 * a job can hold thousands of queued tasks and Array.shift would copy them on every dispatch.
 */
export class TaskQueue {
  private items: (TaskRecord | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  peek(): TaskRecord | undefined {
    return this.items[this.head];
  }

  pushBack(record: TaskRecord): void {
    this.items.push(record);
  }

  /** Requeued tasks (preempted node, reboot) go first, as they were already waiting the longest. */
  pushFront(record: TaskRecord): void {
    if (this.head > 0) this.items[--this.head] = record;
    else this.items.unshift(record);
  }

  popFront(): TaskRecord | undefined {
    const record = this.items[this.head];
    if (record === undefined) return undefined;
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return record;
  }
}
