import { describe, expect, it } from 'vitest';
import { FlowcaseError } from '../../engine/errors.js';
import {
  checkTemplate,
  formatMoney,
  MAX_TEMPLATE_LENGTH,
  renderTemplate,
} from '../../engine/template/index.js';

const PATH = '/flows/0/nodes/notify_quote/template';
const FIELDS = new Set(['customer', 'ticket_no', 'quote', 'parts', 'paid_at']);

function codesOf(
  source: unknown,
  knownFields: ReadonlySet<string> = FIELDS,
): { path: string; code: string }[] {
  return checkTemplate(source, { path: PATH, knownFields }).map(({ path, code }) => ({ path, code }));
}

function refusal(source: string, data: Record<string, unknown> = {}): FlowcaseError {
  try {
    renderTemplate(source, data, { path: PATH });
  } catch (e) {
    if (e instanceof FlowcaseError) return e;
    throw e;
  }
  throw new Error('the template was rendered');
}

describe('renderTemplate', () => {
  it('escapes every value it prints', () => {
    expect(
      renderTemplate('Dear {{customer.name}},', { customer: { name: '<script>alert("x")</script>' } }),
    ).toBe('Dear &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,');
  });

  it('supports if/else, each with @index and @root, with, and our date and money helpers', () => {
    const source =
      '{{ticket_no}}: {{#if paid_at}}paid {{date paid_at "datetime"}}{{else}}unpaid{{/if}};' +
      '{{#each parts}} {{@index}}={{part}}/{{@root.ticket_no}}{{/each}};' +
      '{{#with customer}} {{name}}{{/with}}; {{money quote "CNY"}}';
    const data = {
      ticket_no: 'RMA-1',
      paid_at: '2024-05-01T14:30:00Z',
      parts: [{ part: 'screen' }, { part: 'battery' }],
      customer: { name: 'Li Lei' },
      quote: 1234.5,
    };
    expect(renderTemplate(source, data)).toBe(
      'RMA-1: paid 2024-05-01 14:30; 0=screen/RMA-1 1=battery/RMA-1; Li Lei; CNY 1,234.50',
    );
  });

  it('renders missing values as empty text rather than failing', () => {
    expect(renderTemplate('[{{quote}}][{{customer.name}}]', {})).toBe('[][]');
  });

  it('formats money with grouping and two decimals, and nothing for non-numbers', () => {
    expect(formatMoney(-9876543.219, 'USD')).toBe('USD -9,876,543.22');
    expect(formatMoney('abc')).toBe('');
  });

  it('never reaches an inherited property even through data it was given', () => {
    expect(renderTemplate('[{{a.b}}]', { a: Object.create({ b: 'inherited' }) as object })).toBe('[]');
  });

  it('refuses with FC_TEMPLATE_INVALID and the template path what checkTemplate rejects', () => {
    const error = refusal('{{{customer}}}');
    expect(error.code).toBe('FC_TEMPLATE_INVALID');
    expect(error.path).toBe(PATH);
    expect(error.problems[0]).toMatchObject({ path: PATH, code: 'template.unescaped' });
  });

  it('refuses a name outside knownFields when given them', () => {
    expect(() => renderTemplate('{{qoute}}', {}, { path: PATH, knownFields: FIELDS })).toThrow(/qoute/);
    expect(renderTemplate('{{quote}}', { quote: 3 }, { knownFields: FIELDS })).toBe('3');
  });

  it('refuses a source that is not a string', () => {
    expect(() => renderTemplate(42 as unknown as string, {})).toThrow(FlowcaseError);
  });
});

