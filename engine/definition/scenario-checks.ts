/**
 * References made by saved simulator runs (`scenarios`): the flow a scenario runs, the form fields
 * its sample record and its moves' data fill in, the nodes its moves act on or return to, the
 * actions they take and the nodes its expected path lists. A scenario naming something the app no
 * longer has cannot be replayed; saying so at its JSON path tells the designer which one to fix,
 * where a failed replay would only say that it failed.
 */
import type { Problem } from '../errors.js';
import { pointerSegment } from '../errors.js';
import type { BundleIndex, FlowInfo, FormInfo } from './bundle-index.js';
import { entries, keyAt, list, own, stringAt } from './bundle-reader.js';

interface Context {
  index: BundleIndex;
  problems: Problem[];
}

/** The completing actions a task node offers: those it lists, `submit` when it lists none. */
function actionsOf(raw: unknown): string[] {
  const listed = own(raw, 'actions');
  return Array.isArray(listed) ? listed.filter((a): a is string => typeof a === 'string') : ['submit'];
}

function checkFields(ctx: Context, form: FormInfo, data: unknown, path: string): void {
  for (const [key] of entries(data)) {
    if (form.fields.has(key)) continue;
    ctx.problems.push({
      path: `${path}/${pointerSegment(key)}`,
      code: 'ref.unknown_field',
      message: `Form "${form.key}" has no field "${key}".`,
    });
  }
}

function checkNode(ctx: Context, flow: FlowInfo, node: string | undefined, path: string): boolean {
  if (node === undefined || flow.nodes.has(node)) return node !== undefined;
  ctx.problems.push({
    path,
    code: 'ref.unknown_node',
    message: `Flow "${flow.key}" has no node "${node}".`,
  });
  return false;
}

function checkMove(ctx: Context, flow: FlowInfo, move: unknown, path: string): void {
  const type = stringAt(move, 'type');
  if (type !== 'act' && type !== 'webhook') return;
  const nodeKey = keyAt(move, 'node');
  if (!checkNode(ctx, flow, nodeKey, `${path}/node`)) return;
  const node = flow.nodes.get(nodeKey!)!;
  if (type === 'webhook') {
    if (node.type !== 'webhook')
      ctx.problems.push({
        path: `${path}/node`,
        code: 'scenario.not_webhook_node',
        message: `A webhook answer goes to a webhook node; "${node.id}" is a ${node.type ?? 'malformed'} node.`,
      });
    return;
  }
  if (node.type !== 'task') {
    ctx.problems.push({
      path: `${path}/node`,
      code: 'ref.not_task_node',
      message: `Only task nodes are acted on; "${node.id}" is a ${node.type ?? 'malformed'} node.`,
    });
    return;
  }
  const action = stringAt(move, 'action');
  if (action !== undefined && !actionsOf(node.raw).includes(action))
    ctx.problems.push({
      path: `${path}/action`,
      code: 'scenario.action_not_offered',
      message: `Node "${node.id}" does not offer "${action}" (it offers ${actionsOf(node.raw).join(', ')}).`,
    });
  checkNode(ctx, flow, keyAt(move, 'returnTo'), `${path}/returnTo`);
  if (flow.form) checkFields(ctx, flow.form, own(move, 'data'), `${path}/data`);
}

function checkRelatedRecords(ctx: Context, records: unknown, path: string): void {
  for (const [formKey, byId] of entries(records)) {
    const form = ctx.index.forms.get(formKey);
    if (!form) {
      if (ctx.index.formsReadable)
        ctx.problems.push({
          path: `${path}/${pointerSegment(formKey)}`,
          code: 'ref.unknown_form',
          message: `The app has no form "${formKey}".`,
        });
      continue;
    }
    for (const [id, record] of entries(byId))
      checkFields(ctx, form, record, `${path}/${pointerSegment(formKey)}/${pointerSegment(id)}`);
  }
}

export function checkScenarios(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  const ctx: Context = { index, problems };
  list(own(index.raw, 'scenarios')).forEach((scenario, i) => {
    const path = `/scenarios/${i}`;
    const flowKey = keyAt(scenario, 'flow');
    if (flowKey === undefined) return;
    const flow = index.flows.find((f) => f.key === flowKey);
    if (!flow) {
      problems.push({
        path: `${path}/flow`,
        code: 'ref.unknown_flow',
        message: `Scenario "${keyAt(scenario, 'key') ?? i}" runs flow "${flowKey}", which this app does not define.`,
      });
      return;
    }
    if (flow.form) checkFields(ctx, flow.form, own(scenario, 'record'), `${path}/record`);
    checkRelatedRecords(ctx, own(scenario, 'records'), `${path}/records`);
    list(own(scenario, 'moves')).forEach((move, j) => checkMove(ctx, flow, move, `${path}/moves/${j}`));
    list(own(own(scenario, 'expect'), 'path')).forEach((node, k) => {
      if (typeof node === 'string') checkNode(ctx, flow, node, `${path}/expect/path/${k}`);
    });
  });
  return problems;
}
