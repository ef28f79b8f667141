/**
 * Notification texts show the record as people read it (option labels in the reader's language,
 * linked records by name) and are escaped for where they go: HTML only for HTML, plain text for
 * in-app messages and SMS, JSON string contents for webhook bodies.
 */
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../engine/definition/types.js';
import { checkTemplate, displayValues, renderTemplate } from '../../engine/template/index.js';

const FIELDS: FieldDef[] = [
  {
    key: 'intake_channel',
    type: 'select',
    label: 'Channel',
    options: [
      { value: 'online_shop', label: { en: 'Online shop', zh: '网店' } },
      { value: 'hotline', label: 'Hotline' },
    ],
  },
  {
    key: 'skills',
    type: 'multiselect',
    label: 'Skills',
    options: [
      { value: 'phone', label: { en: 'Phones', zh: '手机' } },
      { value: 'laptop', label: { en: 'Laptops', zh: '笔记本电脑' } },
    ],
  },
  { key: 'customer', type: 'relation', label: 'Customer', form: 'customers', display: 'name' },
  {
    key: 'parts',
    type: 'table',
    label: 'Parts',
    columns: [
      {
        key: 'kind',
        type: 'select',
        label: 'Kind',
        options: [{ value: 'screen', label: { en: 'Screen', zh: '屏幕' } }],
      },
      { key: 'qty', type: 'integer', label: 'Qty' },
    ],
  },
  { key: 'in_warranty', type: 'boolean', label: 'In warranty' },
  { key: 'note', type: 'textarea', label: 'Note' },
];

const CUSTOMERS: Record<string, Record<string, unknown>> = {
  c1: { name: '王建国', tier: 'vip', phone: '+86 138' },
};
const lookup = (form: string, id: string) => (form === 'customers' ? CUSTOMERS[id] : undefined);

const RECORD = {
  intake_channel: 'online_shop',
  skills: ['phone', 'laptop'],
  customer: 'c1',
  parts: [{ kind: 'screen', qty: 2 }],
  in_warranty: false,
  note: 'a < b & "c"',
  rma_no: 'RMA-7',
};

function text(source: string, language: 'en' | 'zh', escape: 'html' | 'text' = 'text'): string {
  return renderTemplate(source, displayValues(FIELDS, RECORD, { language, lookup }), { escape });
}

describe('displayValues: the record as a message shows it', () => {
  it('prints a select value as its option label in the reader’s language', () => {
    expect(text('{{intake_channel}}', 'en')).toBe('Online shop');
    expect(text('{{intake_channel}}', 'zh')).toBe('网店');
  });

  it('falls back to the other language, then to the stored value', () => {
    const view = (v: string) =>
      displayValues(FIELDS, { intake_channel: v }, { language: 'zh' }).intake_channel;
    expect(view('hotline')).toBe('Hotline');
    expect(view('pigeon')).toBe('pigeon');
  });

  it('prints a multiselect as its labels joined, and walks them one by one in {{#each}}', () => {
    expect(text('{{skills}}', 'en')).toBe('Phones, Laptops');
    expect(text('{{skills}}', 'zh')).toBe('手机、笔记本电脑');
    expect(text('{{#each skills}}[{{this}}]{{/each}}', 'en')).toBe('[Phones][Laptops]');
  });

  it('prints a linked record by its display field and still reads its fields', () => {
    expect(text('{{customer}} · {{customer.phone}} · {{customer.id}}', 'en')).toBe('王建国 · +86 138 · c1');
    expect(text('{{#with customer}}{{name}}{{/with}}', 'en')).toBe('王建国');
  });

  it('prints a relation whose record is unknown as its id', () => {
    expect(
      renderTemplate('{{customer}}', displayValues(FIELDS, { customer: 'gone' }, { language: 'en', lookup })),
    ).toBe('gone');
  });

  it('labels the select columns of table rows', () => {
    expect(text('{{#each parts}}{{qty}} × {{kind}}{{/each}}', 'zh')).toBe('2 × 屏幕');
  });

  it('keeps booleans, empty values and names that are not fields as they are, so {{#if}} still asks the same', () => {
    expect(text('{{#if in_warranty}}yes{{else}}no{{/if}} {{rma_no}}', 'en')).toBe('no RMA-7');
    const empty = displayValues(FIELDS, { intake_channel: '', skills: [] }, { language: 'en' });
    expect(renderTemplate('{{#if intake_channel}}x{{/if}}{{#if skills}}y{{/if}}', empty)).toBe('');
  });

  it('leaves the stored data untouched', () => {
    const data = { ...RECORD, skills: [...RECORD.skills] };
    displayValues(FIELDS, data, { language: 'en', lookup });
    expect(data).toEqual(RECORD);
  });

  it('adds no way into the prototype: toString stays a forbidden path', () => {
    expect(checkTemplate('{{customer.toString}}').map((p) => p.code)).toEqual(['template.forbidden_path']);
    expect(checkTemplate('{{skills.constructor}}').map((p) => p.code)).toEqual(['template.forbidden_path']);
  });
});

describe('renderTemplate: escaping by channel', () => {
  it('leaves plain text (in-app, SMS) unescaped: the app escapes on display', () => {
    expect(text('{{note}}', 'en', 'text')).toBe('a < b & "c"');
  });

  it('escapes for HTML when the text goes into HTML', () => {
    expect(text('{{note}}', 'en', 'html')).toBe('a &lt; b &amp; &quot;c&quot;');
  });

  it('escapes string values as JSON string contents for webhook bodies', () => {
    expect(renderTemplate('{"note": "{{note}}"}', { note: 'say "hi"\n' }, { escape: 'json' })).toBe(
      '{"note": "say \\"hi\\"\\n"}',
    );
  });

  it('refuses the same templates in every mode', () => {
    for (const escape of ['html', 'text', 'json'] as const) {
      expect(() => renderTemplate('{{{note}}}', { note: 'x' }, { escape })).toThrow(/Unescaped/);
      expect(() => renderTemplate('{{lookup note "x"}}', { note: 'x' }, { escape })).toThrow();
    }
  });
});
