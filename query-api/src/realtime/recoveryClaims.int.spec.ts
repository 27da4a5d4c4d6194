import { rooms } from '@scalemart/contracts';
import { createTestNamespace, waitFor } from '@scalemart/testkit';
import type { Socket } from 'socket.io-client';
import { connectSocket, record, startInstance, tokenFor } from '../testing/fixtures.js';
import type { SocketData } from './socketAuth.js';

// Issue 25: a recovered session kept the claims and rooms of its first handshake, so a reconnect
// with no token (or another user's) went on receiving the first user's and the admins' pushes.
const ns = createTestNamespace();
let api: Awaited<ReturnType<typeof startInstance>>;
let socket: Socket | undefined;

beforeAll(async () => {
  api = await startInstance(ns, { RECOVERY_WINDOW_MS: '10000' });
});
afterEach(() => socket?.close());
afterAll(() => api?.close());

/** A connected client that has had its first message (a session resumes from a message's offset). */
async function connectAs(token: string): Promise<Socket> {
  let snapshots: unknown[] = [];
  const client = await connectSocket(api.url, token, (c) => (snapshots = record(c, 'products')));
  await waitFor(() => snapshots.length === 1, { what: 'the first snapshot' });
  return client;
}

/** The server's side of a client socket (a recovered session keeps its id). */
const serverSide = (client: Socket) => api.io.of('/').sockets.get(client.id!);

/** Drops the transport as a network blip would; the client then reconnects with `auth`. */
async function blipAndRecoverWith(client: Socket, auth: Record<string, unknown>) {
  client.auth = auth;
  const id = client.id;
  client.io.engine.close();
  await waitFor(() => !api.io.of('/').sockets.has(id!), { what: 'the server to see the drop' });
  await waitFor(() => client.connected, { what: 'the reconnect' });
  expect(client.recovered).toBe(true);
  expect(client.id).toBe(id);
}

describe('a recovered session follows the claims of its new handshake', () => {
  it('leaves the user and admin rooms when the reconnect carries no token', async () => {
    socket = await connectAs(tokenFor('alice', 'admin'));
    expect([...serverSide(socket)!.rooms]).toEqual(
      expect.arrayContaining([rooms.user('alice'), rooms.admin]),
    );
    await blipAndRecoverWith(socket, {});
    const recovered = serverSide(socket)!;
    expect((recovered.data as SocketData).claims).toBeUndefined();
    expect(recovered.rooms.has(rooms.user('alice'))).toBe(false);
    expect(recovered.rooms.has(rooms.admin)).toBe(false);
  });

  it("takes another user's rooms, and only theirs, when the reconnect carries their token", async () => {
    socket = await connectAs(tokenFor('alice', 'admin'));
    await blipAndRecoverWith(socket, { token: tokenFor('bob') });
    const recovered = serverSide(socket)!;
    expect((recovered.data as SocketData).claims).toEqual({ sub: 'bob', role: 'shopper' });
    expect(recovered.rooms.has(rooms.user('bob'))).toBe(true);
    expect(recovered.rooms.has(rooms.user('alice'))).toBe(false);
    expect(recovered.rooms.has(rooms.admin)).toBe(false);
  });

  it('refuses the recovery when the new token does not verify', async () => {
    socket = await connectAs(tokenFor('alice'));
    const refused = new Promise<Error>((resolve) => socket!.once('connect_error', resolve));
    socket.auth = { token: 'not-a-token' };
    socket.io.engine.close();
    await expect(refused).resolves.toMatchObject({ message: 'The token is not valid' });
    expect(api.io.of('/').sockets.size).toBe(0);
  });
});
