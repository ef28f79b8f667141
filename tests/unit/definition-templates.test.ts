import { describe, expect, it } from 'vitest';
import { found, withFlow } from './definition-test-kit.js';

describe('validateBundle: templates', () => {
  it('checks a notify template per language and its subject against the flow form', () => {
    const { bundle, nodes } = withFlow();
    nodes.notify_quote.template.zh = '{{{customer.name}}}';
    nodes.notify_quote.subject.en = 'Quote {{ticket}}';
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/notify_quote/subject/en', code: 'template.unknown_field' },
      { path: '/flows/0/nodes/notify_quote/template/zh', code: 'template.unescaped' },
    ]);
  });

  it('checks a single-string template and a webhook body', () => {
    const { bundle, nodes } = withFlow();
    nodes.notify_quote.template = '{{> footer}}';
    nodes.order_parts.body = '{{#with (lookup this "constructor")}}{{/with}}';
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/notify_quote/template', code: 'template.partial' },
      { path: '/flows/0/nodes/order_parts/body', code: 'template.helper_not_allowed' },
    ]);
  });

  it('reports a template that does not parse', () => {
    const { bundle, nodes } = withFlow();
    nodes.order_parts.body = 'serial={{serial';
    expect(found(bundle)).toEqual([{ path: '/flows/0/nodes/order_parts/body', code: 'template.syntax' }]);
  });
});
