import type { LocalStackOptions, ServerProcess, StackKind, StackUrls } from '@scalemart/testkit';
import type { ServiceKind } from './services.js';

/** Servers someone else runs (a Stack, or the testkit's StackInfo): used, never stopped. */
export interface RunningServers {
  kind: StackKind;
  urls: StackUrls;
  natsMonitorUrl: string | undefined;
  processes: readonly ServerProcess[];
}

export interface ScaleMartOptions {
  /** Servers already running; without them ScaleMart starts its own (SCALEMART_STACK, or `kind`). */
  servers?: RunningServers;
  kind?: StackKind;
  local?: LocalStackOptions;
  /** `free` ports (default) or the usual ones: 3001-3003 and the gateway on 8080 (npm start). */
  ports?: 'free' | 'usual';
  /** A namespace of its own (default: streams, keys and database apart), or the plain names. */
  namespace?: boolean;
  /** How many command-api instances (the bench spreads load over several). */
  commandApis?: number;
  /** How many query-api instances; the gateway spreads websockets over them (default 1). */
  queryApis?: number;
  admin?: { email: string; password: string };
  /** For every service; `serviceEnv` adds to one kind. */
  env?: Record<string, string>;
  serviceEnv?: Partial<Record<ServiceKind, Record<string, string>>>;
  /** Service logs: a directory (default: a fresh temp dir), or `'terminal'` for this terminal. */
  logs?: string;
  /** The one origin (web, /api, Socket.IO); default true. */
  gateway?: boolean;
  /** The web app's built files the gateway serves (web/dist); without them it serves /api only. */
  webDir?: string;
  /** Where the gateway listens; default 127.0.0.1 (this machine only). */
  host?: string;
  /** The demo sale on an empty store, once everything answers. */
  seed?: boolean;
  cpuProfDir?: string;
  /** A service exited without being asked to. */
  onUnexpectedExit?: (service: string, code: number | null) => void;
}
