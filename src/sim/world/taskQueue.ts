/**
 * A job's active tasks waiting for a node, in scheduling order. A deque with a moving head, because
 * a job can hold thousands of queued tasks and Array.shift would copy them on every dispatch. Generic,
 * so that it need not import the task record, which holds the queue.
 */
export class TaskQueue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  pushBack(record: T): void {
    this.items.push(record);
  }

  /** Requeued tasks (preempted node, reboot) go first, as they were already waiting the longest. */
  pushFront(record: T): void {
    if (this.head > 0) this.items[--this.head] = record;
    else this.items.unshift(record);
  }

  popFront(): T | undefined {
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
