/**
 * Where the three servers answer. On a cluster, `nats` and `redis` are comma-separated lists of
 * every node (the seeds), the form NATS_URL and REDIS_URL take (see service/serviceEnv.ts).
 */
export interface StackUrls {
  nats: string;
  redis: string;
  mongo: string;
}

export type StackKind = 'local' | 'containers' | 'external';

/** `single`: one server each. `cluster`: three JetStream nodes (R3), Redis Cluster 3 x 2. */
export type Topology = 'single' | 'cluster';

/** One running server the stack owns (local backend), for status lines and fault tests. */
export interface ServerProcess {
  name: 'nats' | 'redis' | 'mongo';
  /** The executable that serves (nats-server, redis-server, mongod, or java for mongo-java-server). */
  program: string;
  pid: number;
  port: number;
  url: string;
}

/** A started set of servers: the URLs to use, and a stop that leaves nothing behind. */
export interface Stack extends AsyncDisposable {
  readonly kind: StackKind;
  readonly topology: Topology;
  readonly urls: StackUrls;
  /** Monitoring endpoint of nats-server (/varz, /jsz), when the stack knows it. */
  readonly natsMonitorUrl: string | undefined;
  readonly processes: readonly ServerProcess[];
  stop(): Promise<void>;
}

/**
 * Where the MongoDB stand-in keeps its data: `memory` (tests, the bench) or `disk` (an H2 file
 * that survives a restart, for npm start). mongod always keeps its data on disk.
 */
export type MongoStore = 'memory' | 'disk';

export interface LocalStackOptions {
  /** `single` unless SCALEMART_TOPOLOGY says `cluster` (see startStack). */
  topology?: Topology;
  /** Keep data in this directory across runs (npm start); a fresh temp dir otherwise. */
  dataDir?: string;
  /** Fixed ports (npm start); free ports otherwise. */
  ports?: Partial<Record<ServerProcess['name'], number>>;
  /** JetStream fsync interval: 'always' or a Go duration such as '1s'. */
  natsSyncInterval?: string;
  /** Redis append-only file; `always` fsyncs before answering (group-committed per event loop). */
  redisAppendFsync?: 'no' | 'everysec' | 'always';
  /**
   * Where mongo-java-server keeps data when no mongod is installed: `disk` (H2, the default with
   * a dataDir) or `memory` (the default otherwise). Its H2 store commits about once a second, so
   * it holds only views that are rebuilt from the stream.
   */
  mongoStore?: MongoStore;
}
