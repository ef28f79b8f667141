/**
 * A toy node kind for tests/unit/toy-kinds.test.ts, written as an extension would write one: it
 * stamps a fixed text into a text field of the record (formulas recomputed), then goes on to
 * `next`. One file: description, schema fragment, property list, check and behaviour.
 */
import { own } from '../../../engine/definition/bundle-reader.js';
import { checkFieldRef } from '../../../engine/definition/check-helpers.js';
import { prop } from '../../../engine/definition/property-list.js';
import { ref, target, text } from '../../../engine/definition/schema-parts.js';
import type { LocalizedText } from '../../../engine/definition/types.js';
import { diffRecords } from '../../../engine/flow/field-changes.js';
import type { NodeKind } from '../../../engine/flow/kinds/node-kind.js';
import { formContext } from '../../../engine/flow/rule-scope.js';
import { appendHistory, emit, moveToken } from '../../../engine/flow/step-context.js';

export interface StampNode {
  type: 'stamp';
  name?: LocalizedText;
  field: string;
  text: string;
  next: string;
}

const TEXT_FIELDS: ReadonlySet<string> = new Set(['text']);

export const stampKind: NodeKind<StampNode> = {
  type: 'stamp',
  description: {
    label: { en: 'Stamp', zh: '盖章' },
    summary: { en: 'Writes a fixed text into a field.', zh: '把固定文字写入字段。' },
    category: 'data',
    icon: 'stamp',
    waits: false,
    exits: ['next'],
    events: [],
  },
  definitionSchema: {
    properties: { field: ref('key'), text: text(100), next: target },
    required: ['field', 'text', 'next'],
  },
  properties: [
    prop('/field', 'field', 'Field', '字段', { required: true, fieldTypes: [...TEXT_FIELDS] }),
    prop('/text', 'text', 'Text', '文字', { required: true, default: 'OK' }),
    prop('/next', 'node', 'Then go to', '之后前往', { required: true }),
  ],
  check({ flow, node, problems }) {
    checkFieldRef({ problems }, flow.form, own(node.raw, 'field'), `${node.path}/field`, TEXT_FIELDS, 'text');
  },
  enter(ctx, token, node, nodeId) {
    const next = ctx.env.form.evaluate({ ...ctx.record, [node.field]: node.text }, formContext(ctx));
    const changes = diffRecords(ctx.record, next);
    ctx.record = next;
    emit(ctx, { type: 'record.update', node: nodeId, form: ctx.env.form.key, target: 'self', changes });
    appendHistory(ctx, 'stamp.applied', { node: nodeId, changes });
    moveToken(ctx, token, node.next);
  },
};
