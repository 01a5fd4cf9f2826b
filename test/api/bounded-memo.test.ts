import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/api/bounded-memo.js';

describe('BoundedMemo: answers remembered for recurring inputs, memory bounded', () => {
  it('computes an answer once while it is held, and again after the map filled up and was emptied', () => {
    const memo = new BoundedMemo<string>(3);
    const computed: string[] = [];
    const answer = (key: string) => memo.get(key, () => (computed.push(key), key.toUpperCase()));
    expect([answer('a'), answer('a'), answer('b'), answer('c')]).toEqual(['A', 'A', 'B', 'C']);
    expect(computed).toEqual(['a', 'b', 'c']);
    // The fourth key finds the map full: everything is forgotten, so 'a' is computed again.
    expect([answer('d'), answer('a')]).toEqual(['D', 'A']);
    expect(computed).toEqual(['a', 'b', 'c', 'd', 'a']);
  });
});
