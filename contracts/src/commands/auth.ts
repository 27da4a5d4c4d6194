import { z } from 'zod';
import { Role, Timestamp, UserId } from '../ids.js';

/** RFC 5321 caps the part before @ at 64 characters, which zod's email pattern alone lets through. */
const Email = z
  .email()
  .max(254)
  .refine((email) => email.lastIndexOf('@') <= 64, {
    message: 'the part before @ must be at most 64 characters',
  })
  .transform((email) => email.toLowerCase());
/** bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so refuse them. */
const Password = z
  .string()
  .min(8)
  .refine((password) => new TextEncoder().encode(password).length <= 72, {
    message: 'must be at most 72 bytes',
  });

export const SignupRequest = z.strictObject({
  email: Email,
  password: Password,
  name: z.string().trim().min(1).max(80).optional(),
});
export type SignupRequest = z.infer<typeof SignupRequest>;

export const LoginRequest = z.strictObject({
  email: Email,
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const PublicUser = z.object({
  id: UserId,
  email: z.string(),
  name: z.string().optional(),
  role: Role,
});
export type PublicUser = z.infer<typeof PublicUser>;

export const AuthResponse = z.object({
  token: z.string(),
  expiresAt: Timestamp,
  user: PublicUser,
});
export type AuthResponse = z.infer<typeof AuthResponse>;

/** What an access token says about its bearer (beyond iss, aud, exp that jsonwebtoken checks). */
export const TokenClaims = z.object({
  sub: UserId,
  role: Role,
});
export type TokenClaims = z.infer<typeof TokenClaims>;
