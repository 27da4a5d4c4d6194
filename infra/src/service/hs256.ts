import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

/** Why a token was refused; `expired` is the one reason a client can act on (sign in again). */
export class TokenRefused extends Error {
  override readonly name = 'TokenRefused';
  constructor(
    readonly reason: 'malformed' | 'algorithm' | 'signature' | 'expired' | 'not_yet' | 'claims',
  ) {
    super(`token refused: ${reason}`);
  }
}

const SEGMENTS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

const jsonOf = (segment: string): unknown => {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw new TokenRefused('malformed');
  }
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Verifies a compact JWS signed with HS256 and its registered claims, as jsonwebtoken's verify
 * with `algorithms: ['HS256']`, an issuer and an audience does (exp and nbf in whole seconds, no
 * tolerance; `aud` a string or a list), without its generic machinery: one HMAC, two JSON parses.
 * A header seen before (every token of one issuer has the same) is not parsed again.
 */
export function hs256Verifier(key: KeyObject, expected: { issuer: string; audience: string }) {
  const goodHeaders = new Set<string>();
  const checkHeader = (segment: string) => {
    if (goodHeaders.has(segment)) return;
    const header = jsonOf(segment);
    // The algorithm is pinned: `none`, HS512 or an RS/HS confusion never reach the HMAC.
    if (!isObject(header) || header.alg !== 'HS256') throw new TokenRefused('algorithm');
    if (goodHeaders.size < 64) goodHeaders.add(segment);
  };
  return (token: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, unknown> => {
    const parts = SEGMENTS.exec(token);
    if (!parts) throw new TokenRefused('malformed');
    const [, header, payload, signature] = parts as unknown as [string, string, string, string];
    checkHeader(header);
    const expectedMac = createHmac('sha256', key).update(`${header}.${payload}`).digest();
    const givenMac = Buffer.from(signature, 'base64url');
    if (givenMac.length !== expectedMac.length || !timingSafeEqual(givenMac, expectedMac)) {
      throw new TokenRefused('signature');
    }
    const claims = jsonOf(payload);
    if (!isObject(claims)) throw new TokenRefused('claims');
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > nowSeconds)) {
      throw new TokenRefused('not_yet');
    }
    if (claims.exp !== undefined && typeof claims.exp !== 'number')
      throw new TokenRefused('claims');
    if (typeof claims.exp === 'number' && nowSeconds >= claims.exp)
      throw new TokenRefused('expired');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(expected.audience) || claims.iss !== expected.issuer) {
      throw new TokenRefused('claims');
    }
    return claims;
  };
}
