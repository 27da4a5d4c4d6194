import { TokenClaims, type Role } from '@scalemart/contracts';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { z } from 'zod';
import { DomainError } from './domainError.js';

export interface AccessTokenOptions {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** The claims of a verified token, with its expiry (seconds since the epoch; always present). */
export type VerifiedClaims = TokenClaims & { exp: number };
const VerifiedPayload = TokenClaims.extend({ exp: z.number() });

export interface AccessTokens {
  sign(claims: { sub: string; role: Role }): { token: string; expiresAt: string };
  /** Returns the claims, or throws DomainError('unauthorized') for any bad, expired or forged token. */
  verify(token: string): VerifiedClaims;
}

const refused = (message: string, cause?: unknown) =>
  new DomainError('unauthorized', message, cause === undefined ? {} : { cause });

/**
 * fast-jwt compares signature bytes, so a signature spelled another way (a last character whose
 * unused low bits differ) would verify: one token must have one spelling, else a revocation or
 * cache keyed by the token string can be sidestepped. Canonical means decoding and re-encoding
 * gives the same text.
 */
function hasCanonicalSignature(token: string): boolean {
  const signature = token.slice(token.lastIndexOf('.') + 1);
  return Buffer.from(signature, 'base64url').toString('base64url') === signature;
}

/**
 * JWT access tokens (HS256), signed and verified by fast-jwt: the herd's command-api spends a
 * token check per purchase, and fast-jwt's verifier costs about two thirds of jsonwebtoken's
 * (infra/BENCHMARKS.md). The algorithm is pinned, so `alg: none` and RS/HS confusion are refused;
 * issuer and audience are checked, and a token without `exp` is refused: every token we sign expires.
 */
export function createAccessTokens(options: AccessTokenOptions): AccessTokens {
  const key = Buffer.from(options.secret, 'utf8');
  const signToken = createSigner({
    key,
    algorithm: 'HS256',
    iss: options.issuer,
    aud: options.audience,
    expiresIn: options.ttlSeconds * 1000,
  });
  const verifyToken = createVerifier({
    key,
    algorithms: ['HS256'],
    allowedIss: options.issuer,
    allowedAud: options.audience,
    requiredClaims: ['exp'],
  });
  return {
    sign(claims) {
      const expiresAt = new Date(Date.now() + options.ttlSeconds * 1000);
      const token = signToken({ sub: claims.sub, role: claims.role });
      return { token, expiresAt: expiresAt.toISOString() };
    },
    verify(token) {
      if (!hasCanonicalSignature(token)) throw refused('The token is not valid');
      let payload: unknown;
      try {
        payload = verifyToken(token);
      } catch (cause) {
        const expired = cause instanceof TokenError && cause.code === TokenError.codes.expired;
        throw refused(expired ? 'The token has expired' : 'The token is not valid', cause);
      }
      const claims = VerifiedPayload.safeParse(payload);
      if (!claims.success) throw refused('The token is not valid');
      return claims.data;
    },
  };
}

/** Reads `Authorization: Bearer <token>`; undefined when absent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header?.startsWith('Bearer ')) return undefined;
  return header.slice(7).trim() || undefined;
}
