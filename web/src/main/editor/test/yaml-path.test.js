import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyOf, keyPath, parentPath, siblingKeys, tokenLength } from '../src/yaml-path.js';

const doc = `name: demo
# a comment
cluster:
  accelerator: nvidia-h100-sxm-80gb
  count: 1024   # accelerators

  fabric:
    kind: infiniband-ndr
    topology: fat-tree
site:
  region: us-texas
workload:
  training:
    model: llama3-70b
    parallelism:
      tensor: 8
    
`.split('\n');

test('a key and its value are found on a line, a comment is not the value', () => {
  assert.deepEqual(keyOf('  count: 1024   # accelerators'),
    { indent: 2, key: 'count', keyEnd: 7, valueStart: 9, value: '1024' });
  assert.equal(keyOf('# cluster: x'), null);
  assert.equal(keyOf('  - item'), null);
  assert.equal(keyOf('url: http://x').value, 'http://x');
});

test('keys have dotted paths through the less-indented lines above them', () => {
  assert.equal(keyPath(doc, 0), 'name');
  assert.equal(keyPath(doc, 1), null);
  assert.equal(keyPath(doc, 3), 'cluster.accelerator');
  assert.equal(keyPath(doc, 4), 'cluster.count');
  assert.equal(keyPath(doc, 7), 'cluster.fabric.kind');
  assert.equal(keyPath(doc, 10), 'site.region');
  assert.equal(keyPath(doc, 15), 'workload.training.parallelism.tensor');
});

test('a new key belongs to the mapping its indentation puts it in', () => {
  // On the blank line after "tensor: 8", as the cursor's indentation says.
  assert.equal(parentPath(doc, 16, 6), 'workload.training.parallelism');
  assert.equal(parentPath(doc, 16, 4), 'workload.training');
  assert.equal(parentPath(doc, 16, 2), 'workload');
  assert.equal(parentPath(doc, 16, 0), '');
  // Between cluster.count and cluster.fabric (the blank line 5).
  assert.equal(parentPath(doc, 5, 2), 'cluster');
});

test('the keys already in a mapping are its siblings above and below', () => {
  assert.deepEqual([...siblingKeys(doc, 5, 2)].sort(), ['accelerator', 'count', 'fabric']);
  assert.deepEqual([...siblingKeys(doc, 16, 0)].sort(), ['cluster', 'name', 'site', 'workload']);
});

test('a problem is underlined over the word, quoted text or flow collection at its column', () => {
  assert.equal(tokenLength('nvidia-h100-sxm-80g   # a comment'), 'nvidia-h100-sxm-80g'.length);
  assert.equal(tokenLength('cluster.cuont: {from: 512}'), 'cluster.cuont'.length);
  assert.equal(tokenLength('a long description, with a comma'), 'a long description'.length);
  assert.equal(tokenLength('"quoted: text" # c'), '"quoted: text"'.length);
  assert.equal(tokenLength('{from: 512, to: {x: 1}} # c'), '{from: 512, to: {x: 1}}'.length);
  assert.equal(tokenLength('[1, 2'), '[1, 2'.length);
  assert.equal(tokenLength(': x'), 0);
});
