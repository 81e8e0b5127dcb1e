/**
 * Which due webhook records a timer run takes. Ordered by due time alone, one integration with
 * a large backlog and a receiver that times out would fill every run (50 records, 5 at a time,
 * each waiting 5 s) and the others would wait behind it indefinitely. So each integration gets
 * at most `perIntegration` records before any other integration's record is passed over, and the
 * run sends them round-robin (one per integration in turn), so the 5 senders spread over the
 * integrations. When no one else is waiting, the rest of the run is filled with the records
 * passed over (the cap orders the work; it does not leave a run idle).
 */
export interface DueRecord {
  _id: string;
  integrationId: string;
}

export class FairSelection<T extends DueRecord> {
  private readonly fair: T[] = [];
  private readonly overflow: T[] = [];
  private readonly seen = new Set<string>();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly perIntegration: number,
  ) {}

  /** Adds a page of due records (oldest first); records seen in an earlier page are ignored. */
  offer(page: readonly T[]): void {
    for (const record of page) {
      if (this.seen.has(record._id)) continue;
      this.seen.add(record._id);
      const taken = this.counts.get(record.integrationId) ?? 0;
      if (taken < this.perIntegration && this.fair.length < this.limit) {
        this.counts.set(record.integrationId, taken + 1);
        this.fair.push(record);
      } else {
        this.overflow.push(record);
      }
    }
  }

  get full(): boolean {
    return this.fair.length >= this.limit;
  }

  /** Integrations that used up their share: the next page should leave them out to reach the others. */
  capped(): string[] {
    return [...this.counts].filter(([, taken]) => taken >= this.perIntegration).map(([id]) => id);
  }

  /** Round-robin over the integrations (in order of their oldest record), then the passed-over records. */
  ordered(): T[] {
    const queues = new Map<string, T[]>();
    for (const record of this.fair) {
      const queue = queues.get(record.integrationId) ?? [];
      queue.push(record);
      queues.set(record.integrationId, queue);
    }
    const out: T[] = [];
    for (let round = 0; out.length < this.fair.length; round++) {
      for (const queue of queues.values()) if (queue[round]) out.push(queue[round]);
    }
    return [...out, ...this.overflow].slice(0, this.limit);
  }
}
