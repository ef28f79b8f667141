import { describe, expect, it } from 'vitest';
import type { FlowcaseError } from '../../engine/errors.js';
import type { WebhookNode } from '../../engine/definition/types.js';
import { CASE_FORM, FlowWorld, flowOf } from './flow-test-kit.js';

function hookWorld(node: Partial<WebhookNode> = {}) {
  return new FlowWorld({
    flow: flowOf({
      call: {
        type: 'webhook',
        url: 'https://shop.example/api/cases',
        body: '{"title":"{{title}}"}',
        next: 'ok',
        ...node,
      },
      ok: { type: 'end', outcome: 'synced' },
      fallback: { type: 'end', outcome: 'manual' },
    }),
    form: CASE_FORM,
    record: { title: 'Fan noise' },
  });
}

describe('webhook node', () => {
  it('asks the runtime to call the url with the rendered body and waits at the node', () => {
    const w = hookWorld();
    w.start();
    expect(w.effectsOf('webhook.call')).toEqual([
      {
        type: 'webhook.call',
        node: 'call',
        url: 'https://shop.example/api/cases',
        body: '{"title":"Fan noise"}',
        callId: expect.any(String),
      },
    ]);
    expect(w.activeNodes()).toEqual(['call']);
  });

  it('a successful result continues to next', () => {
    const w = hookWorld();
    w.start();
    w.send({ type: 'webhook.result', node: 'call', ok: true });
    expect(w.snapshot.outcome).toBe('synced');
  });

  it('a failure goes to onError', () => {
    const w = hookWorld({ onError: 'fallback' });
    w.start();
    w.send({ type: 'webhook.result', node: 'call', ok: false, detail: 'HTTP 502 after 5 tries' });
    expect(w.snapshot.outcome).toBe('manual');
    expect(w.history()[0]).toMatchObject({
      type: 'webhook.failed',
      detail: { detail: 'HTTP 502 after 5 tries' },
    });
  });

  it('a failure without onError fails the instance with an incident reason', () => {
    const w = hookWorld();
    w.start();
    w.send({ type: 'webhook.result', node: 'call', ok: false, detail: 'HTTP 502' });
    expect(w.snapshot.status).toBe('failed');
    expect(w.snapshot.failure).toEqual({ node: 'call', reason: expect.stringContaining('HTTP 502') });
  });

  it('a result for a node nobody waits at is not expected', () => {
    const w = hookWorld();
    w.start();
    expect(() => w.send({ type: 'webhook.result', node: 'ok', ok: true })).toThrow(
      expect.objectContaining({ code: 'FC_EVENT_NOT_EXPECTED' }) as FlowcaseError,
    );
  });
});
