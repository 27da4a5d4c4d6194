import type { Server } from 'socket.io';

/**
 * Connected sockets by room for /metrics, with bounded labels: `all`, `products`, each
 * `product:<id>`, `admin`, and `user:*` summing every user room (one label per user would explode).
 */
export function socketsByRoom(io: Server): Map<string, number> {
  const counts = new Map<string, number>([
    ['all', io.sockets.sockets.size],
    ['user:*', 0],
  ]);
  for (const [room, members] of io.sockets.adapter.rooms) {
    if (io.sockets.sockets.has(room)) continue; // each socket's private room
    const label = room.startsWith('user:') ? 'user:*' : room;
    counts.set(label, (counts.get(label) ?? 0) + members.size);
  }
  return counts;
}
