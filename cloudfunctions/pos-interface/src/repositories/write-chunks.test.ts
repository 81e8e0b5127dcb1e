import { chunkForWrite, jsonBytes } from './write-chunks';

describe('chunkForWrite', () => {
  const doc = (bytes: number) => ({ pad: 'x'.repeat(bytes) });

  it('keeps a typical batch in few writes: bounded by count', () => {
    const chunks = chunkForWrite(
      Array.from({ length: 500 }, () => doc(100)),
      200,
      1_000_000,
    );
    expect(chunks.map((c) => c.length)).toEqual([200, 200, 100]);
  });

  it('bounds each chunk by serialized bytes; a document larger than the limit goes alone', () => {
    const docs = [doc(400), doc(400), doc(400), doc(2000), doc(10)];
    const chunks = chunkForWrite(docs, 100, 1000);
    expect(chunks.map((c) => c.length)).toEqual([2, 1, 1, 1]);
    for (const chunk of chunks.filter((c) => c.length > 1)) expect(chunk.reduce((sum, d) => sum + jsonBytes(d), 0)).toBeLessThanOrEqual(1000);
    expect(chunks.flat()).toEqual(docs);
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(jsonBytes({ name: '素麻婆豆腐' })).toBe(Buffer.byteLength('{"name":"素麻婆豆腐"}'));
    expect(chunkForWrite([{ n: '豆'.repeat(300) }, { n: '豆'.repeat(300) }], 10, 1000)).toHaveLength(2);
  });

  it('returns no chunk for no documents', () => {
    expect(chunkForWrite([], 10, 1000)).toEqual([]);
  });
});
