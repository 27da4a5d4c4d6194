import { DomainError } from '@scalemart/runtime/service';

/**
 * At most `running` jobs at once and `waiting` more in line; past that, a refusal at once (503
 * with Retry-After) instead of a queue without end. bcrypt is a fixed CPU cost per login: a
 * flood queued without bound makes every login slow for everyone and never sheds the flood.
 */
export class ConcurrencyLimit {
  #running = 0;
  readonly #queue: (() => void)[] = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.#running >= this.running) {
      if (this.#queue.length >= this.waiting) {
        throw new DomainError('unavailable', 'Too many sign-ins at once, try again in a moment', {
          retryAfterSeconds: 1,
        });
      }
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await job();
    } finally {
      // The slot passes to the next in line, or is freed.
      const next = this.#queue.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }

  /** Jobs running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#queue.length };
  }
}
