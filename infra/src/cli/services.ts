import type { StackUrls } from '../stack/types.js';

/** A ScaleMart service `npm start` runs after the servers are up. */
export interface ServiceDefinition {
  name: string;
  /** Entry point relative to the repository root (built by `turbo run build`). */
  entry: string;
  port: number;
  env(urls: StackUrls): Record<string, string>;
}

/**
 * The services in start order. Each issue that adds a service adds its line here; a service
 * whose entry is not built yet is reported and skipped rather than failing the whole start.
 */
export const SERVICES: ServiceDefinition[] = [];