describe('checkTemplate', () => {
  it('accepts fields, builtins, helpers and blocks', () => {
    expect(
      codesOf(
        '{{customer.name}} {{$today}} {{task.name}} {{#unless quote}}free{{/unless}} {{money (money quote)}}',
      ),
    ).toEqual([]);
  });

  it('rejects triple-stash and ampersand output', () => {
    expect(codesOf('{{{customer}}}')).toEqual([{ path: PATH, code: 'template.unescaped' }]);
    expect(codesOf('{{& customer}}')).toEqual([{ path: PATH, code: 'template.unescaped' }]);
  });

  it('rejects partials and partial blocks', () => {
    expect(codesOf('{{> partial}}')).toEqual([{ path: PATH, code: 'template.partial' }]);
    expect(codesOf('{{#> layout}}x{{/layout}}')).toEqual([{ path: PATH, code: 'template.partial' }]);
  });

  it('rejects decorators', () => {
    expect(codesOf('{{#*inline "x"}}y{{/inline}}')).toEqual([{ path: PATH, code: 'template.decorator' }]);
  });

  it('rejects lookup, the classic way to the constructor', () => {
    expect(codesOf('{{#with (lookup this "constructor")}}{{/with}}')).toEqual([
      { path: PATH, code: 'template.helper_not_allowed' },
    ]);
  });

  it('rejects prototype paths in any segment', () => {
    expect(codesOf('{{constructor.constructor}}')).toEqual([{ path: PATH, code: 'template.forbidden_path' }]);
    expect(codesOf('{{__proto__}}')).toEqual([{ path: PATH, code: 'template.forbidden_path' }]);
    expect(codesOf('{{customer.[__lookupGetter__]}}')).toEqual([
      { path: PATH, code: 'template.forbidden_path' },
    ]);
    expect(codesOf('{{@root.prototype}}')).toEqual([{ path: PATH, code: 'template.forbidden_path' }]);
  });

  it('rejects unknown helpers, inline or block, and block helpers used inline', () => {
    expect(codesOf('{{shout customer}}')).toEqual([{ path: PATH, code: 'template.helper_not_allowed' }]);
    expect(codesOf('{{#customer}}x{{/customer}}')).toEqual([
      { path: PATH, code: 'template.helper_not_allowed' },
    ]);
    expect(codesOf('{{log quote}}')).toEqual([{ path: PATH, code: 'template.helper_not_allowed' }]);
    expect(codesOf('{{if quote}}')).toEqual([{ path: PATH, code: 'template.helper_not_allowed' }]);
  });

  it('rejects block parameters and unknown @variables', () => {
    expect(codesOf('{{#each parts as |p|}}{{p}}{{/each}}')).toEqual([
      { path: PATH, code: 'template.block_params' },
    ]);
    expect(codesOf('{{@partial-block}}')).toEqual([{ path: PATH, code: 'template.data_variable' }]);
  });

  it('names a field the form does not have, but not names inside an each block', () => {
    expect(codesOf('{{qoute}}')).toEqual([{ path: PATH, code: 'template.unknown_field' }]);
    expect(codesOf('{{#each parts}}{{part}}{{../qoute}}{{/each}}')).toEqual([
      { path: PATH, code: 'template.unknown_field' },
    ]);
  });

  it('rejects sources that are too long, not text or unparsable', () => {
    expect(codesOf('x'.repeat(MAX_TEMPLATE_LENGTH + 1))).toEqual([{ path: PATH, code: 'template.too_long' }]);
    expect(codesOf({ en: 'hi' })).toEqual([{ path: PATH, code: 'template.not_string' }]);
    expect(codesOf('{{#if quote}}open')).toEqual([{ path: PATH, code: 'template.syntax' }]);
  });

  it('rejects nesting deeper than the cap', () => {
    const deep = '{{#if quote}}'.repeat(40) + 'x' + '{{/if}}'.repeat(40);
    expect(codesOf(deep)).toEqual([{ path: PATH, code: 'template.too_deep' }]);
  });
});

describe('renderTemplate for webhook bodies (escape: json)', () => {
  it('keeps a JSON body valid whatever the values hold, and does not HTML-escape', () => {
    const body = renderTemplate(
      '{"name": "{{name}}", "qty": {{qty}} }',
      { name: 'Li "the <boss>"\n\\', qty: 3 },
      { escape: 'json' },
    );
    expect(JSON.parse(body)).toEqual({ name: 'Li "the <boss>"\n\\', qty: 3 });
  });
});
