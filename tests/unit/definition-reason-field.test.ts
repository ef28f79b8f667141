import { describe, expect, it } from 'vitest';
import { bundleWarnings } from '../../engine/definition/index.js';
import { found, withFlow } from './definition-test-kit.js';

/** The fixture's QA step rejects; give it a reason field. */
function withReason(field: unknown) {
  const { bundle, nodes } = withFlow();
  nodes.qa.reasonField = field;
  return { bundle, nodes };
}

describe('validateBundle: a task node’s reasonField', () => {
  it('accepts a text or textarea field of the flow’s form', () => {
    expect(found(withReason('serial').bundle)).toEqual([]);
    expect(found(withReason('description').bundle)).toEqual([]);
  });

  it('reports a field the form does not have, at the reasonField', () => {
    expect(found(withReason('why').bundle)).toEqual([
      { path: '/flows/0/nodes/qa/reasonField', code: 'ref.unknown_field' },
    ]);
  });

  it('reports a field that does not hold text', () => {
    expect(found(withReason('quote').bundle)).toEqual([
      { path: '/flows/0/nodes/qa/reasonField', code: 'ref.not_text_field' },
    ]);
  });

  it('reports a text field nobody writes (a formula or read-only)', () => {
    const { bundle } = withReason('serial');
    bundle.forms[1].fields.find((f: { key: string }) => f.key === 'serial').readonly = true;
    expect(found(bundle)).toContainEqual({
      path: '/flows/0/nodes/qa/reasonField',
      code: 'reason.not_writable',
    });
  });

  it('reports a value that is not a key through the schema, and a reasonField on another node type', () => {
    expect(found(withReason('Not a key').bundle)).toEqual([
      { path: '/flows/0/nodes/qa/reasonField', code: 'key.invalid' },
    ]);
    const { bundle, nodes } = withFlow();
    nodes.wait_pickup.reasonField = 'serial';
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/wait_pickup/reasonField', code: 'schema.unknown_property' },
    ]);
  });

  it('warns (without blocking) when the node can neither reject nor return', () => {
    const { bundle, nodes } = withFlow();
    nodes.quote.reasonField = 'serial';
    expect(found(bundle)).toEqual([]);
    expect(bundleWarnings(bundle).filter((w) => w.code === 'reason.unused')).toEqual([
      {
        path: '/flows/0/nodes/quote/reasonField',
        code: 'reason.unused',
        message: '"quote" can neither reject nor return, so nothing is ever written into "serial".',
        severity: 'warning',
      },
    ]);
    expect(bundleWarnings(withReason('serial').bundle).filter((w) => w.code === 'reason.unused')).toEqual([]);
  });
});
