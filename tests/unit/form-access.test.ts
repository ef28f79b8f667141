/**
 * A form's creation field sets (`access`): what each role group may file when creating a record
 * and what customers read besides. The validator checks them, and the engine derives the sets the
 * server enforces and the browser shows.
 */
import { describe, expect, it } from 'vitest';
import { creationFields, creationReadFields, customerReadFields } from '../../engine/index.js';
import type { FlowDef, FormDef } from '../../engine/index.js';
import { found, validBundle, withFlow } from './definition-test-kit.js';

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- bundles are taken apart freely here

const repairOf = (bundle: Loose): Loose => (bundle.forms as Loose[]).find((f) => f.key === 'repair')!;

describe('validateBundle: access', () => {
  it('accepts creation sets per role group with extra customer reads', () => {
    const bundle = validBundle();
    repairOf(bundle).access = [
      { roles: ['customer'], create: ['customer', 'description'], read: ['ticket_no', 'status'] },
      { create: ['customer', 'description', 'technician'] },
    ];
    expect(found(bundle)).toEqual([]);
  });

  it('reports unknown roles and fields at their paths, and computed fields in a creation set', () => {
    const bundle = validBundle();
    repairOf(bundle).access = [
      { roles: ['nobody'], create: ['no_such', 'in_warranty', 'ticket_no'], read: ['gone'] },
    ];
    expect(found(bundle)).toEqual(
      expect.arrayContaining([
        { path: '/forms/1/access/0/roles/0', code: 'ref.unknown_role' },
        { path: '/forms/1/access/0/create/0', code: 'ref.unknown_field' },
        { path: '/forms/1/access/0/create/1', code: 'form.create_not_input' },
        { path: '/forms/1/access/0/create/2', code: 'form.create_not_input' },
        { path: '/forms/1/access/0/read/0', code: 'ref.unknown_field' },
      ]),
    );
  });

  it('refuses an entry without a creation list, and unknown properties', () => {
    const bundle = validBundle();
    repairOf(bundle).access = [{ roles: ['customer'] }, { create: [], secret: true }];
    const paths = found(bundle).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/forms/1/access/0/create', '/forms/1/access/1/secret']));
  });
});

describe('creation and read sets', () => {
  const { bundle } = withFlow();
  const form = repairOf(bundle) as FormDef;
  const flow = bundle.flows[0] as FlowDef;
  const customerRoles = new Set(['customer']);

  it('without access: every input field no step of the flow writes (staff fields stay out)', () => {
    const set = creationFields(form, flow, ['customer']);
    expect(set).not.toContain('ticket_no');
    expect(set).not.toContain('in_warranty');
    for (const node of Object.values(flow.nodes)) {
      if (node.type === 'task') for (const key of node.fields?.editable ?? []) expect(set).not.toContain(key);
    }
  });

  it('with access: the first entry whose roles the creator holds, else the one without roles', () => {
    const declared = {
      ...form,
      access: [
        { roles: ['customer'], create: ['customer', 'description'], read: ['status'] },
        { create: ['customer', 'description', 'technician'] },
      ],
    };
    expect(creationFields(declared, flow, ['customer'])).toEqual(['customer', 'description']);
    expect(creationFields(declared, flow, ['service_desk'])).toEqual([
      'customer',
      'description',
      'technician',
    ]);
    expect(creationReadFields(declared, flow, ['customer'])).toEqual(['customer', 'description', 'status']);
  });

  it('a customer reads what they file, what their steps show and what the notices sent to them read, in form order', () => {
    const declared = { ...form, access: [{ roles: ['customer'], create: ['description'], read: [] }] };
    const withNotice: FlowDef = {
      ...flow,
      nodes: {
        ...flow.nodes,
        tell: {
          type: 'notify',
          to: [{ submitter: true }],
          channel: 'inapp',
          template: '{{quote}}',
          next: 'done',
        } as never,
      },
    };
    const read = customerReadFields(declared, withNotice, ['customer'], customerRoles, () => ['quote']);
    expect(read).toContain('description');
    expect(read).toContain('quote');
    expect(read).not.toContain('technician');
    expect(read).toEqual(form.fields.map((f) => f.key).filter((k) => read.includes(k)));
    // Without the notice analyzer (the browser), a customer is shown less, never more.
    expect(
      customerReadFields(declared, withNotice, ['customer'], customerRoles).every((k) => read.includes(k)),
    ).toBe(true);
  });
});

describe('validateBundle: startsFrom', () => {
  it('names text fields of the form for the source case, each checked at its path', () => {
    const bundle = validBundle();
    repairOf(bundle).startsFrom = { app: 'serial', form: 'no_such', record: 'quote', title: 'description' };
    expect(found(bundle)).toEqual(
      expect.arrayContaining([
        { path: '/forms/1/startsFrom/form', code: 'ref.unknown_field' },
        { path: '/forms/1/startsFrom/record', code: 'ref.not_text_field' },
        { path: '/forms/1/startsFrom/title', code: 'ref.not_text_field' },
      ]),
    );
    expect(found(bundle).some((p) => p.path === '/forms/1/startsFrom/app')).toBe(false);
  });
});
