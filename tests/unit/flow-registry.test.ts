import { describe, expect, it } from 'vitest';
import { describeKinds, NODE_KINDS } from '../../engine/flow/index.js';

const NODE_TYPES = [
  'task',
  'branch',
  'parallel',
  'join',
  'notify',
  'webhook',
  'record',
  'wait',
  'event',
  'subflow',
  'end',
];

describe('node kind registry', () => {
  it('has one kind for every node type of the definition format', () => {
    expect(Object.keys(NODE_KINDS).sort()).toEqual([...NODE_TYPES].sort());
    for (const [type, kind] of Object.entries(NODE_KINDS)) expect(kind.type).toBe(type);
  });

  it('describes each kind for the designer in plain JSON, in English and Chinese', () => {
    const descriptions = describeKinds();
    expect(JSON.parse(JSON.stringify(descriptions))).toEqual(descriptions);
    for (const d of Object.values(descriptions)) {
      expect(d.label.en).not.toBe('');
      expect(d.label.zh).not.toBe('');
      expect(d.summary.en).not.toBe('');
      expect(d.summary.zh).not.toBe('');
    }
  });

  it('marks the kinds where a token waits for an event', () => {
    const waiting = Object.entries(describeKinds())
      .filter(([, d]) => d.waits)
      .map(([t]) => t)
      .sort();
    expect(waiting).toEqual(['event', 'join', 'subflow', 'task', 'wait', 'webhook']);
  });
});
