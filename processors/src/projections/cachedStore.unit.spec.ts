import type { DocumentStore } from './documentStore.js';
import { CachedStore } from './cachedStore.js';
import type { ReadModelDoc } from './projection.js';

type Doc = ReadModelDoc & { n: number };

/** A store in memory that records what was asked of it. */
function recordingStore(initial: Doc[]) {
  const stored = new Map(initial.map((doc) => [doc._id, doc]));
  const loads: string[][] = [];
  const store: DocumentStore<Doc> = {
    load(ids) {
      loads.push(ids);
      return Promise.resolve((id) => (ids.includes(id) ? stored.get(id) : undefined));
    },
    save(docs) {
      for (const doc of docs) stored.set(doc._id, doc);
      return Promise.resolve();
    },
  };
  return { store, stored, loads };
}

describe('CachedStore', () => {
  it('reads only the documents it does not hold, and holds what it writes from the start of the write', async () => {
    const { store, loads } = recordingStore([{ _id: 'a', _seq: 1, n: 1 }]);
    const cached = new CachedStore(store);
    expect((await cached.load(['a', 'b']))('a')).toEqual({ _id: 'a', _seq: 1, n: 1 });
    const written = cached.save([{ _id: 'b', _seq: 2, n: 2 }]);
    expect((await cached.load(['b']))('b')).toEqual({ _id: 'b', _seq: 2, n: 2 }); // before it landed
    await written;
    expect(loads).toEqual([['a', 'b']]);
    cached.forget();
    await cached.load(['a', 'b']);
    expect(loads).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
  });

  it('keeps the newest document when an older write is retried, and drops the least recent past its capacity', async () => {
    const { store, loads } = recordingStore([]);
    const cached = new CachedStore(store, 2);
    await cached.save([{ _id: 'a', _seq: 5, n: 5 }]);
    await cached.save([{ _id: 'a', _seq: 3, n: 3 }]); // a retried write of an earlier batch
    expect((await cached.load(['a']))('a')?._seq).toBe(5);
    await cached.save([{ _id: 'b', _seq: 6, n: 6 }]);
    await cached.save([{ _id: 'c', _seq: 7, n: 7 }]);
    expect(cached.size).toBe(2);
    await cached.load(['a', 'b', 'c']);
    expect(loads).toEqual([['a']]);
  });
});
