/**
 * Runs work queued during one turn of the event loop together, in its check phase (setImmediate).
 * nats.js writes its outbound buffer on the microtask after the first command, and Node drains
 * microtasks after every timer callback: publishes and acks started from many timers (payments
 * answering one by one) would each cost a socket write. Queued here, a turn's publishes and acks
 * leave in one write.
 */
let queue: (() => void)[] = [];

export function inNextTurn<T>(work: () => T | Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (queue.length === 0) setImmediate(runQueued);
    queue.push(() => {
      try {
        Promise.resolve(work()).then(resolve, reject);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

function runQueued(): void {
  const due = queue;
  queue = [];
  for (const run of due) run();
}
