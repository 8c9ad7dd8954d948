// What a helper of a search (a partition, a walker) that is gone looks like
// to the side that asked it: its process ended, or it or the broker was cut
// off. A partitioned search cannot pass without it; a swarm hands its jobs to
// the others.

export class MemberLost extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MemberLost";
  }
}

/** One side of a conversation with a helper: one request, one answer, in order. */
export interface Asker<Request> {
  /** Who it is, for messages: "worker 2" or "worker 2 (host-a, pid 4242)". */
  readonly name: string;
  ask<T>(request: Request): Promise<T>;
}
