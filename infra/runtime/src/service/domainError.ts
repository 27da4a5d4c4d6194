import { ERROR_STATUS, type ErrorCode } from '@scalemart/contracts';

export interface DomainErrorOptions extends ErrorOptions {
  detail?: string;
  issues?: { path: string; message: string }[];
  retryAfterSeconds?: number;
}

/** A refusal with a machine-readable code; its HTTP status comes from contracts' one table. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: DomainErrorOptions = {},
  ) {
    super(message, options);
    this.status = ERROR_STATUS[code];
  }
}
