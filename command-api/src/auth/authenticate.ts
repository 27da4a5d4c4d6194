import type { Role, TokenClaims } from '@scalemart/contracts';
import { DomainError, bearerToken, type AccessTokens } from '@scalemart/runtime/service';
import type { NextFunction, Request, Response } from 'express';

/** The verified bearer of a request, set by `authenticate`. */
export const userOf = (res: Response): TokenClaims => res.locals.user as TokenClaims;

/**
 * Verifies the bearer token (HS256 pinned, KeyObject secret: ~10 µs) and, when `role` is given,
 * requires it. 401 for a missing or bad token, 403 for the wrong role.
 */
export function authenticate(tokens: AccessTokens, role?: Role) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = bearerToken(req.headers.authorization);
    if (!token) return next(new DomainError('unauthorized', 'A bearer token is required'));
    let claims: TokenClaims;
    try {
      claims = tokens.verify(token);
    } catch (error) {
      return next(error);
    }
    if (role && claims.role !== role) {
      return next(new DomainError('forbidden', `This needs the ${role} role`));
    }
    res.locals.user = claims;
    next();
  };
}
