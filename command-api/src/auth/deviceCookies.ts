import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const DEVICE_COOKIE = 'scalemart_device';
const MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;
const ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * OWASP's device cookie: a random device id and its HMAC, given to a browser at each successful
 * login. A login that brings a valid one is from a device the owner may have used, so a
 * stranger's failures elsewhere do not lock it out (loginGuard.ts checks the account knows the
 * device). HttpOnly (no script reads it), SameSite=Strict, sent to /api/auth only; Secure over
 * HTTPS. The key is derived from JWT_SECRET, so every instance signs and checks the same way.
 */
export class DeviceCookies {
  readonly #key: Buffer;

  constructor(secret: string) {
    this.#key = Buffer.from(hkdfSync('sha256', secret, 'scalemart', 'device cookie', 32));
  }

  /** The device id of a valid cookie, or undefined (none, malformed, or not signed by us). */
  read(req: Request): string | undefined {
    const value = cookieValue(req.headers.cookie, DEVICE_COOKIE);
    const [id, mac, ...rest] = value?.split('.') ?? [];
    if (!id || !mac || rest.length > 0 || !ID.test(id)) return undefined;
    const given = Buffer.from(mac, 'base64url');
    const expected = this.#mac(id);
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
  }

  /** Gives the browser its device cookie (a new id unless it brought a valid one). */
  issue(req: Request, res: Response, id = randomBytes(16).toString('base64url')): string {
    res.cookie(DEVICE_COOKIE, `${id}.${this.#mac(id).toString('base64url')}`, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/api/auth',
      maxAge: MAX_AGE_MS,
    });
    return id;
  }

  #mac(id: string): Buffer {
    return createHmac('sha256', this.#key).update(`device:${id}`).digest();
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
