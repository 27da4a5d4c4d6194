/** Where the three servers answer. */
export interface StackUrls {
  nats: string;
  redis: string;
  mongo: string;
}

export type StackKind = 'local' | 'containers' | 'external';

/** One running server the stack owns (local backend), for status lines and fault tests. */
export interface ServerProcess {
  name: 'nats' | 'redis' | 'mongo';
  /** The executable that serves (nats-server, redis-server, ferretdb or mongod). */
  program: string;
  pid: number;
  port: number;
  url: string;
}

/** A started set of servers: the URLs to use, and a stop that leaves nothing behind. */
export interface Stack extends AsyncDisposable {
  readonly kind: StackKind;
  readonly urls: StackUrls;
  /** Monitoring endpoint of nats-server (/varz, /jsz), when the stack knows it. */
  readonly natsMonitorUrl: string | undefined;
  readonly processes: readonly ServerProcess[];
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  /** Keep data in this directory across runs (npm start); a fresh temp dir otherwise. */
  dataDir?: string;
  /** Fixed ports (npm start); free ports otherwise. */
  ports?: Partial<Record<ServerProcess['name'], number>>;
  /** JetStream fsync interval: 'always' or a Go duration such as '1s'. */
  natsSyncInterval?: string;
  /** Redis append-only file; `always` fsyncs before answering (group-committed per event loop). */
  redisAppendFsync?: 'no' | 'everysec' | 'always';
}
