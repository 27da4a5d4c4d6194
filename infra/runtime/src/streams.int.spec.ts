import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { nanos } from '@nats-io/nats-core';
import { CONSUMERS, shopNaming } from '@scalemart/contracts';
import { LocalStack } from '@scalemart/testkit';
import { consumerDefinitions, filtersOf } from './consumers.js';
import { ensureStreams, StreamConfigError } from './streams.js';

describe('ensureStreams', () => {
  let stack: LocalStack;
  let nc: NatsConnection;
  beforeAll(async () => {
    stack = await LocalStack.start();
    nc = await connect({ servers: stack.urls.nats });
  });
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  it('creates the stream and every consumer, then changes nothing on a second run', async () => {
    const naming = shopNaming('streams1');
    const first = await ensureStreams(nc, naming);
    expect(first.stream).toBe('created');
    expect(Object.keys(first.consumers).sort()).toEqual(Object.values(CONSUMERS).sort());
    expect(Object.values(first.consumers).every((outcome) => outcome === 'created')).toBe(true);

    const second = await ensureStreams(nc, naming);
    expect(second.stream).toBe('unchanged');
    expect(Object.values(second.consumers).every((outcome) => outcome === 'unchanged')).toBe(true);
  });

  it('brings a drifted stream back to its definition', async () => {
    const naming = shopNaming('streams2');
    await ensureStreams(nc, naming);
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(naming.stream);
    await jsm.streams.update(naming.stream, { ...info.config, duplicate_window: nanos(1_000) });

    expect((await ensureStreams(nc, naming)).stream).toBe('updated');
    expect((await jsm.streams.info(naming.stream)).config.duplicate_window).toBe(
      info.config.duplicate_window,
    );
  });

  it('moves a durable from a list of filter subjects to its one subject, or to none', async () => {
    const naming = shopNaming('streams4');
    await ensureStreams(nc, naming);
    const jsm = await jetstreamManager(nc);
    const lists = [CONSUMERS.confirmOrders, CONSUMERS.projections];
    // The definitions of an earlier version: one filter per event type.
    const types = ['OrderPlaced', 'OrderConfirmed', 'OrderRejected'] as const;
    for (const durable of lists)
      await jsm.consumers.update(naming.stream, durable, {
        filter_subject: undefined,
        filter_subjects: types.map((t) => naming.filterFor(t)),
      });

    const report = await ensureStreams(nc, naming);
    for (const durable of lists) expect(report.consumers[durable]).toBe('updated');
    const filters = async (durable: string) =>
      filtersOf((await jsm.consumers.info(naming.stream, durable)).config);
    expect(await filters(CONSUMERS.confirmOrders)).toEqual([naming.filterFor('OrderPlaced')]);
    expect(await filters(CONSUMERS.projections)).toEqual([]);
    expect((await ensureStreams(nc, naming)).consumers[CONSUMERS.projections]).toBe('unchanged');
  });

  it('moves the projections durable from explicit acks to acking all, where it stood', async () => {
    const naming = shopNaming('streams6');
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: naming.stream, subjects: [...naming.streamSubjects] });
    const js = jetstream(nc);
    for (let i = 0; i < 5; i += 1)
      await js.publish(naming.subjectFor('OrderPlaced', `o${i}`), '{}');
    const wanted = consumerDefinitions(naming).find(
      (d) => d.durable_name === CONSUMERS.projections,
    )!;
    await jsm.consumers.add(naming.stream, { ...wanted, ack_policy: 'explicit' });
    const consumer = await js.consumers.get(naming.stream, CONSUMERS.projections);
    const messages = await consumer.fetch({ max_messages: 2, group: 'writer' });
    for await (const msg of messages) await msg.ackAck();

    expect((await ensureStreams(nc, naming)).consumers[CONSUMERS.projections]).toBe('updated');
    const info = await jsm.consumers.info(naming.stream, CONSUMERS.projections);
    expect(info.config.ack_policy).toBe('all');
    expect(info.num_pending).toBe(3);
  });

  it('refuses a change the server cannot make in place, saying what to do', async () => {
    const naming = shopNaming('streams3');
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({
      name: naming.stream,
      subjects: [...naming.streamSubjects],
      storage: 'memory',
    });
    await expect(ensureStreams(nc, naming)).rejects.toThrow(StreamConfigError);
    await expect(ensureStreams(nc, naming)).rejects.toThrow(/delete it/);
  });
});
