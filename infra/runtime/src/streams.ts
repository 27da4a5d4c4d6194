import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { SHOP_STREAM_SETTINGS, type ShopNaming } from '@scalemart/contracts';
import { consumerDefinitions, filtersOf } from './consumers.js';

export class StreamConfigError extends Error {
  override readonly name = 'StreamConfigError';
}

export type EnsureOutcome = 'created' | 'updated' | 'unchanged';

/** Replicas of the SHOP stream (and its consumers, which inherit them) on a clustered server. */
export const CLUSTER_STREAM_REPLICAS = 3;

/**
 * R3 when the server belongs to a cluster (a PubAck then means a quorum of two stored the event),
 * R1 on a lone server.
 */
export const streamReplicasFor = (nc: NatsConnection) =>
  nc.info?.cluster ? CLUSTER_STREAM_REPLICAS : SHOP_STREAM_SETTINGS.replicas;

/** The SHOP stream as the server should hold it, for one naming (namespace). */
export function shopStreamConfig(
  naming: ShopNaming,
  replicas: number = SHOP_STREAM_SETTINGS.replicas,
): Partial<StreamConfig> & { name: string } {
  return {
    name: naming.stream,
    subjects: [...naming.streamSubjects],
    storage: SHOP_STREAM_SETTINGS.storage === 'file' ? StorageType.File : StorageType.Memory,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(SHOP_STREAM_SETTINGS.duplicateWindowMs),
    max_age: nanos(SHOP_STREAM_SETTINGS.maxAgeMs),
    num_replicas: replicas,
    allow_direct: true,
  };
}

const sameSet = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && a.every((item) => b.includes(item));

const isNotFound = (error: unknown, code: number) =>
  error instanceof JetStreamApiError && error.code === code;

async function ensureStream(
  jsm: JetStreamManager,
  naming: ShopNaming,
  replicas: number,
): Promise<EnsureOutcome> {
  const wanted = shopStreamConfig(naming, replicas);
  let current: StreamConfig;
  try {
    current = (await jsm.streams.info(wanted.name)).config;
  } catch (error) {
    if (!isNotFound(error, JetStreamApiCodes.StreamNotFound)) throw error;
    await jsm.streams.add(wanted);
    return 'created';
  }
  if (current.storage !== wanted.storage) {
    throw new StreamConfigError(
      `stream ${wanted.name} is stored as "${current.storage}" but ScaleMart wants "${wanted.storage}"; ` +
        'storage cannot change in place: back up the stream, delete it and start again',
    );
  }
  const unchanged =
    sameSet(current.subjects, wanted.subjects) &&
    current.duplicate_window === wanted.duplicate_window &&
    current.max_age === wanted.max_age &&
    current.num_replicas === wanted.num_replicas &&
    current.allow_direct === wanted.allow_direct;
  if (unchanged) return 'unchanged';
  await jsm.streams.update(wanted.name, { ...current, ...wanted });
  return 'updated';
}

const consumerUnchanged = (current: ConsumerConfig, wanted: Partial<ConsumerConfig>) =>
  current.ack_policy === (wanted.ack_policy ?? AckPolicy.Explicit) &&
  sameSet(filtersOf(current), filtersOf(wanted)) &&
  current.ack_wait === wanted.ack_wait &&
  current.max_deliver === wanted.max_deliver &&
  current.max_ack_pending === wanted.max_ack_pending &&
  JSON.stringify(current.backoff ?? []) === JSON.stringify(wanted.backoff ?? []) &&
  (current.priority_policy ?? 'none') === (wanted.priority_policy ?? 'none') &&
  sameSet(current.priority_groups, wanted.priority_groups) &&
  (current.priority_timeout ?? 0) === (wanted.priority_timeout ?? 0);

async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  wanted: Partial<ConsumerConfig> & { durable_name: string },
): Promise<EnsureOutcome> {
  let current: ConsumerConfig;
  try {
    current = (await jsm.consumers.info(stream, wanted.durable_name)).config;
  } catch (error) {
    if (!isNotFound(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    await jsm.consumers.add(stream, {
      ack_policy: AckPolicy.Explicit,
      ...wanted,
      deliver_policy: DeliverPolicy.All,
    });
    return 'created';
  }
  if (consumerUnchanged(current, wanted)) return 'unchanged';
  // The client merges the update into the current config: clear both filter fields first, so a
  // durable can move between a list, one subject and none.
  try {
    await jsm.consumers.update(stream, wanted.durable_name, {
      filter_subjects: undefined,
      filter_subject: undefined,
      ...wanted,
    });
  } catch (error) {
    if (!(error instanceof JetStreamApiError)) throw error;
    // Some fields cannot change in place (a priority policy, the ack policy): recreate the durable
    // where it stood (what was acked above its floor comes again: the projections skip it by _seq).
    const { ack_floor } = await jsm.consumers.info(stream, wanted.durable_name);
    await jsm.consumers.delete(stream, wanted.durable_name);
    await jsm.consumers.add(stream, {
      ack_policy: AckPolicy.Explicit,
      ...wanted,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: ack_floor.stream_seq + 1,
    });
  }
  return 'updated';
}

export interface EnsureReport {
  stream: EnsureOutcome;
  consumers: Record<string, EnsureOutcome>;
}

/**
 * Creates the SHOP stream and its durable consumers, or brings them to the definitions here.
 * Idempotent: a second call reports `unchanged` everywhere. A change the server cannot make in
 * place (storage type) is refused with StreamConfigError and a message that says what to do.
 */
export async function ensureStreams(nc: NatsConnection, naming: ShopNaming): Promise<EnsureReport> {
  const jsm = await jetstreamManager(nc);
  const stream = await ensureStream(jsm, naming, streamReplicasFor(nc));
  const consumers: Record<string, EnsureOutcome> = {};
  for (const definition of consumerDefinitions(naming)) {
    consumers[definition.durable_name] = await ensureConsumer(jsm, naming.stream, definition);
  }
  return { stream, consumers };
}
