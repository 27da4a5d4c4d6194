import { randomUUID } from 'node:crypto';
import type { PublicUser, Role } from '@scalemart/contracts';
import { DomainError } from '@scalemart/infra/service';
import type { Collection, Db } from 'mongodb';

/** A stored account. `_id` is the user id the tokens carry as subject. */
export interface UserDocument {
  _id: string;
  email: string;
  name?: string;
  role: Role;
  passwordHash: string;
  createdAt: Date;
}

export const USERS_COLLECTION = 'users';

const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;

/** Accounts in MongoDB; the unique email index is what makes a duplicate signup a 409. */
export class UserStore {
  readonly users: Collection<UserDocument>;

  constructor(db: Db) {
    this.users = db.collection<UserDocument>(USERS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.users.createIndex({ email: 1 }, { unique: true, name: 'email_unique' });
  }

  /** Inserts an account; throws email_taken when the (lower-cased) email is already used. */
  async create(user: Omit<UserDocument, '_id' | 'createdAt'>): Promise<UserDocument> {
    const document: UserDocument = { _id: randomUUID(), createdAt: new Date(), ...user };
    try {
      await this.users.insertOne(document);
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new DomainError('email_taken', 'An account with this email already exists', {
          cause: error,
        });
      }
      throw error;
    }
    return document;
  }

  /** The email is always a validated string here (zod), never an operator object. */
  findByEmail(email: string): Promise<UserDocument | null> {
    return this.users.findOne({ email });
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.users.updateOne({ _id: id }, { $set: { role } });
  }
}

export const toPublicUser = (user: UserDocument): PublicUser => ({
  id: user._id,
  email: user.email,
  role: user.role,
  ...(user.name ? { name: user.name } : {}),
});
