// Set operations on sorted lists against the obvious ones, on random lists (fast-check).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { contains, difference, intersect, mergedUnion, union } from '../src/index/postings.js';

const sortedList = fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 80 }).map((values) => Uint32Array.from(values.sort((a, b) => a - b)));
const lists = fc.array(sortedList, { minLength: 1, maxLength: 6 });
const plain = (list: Uint32Array) => Array.from(list);

test('intersect keeps the values every list has, ascending, whatever the order of the lists', () => {
  fc.assert(
    fc.property(lists, (given) => {
      const expected = plain(given[0]).filter((value) => given.every((list) => list.includes(value)));
      assert.deepEqual(plain(intersect(given)), expected);
      assert.deepEqual(plain(intersect([...given].reverse())), expected);
    }),
  );
});

test('intersect gives back the shortest list itself when the others hold all of it', () => {
  const short = Uint32Array.of(3, 7);
  assert.equal(intersect([Uint32Array.of(1, 3, 5, 7), short, Uint32Array.of(3, 7, 9)]), short);
  assert.equal(intersect([short, Uint32Array.of(3, 7)]), short);
});

test('an intersection stays as it is when the next one is made (the values kept are copied out of the shared scratch)', () => {
  const first = intersect([Uint32Array.of(1, 2, 3, 4), Uint32Array.of(2, 4, 6)]);
  intersect([Uint32Array.of(5, 7, 9, 11), Uint32Array.of(7, 11, 13)]);
  assert.deepEqual(plain(first), [2, 4]);
});

test('union, mergedUnion and difference are the set operations, ascending', () => {
  fc.assert(
    fc.property(lists, (given) => {
      const all = [...new Set(given.flatMap(plain))].sort((a, b) => a - b);
      assert.deepEqual(plain(union(given)), all);
      assert.deepEqual(plain(mergedUnion(given)), all);
      const [first, ...rest] = given;
      const removed = union(rest);
      assert.deepEqual(plain(difference(first, removed)), plain(first).filter((value) => !contains(removed, value)));
    }),
  );
});
