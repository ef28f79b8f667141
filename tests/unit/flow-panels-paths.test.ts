/**
 * The node panels' plumbing: a property written by its JSON pointer (an emptied group goes, a list
 * item stays), the steps a return may go back to, what the designer can tell about a webhook
 * address, and the sample record templates are rendered over.
 */
import { describe, expect, it } from 'vitest';
import type { AppBundle, FlowDef } from '../../engine/definition/types.js';
import {
  earlierTasks,
  nodePointer,
  readAt,
  writeAt,
} from '../../designer/src/flow-designer/panels/node-paths.js';
import { webhookWarnings } from '../../designer/src/flow-designer/panels/webhook-check.js';
import { sampleRecord } from '../../designer/src/flow-designer/panels/sample-record.js';
import { readFileSync } from 'node:fs';

describe('writing a property by its pointer', () => {
  it('creates the objects on the way and removes an emptied one', () => {
    const node: Record<string, unknown> = { type: 'task' };
    writeAt(node, '/sla/due', 'PT2H');
    expect(node).toEqual({ type: 'task', sla: { due: 'PT2H' } });
    writeAt(node, '/sla/due', undefined);
    expect(node).toEqual({ type: 'task' });
    writeAt(node, '/sla/remind', '');
    expect(node).toEqual({ type: 'task' });
  });

  it('keeps a list item in place when its last property is cleared', () => {
    const node: Record<string, unknown> = { cases: [{ next: 'a' }, { next: 'b' }] };
    writeAt(node, '/cases/0/next', undefined);
    expect(node).toEqual({ cases: [{}, { next: 'b' }] });
    expect(readAt(node, '/cases/1/next')).toBe('b');
  });

  it('names a node by its bundle pointer, as the validator does', () => {
    const bundle = { flows: [{ key: 'a' }, { key: 'b' }] } as unknown as AppBundle;
    expect(nodePointer(bundle, 'b', 'review')).toBe('/flows/1/nodes/review');
  });
});

describe('where a return may go', () => {
  const flow: FlowDef = {
    key: 'f',
    name: 'F',
    form: 'x',
    trigger: { on: 'record.created' },
    start: 'intake',
    nodes: {
      intake: { type: 'task', assignee: { role: 'desk' }, next: 'route' },
      route: { type: 'branch', cases: [{ when: true, next: 'quote' }], default: 'repair' },
      quote: { type: 'task', assignee: { role: 'tech' }, next: 'repair' },
      repair: { type: 'task', assignee: { role: 'tech' }, next: 'qa', returnTo: ['intake'] },
      qa: { type: 'task', assignee: { role: 'qa' }, next: 'done' },
      done: { type: 'end' },
    },
  };

  it('lists the task steps before the node, following branches, not return paths', () => {
    expect(earlierTasks(flow, 'qa')).toEqual(['intake', 'quote', 'repair']);
    expect(earlierTasks(flow, 'repair')).toEqual(['intake', 'quote']);
    expect(earlierTasks(flow, 'intake')).toEqual([]);
  });
});

describe('a webhook address', () => {
  it('is certainly refused when it is not http(s) or holds credentials', () => {
    expect(webhookWarnings('ftp://x.example.com')).toEqual([{ level: 'error', code: 'not_http' }]);
    expect(webhookWarnings('hooks.example.com')).toEqual([{ level: 'error', code: 'not_url' }]);
    expect(webhookWarnings('https://u:p@hooks.example.com/x').map((w) => w.code)).toEqual(['credentials']);
  });

  it('is likely refused at an internal address, and warned about over plain http', () => {
    expect(webhookWarnings('http://169.254.169.254/latest').map((w) => w.code)).toEqual([
      'plain_http',
      'internal_host',
    ]);
    expect(webhookWarnings('https://localhost:8443/hook').map((w) => w.code)).toEqual(['internal_host']);
    expect(webhookWarnings('https://10.1.2.3/hook').map((w) => w.code)).toEqual(['internal_host']);
    expect(webhookWarnings('https://hooks.example.com/{{rma_no}}').map((w) => w.code)).toEqual([
      'template_in_url',
    ]);
  });

  it('has nothing to say about a public https address', () => {
    expect(webhookWarnings('https://hooks.example.com/repair')).toEqual([]);
    expect(webhookWarnings('')).toEqual([]);
  });
});

describe('the sample record', () => {
  const afterSales = JSON.parse(readFileSync('templates/after-sales.json', 'utf8')) as AppBundle;

  it("is the flow's first saved scenario, with the related records it names", () => {
    const sample = sampleRecord(afterSales, 'repair');
    expect(sample.source.kind).toBe('scenario');
    expect(typeof sample.data.customer).toBe('string');
    const customer = sample.data.customer as string;
    expect(sample.related.customers?.[customer]).toBeDefined();
  });

  it('is made of example values when the flow has no scenario and the form no sample', () => {
    const bundle: AppBundle = {
      ...afterSales,
      scenarios: [],
      forms: [
        {
          key: 'req',
          name: 'Req',
          fields: [
            { key: 'title', type: 'text', label: { en: 'Title', zh: '标题' } },
            { key: 'amount', type: 'money', label: 'Amount' },
            { key: 'kind', type: 'select', label: 'Kind', options: [{ value: 'a', label: 'A' }] },
            { key: 'customer', type: 'relation', label: 'Customer', form: 'customers' },
          ],
        },
        ...afterSales.forms,
      ],
      flows: [{ ...afterSales.flows[0]!, key: 'plain', form: 'req' }],
    };
    const sample = sampleRecord(bundle, 'plain');
    expect(sample.source.kind).toBe('example');
    expect(sample.data).toMatchObject({ title: '标题', amount: 1280, kind: 'a', customer: 'sample-1' });
    expect(sample.related.customers?.['sample-1']).toEqual(afterSales.sampleData?.customers?.[0]);
  });
});
