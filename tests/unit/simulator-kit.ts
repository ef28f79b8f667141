/** A small app for the simulator's tests: an expense claim flow with a branch, an SLA, a wait and a notice. */
import type { AppBundle } from '../../engine/definition/types.js';

/** An expense claim: big claims go to a manager, whose task has an SLA; paid claims wait a day and tell the claimant. */
export function claimBundle(): AppBundle {
  return {
    format: 'flowcase/app@1',
    key: 'claims',
    name: 'Claims',
    version: 1,
    roles: [
      { key: 'clerk', name: 'Clerk' },
      { key: 'manager', name: 'Manager' },
      { key: 'director', name: 'Director' },
    ],
    forms: [
      {
        key: 'claim',
        name: 'Claim',
        fields: [
          { key: 'title', type: 'text', label: 'Title', required: true },
          { key: 'amount', type: 'money', label: 'Amount', min: 0 },
          { key: 'note', type: 'textarea', label: 'Note' },
          { key: 'status', type: 'text', label: 'Status' },
        ],
      },
    ],
    flows: [
      {
        key: 'claim_flow',
        name: 'Claim',
        form: 'claim',
        trigger: { on: 'record.created' },
        start: 'size',
        nodes: {
          size: {
            type: 'branch',
            cases: [{ when: { '>': [{ var: 'amount' }, 1000] }, next: 'manager_review' }],
            default: 'clerk_review',
          },
          clerk_review: {
            type: 'task',
            name: 'Clerk review',
            assignee: { role: 'clerk' },
            actions: ['approve', 'reject'],
            fields: { visible: ['title', 'amount', 'note'], editable: ['note'] },
            onApprove: 'mark_paid',
            onReject: 'rejected',
          },
          manager_review: {
            type: 'task',
            name: 'Manager review',
            assignee: { role: 'manager' },
            actions: ['approve', 'reject'],
            sla: { due: 'P2D', remind: 'P1D', escalateTo: [{ role: 'director' }] },
            onApprove: 'mark_paid',
            onReject: 'rejected',
          },
          mark_paid: {
            type: 'record',
            action: 'update',
            form: 'claim',
            set: { status: 'paid' },
            next: 'cool_off',
          },
          cool_off: { type: 'wait', duration: 'P1D', next: 'tell' },
          tell: {
            type: 'notify',
            to: [{ submitter: true }],
            channel: 'email',
            subject: 'Claim {{title}} paid',
            template: 'Your claim {{title}} of {{amount}} was paid.',
            next: 'paid',
          },
          paid: { type: 'end', outcome: 'paid' },
          rejected: { type: 'end', outcome: 'rejected' },
        },
      },
    ],
    dashboards: [],
  };
}

export const ANNA = { user: 'anna', roles: ['clerk'] };
export const MARK = { user: 'mark', roles: ['manager'] };
export const DORA = { user: 'dora', roles: ['director'] };
export const SAM = { user: 'sam' };
