import type { Role, TokenClaims } from '@scalemart/contracts';
import { DomainError, bearerToken, type AccessTokens } from '@scalemart/runtime/service';
import type { NextFunction, Request, Response } from 'express';

/** Built once: a missing token is the commonest refusal of a crowd that lost its session. */
const NO_TOKEN = new DomainError('unauthorized', 'A bearer token is required');

/**
 * The one check of a bearer token, for every route: verifies it (HS256 pinned, KeyObject
 * secret: ~10 µs) and, when `role` is given, requires it. Throws 401 for a missing or bad token,
 * 403 for the wrong role.
 */
export function verifyBearer(
  tokens: AccessTokens,
  authorization: string | undefined,
  role?: Role,
): TokenClaims {
  const token = bearerToken(authorization);
  if (!token) throw NO_TOKEN;
  const claims = tokens.verify(token);
  if (role && claims.role !== role) {
    throw new DomainError('forbidden', `This needs the ${role} role`);
  }
  return claims;
}

/** verifyBearer as Express middleware, for the routes of one role (the admin commands). */
export function authenticate(tokens: AccessTokens, role?: Role) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    try {
      verifyBearer(tokens, req.headers.authorization, role);
    } catch (error) {
      return next(error);
    }
    next();
  };
}
