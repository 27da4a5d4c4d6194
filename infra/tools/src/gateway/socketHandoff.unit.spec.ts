import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { rawRequest, startsNewSession } from './socketHandoff.js';

function request(method: string, url: string, rawHeaders: string[]): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  Object.assign(req, { method, url, httpVersion: '1.1', rawHeaders });
  return req;
}

describe('rawRequest', () => {
  it('gives back the request line, every header as sent (case and order) and the head', () => {
    const req = request('GET', '/socket.io/?EIO=4&transport=websocket', [
      'Host',
      'localhost:8080',
      'Upgrade',
      'websocket',
      'Sec-WebSocket-Key',
      'dGhlIHNhbXBsZSBub25jZQ==',
    ]);
    expect(rawRequest(req, Buffer.from('frame')).toString('latin1')).toBe(
      'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n' +
        'Host: localhost:8080\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\nframe',
    );
  });
});

describe('startsNewSession', () => {
  it('is true for a fresh websocket, false for the upgrade of a long-polling session', () => {
    expect(startsNewSession('/socket.io/?EIO=4&transport=websocket')).toBe(true);
    expect(startsNewSession('/socket.io/?EIO=4&transport=websocket&sid=abc')).toBe(false);
    expect(startsNewSession(undefined)).toBe(true);
  });
});
