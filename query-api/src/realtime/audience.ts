import type { Server } from 'socket.io';

/**
 * Whether a room on this instance could receive a push: someone is in it now, or someone left it
 * within the recovery window (connection state recovery replays broadcasts to them, so skipping
 * the emit would make a short disconnect miss something).
 */
export class Audience {
  private readonly leftAt = new Map<string, number>();

  constructor(
    private readonly io: Server,
    private readonly recoveryWindowMs: number,
  ) {}

  has(room: string): boolean {
    if ((this.io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0) return true;
    const left = this.leftAt.get(room);
    if (left === undefined) return false;
    if (Date.now() - left <= this.recoveryWindowMs) return true;
    this.leftAt.delete(room);
    return false;
  }

  /** Records the rooms a disconnecting socket was in. */
  left(rooms: Iterable<string>): void {
    const now = Date.now();
    for (const room of rooms) this.leftAt.set(room, now);
  }

  /** Forgets rooms whose window has passed (called by the velocity tick). */
  prune(): void {
    const cutoff = Date.now() - this.recoveryWindowMs;
    for (const [room, at] of this.leftAt) if (at < cutoff) this.leftAt.delete(room);
  }
}
