/**
 * The bad-input corpus: malformed and hostile bundles, each rejected with a path (or accepted
 * where it is legal), and the validator never throws. The whole corpus is timed once and printed.
 */
/* eslint-disable @typescript-eslint/no-unsafe-return -- each case returns fixture JSON (Loose) as unknown input */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { validateBundle } from '../../engine/definition/index.js';
import type { Problem } from '../../engine/errors.js';
import { validBundle, withFlow } from './definition-test-kit.js';

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

function nested(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

function corpusFile(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./bad-input/${name}`, import.meta.url), 'utf8'));
}

interface Case {
  name: string;
  input: () => unknown;
  /** Problems that must be among the result; an empty list means the input is legal. */
  expected: { path: string; code: string }[];
  /** For problems under a deep path: the path they must start with. */
  under?: string;
}

const CASES: Case[] = [
  { name: 'null', input: () => null, expected: [{ path: '', code: 'schema.type' }] },
  { name: 'a number', input: () => 42, expected: [{ path: '', code: 'schema.type' }] },
  { name: 'a list', input: () => [validBundle()], expected: [{ path: '', code: 'schema.type' }] },
  {
    name: 'an empty object',
    input: () => ({}),
    expected: [
      { path: '/format', code: 'schema.required' },
      { path: '/flows', code: 'schema.required' },
    ],
  },
  {
    name: 'a cycle without exit',
    input: () => {
      const { bundle, nodes } = withFlow();
      nodes.qa.onApprove = 'qa_again';
      nodes.qa_again = {
        type: 'notify',
        to: [{ role: 'technician' }],
        channel: 'inapp',
        template: 'Again',
        next: 'qa',
      };
      nodes.qa.onReject = 'qa_again';
      return bundle;
    },
    expected: [
      { path: '/flows/0/nodes/qa', code: 'flow.no_end' },
      { path: '/flows/0/nodes/qa_again', code: 'flow.no_end' },
    ],
  },
  {
    name: 'dangling references',
    input: () => {
      const { bundle, nodes, flow } = withFlow();
      flow.start = 'begin';
      nodes.route.default = 'gone';
      nodes.quote.fields.editable = ['ghost'];
      return bundle;
    },
    expected: [
      { path: '/flows/0/start', code: 'ref.unknown_node' },
      { path: '/flows/0/nodes/route/default', code: 'ref.unknown_node' },
      { path: '/flows/0/nodes/quote/fields/editable/0', code: 'ref.unknown_field' },
    ],
  },
  {
    name: 'unknown node, field and widget kinds, and unknown rule operations',
    input: () => corpusFile('unknown-kinds.json'),
    expected: [
      { path: '/flows/0/nodes/run/type', code: 'schema.unknown_type' },
      { path: '/forms/0/fields/0/type', code: 'schema.unknown_type' },
      { path: '/forms/0/fields/1/visibleIf/eval', code: 'rule.unknown_operation' },
      { path: '/dashboards/0/widgets/0/type', code: 'schema.enum' },
      { path: '/dashboards/0/widgets/0/measures/0/op', code: 'schema.enum' },
    ],
  },
  {
    name: 'a node type that is not a text',
    input: () => {
      const { bundle, nodes } = withFlow();
      nodes.closed.type = ['end'];
      return bundle;
    },
    expected: [{ path: '/flows/0/nodes/closed/type', code: 'schema.type' }],
  },
  {
    name: '__proto__ keys from JSON.parse',
    input: () => corpusFile('proto-keys.json'),
    expected: [
      { path: '/__proto__', code: 'schema.unknown_property' },
      { path: '/roles/0/__proto__', code: 'schema.unknown_property' },
      { path: '/flows/0/nodes/__proto__', code: 'key.invalid' },
      { path: '/flows/0/nodes/save/set/__proto__', code: 'key.invalid' },
      { path: '/sampleData/__proto__', code: 'key.invalid' },
    ],
  },
  {
    name: 'constructor and prototype as keys',
    input: () => {
      const { bundle, nodes } = withFlow();
      bundle.roles.push({ key: 'constructor', name: 'C' });
      nodes.closed.outcome = 'prototype'; // an outcome is free text: legal
      return bundle;
    },
    expected: [{ path: '/roles/3/key', code: 'key.invalid' }],
  },
  {
    name: 'a 10 MB label',
    input: () => {
      const bundle = validBundle();
      bundle.forms[0].fields[0].label = TEN_MB;
      return bundle;
    },
    expected: [{ path: '/forms/0/fields/0/label', code: 'input.too_large' }],
  },
  {
    name: 'a 10 MB property name',
    input: () => {
      const bundle = validBundle();
      bundle.flows[0].nodes[TEN_MB] = { type: 'end' };
      return bundle;
    },
    expected: [{ path: '/flows/0/nodes', code: 'input.too_large' }],
  },
  {
    name: 'a 10 MB template',
    input: () => {
      const { bundle, nodes } = withFlow();
      nodes.order_parts.body = `{{serial}}${TEN_MB}`;
      return bundle;
    },
    expected: [{ path: '/flows/0/nodes/order_parts/body', code: 'input.too_large' }],
  },
  {
    name: 'a 30,000-character template (under the input limit, over the template cap)',
    input: () => {
      const { bundle, nodes } = withFlow();
      nodes.order_parts.body = '{{serial}}'.repeat(3000);
      return bundle;
    },
    expected: [
      { path: '/flows/0/nodes/order_parts/body', code: 'schema.too_long' },
      { path: '/flows/0/nodes/order_parts/body', code: 'template.too_long' },
    ],
  },
  {
    name: '10,000-deep nesting inside a rule',
    input: () => {
      const bundle = validBundle();
      bundle.forms[1].fields[5].visibleIf = nested(10_000, true, (inner) => ({ '!': [inner] }));
      return bundle;
    },
    expected: [{ path: '', code: 'input.too_deep' }],
    under: '/forms/1/fields/5/visibleIf/!/0/!/0',
  },
  {
    name: '10,000-deep nested lists',
    input: () => nested(10_000, 0, (inner) => [inner]),
    expected: [{ path: '', code: 'input.too_deep' }],
    under: '/0/0/0',
  },
  {
    name: 'a rule nested past the rule cap but within the input limit',
    input: () => {
      const { bundle, nodes } = withFlow();
      nodes.route.cases[0].when = nested(40, true, (inner) => ({ '!': inner }));
      return bundle;
    },
    expected: [{ path: '', code: 'rule.too_deep' }],
    under: '/flows/0/nodes/route/cases/0/when',
  },
  {
    name: 'a list with too many entries',
    input: () => {
      const bundle = validBundle();
      bundle.sampleData.customer = Array.from({ length: 600_000 }, () => 0);
      return bundle;
    },
    expected: [{ path: '/sampleData/customer', code: 'input.too_large' }],
  },
  {
    name: 'too many values in all',
    input: () => {
      const bundle = validBundle();
      bundle.sampleData.customer = Array.from({ length: 1000 }, () => ({
        name: Array.from({ length: 600 }, () => 0),
      }));
      return bundle;
    },
    expected: [{ path: '', code: 'input.too_large' }],
  },
  {
    name: 'handlebars with {{{, partials and constructor lookups',
    input: () => {
      const { bundle, nodes } = withFlow();
      nodes.notify_quote.template = { en: 'Hi {{{customer.name}}}', zh: '{{> footer}}' };
      nodes.notify_quote.subject = '{{#with (lookup this "constructor")}}{{name}}{{/with}}';
      nodes.order_parts.body = '{{constructor.constructor}}';
      return bundle;
    },
    expected: [
      { path: '/flows/0/nodes/notify_quote/template/en', code: 'template.unescaped' },
      { path: '/flows/0/nodes/notify_quote/template/zh', code: 'template.partial' },
      { path: '/flows/0/nodes/notify_quote/subject', code: 'template.helper_not_allowed' },
      { path: '/flows/0/nodes/order_parts/body', code: 'template.forbidden_path' },
    ],
  },
  {
    name: 'a pathological but linear-time pattern ^(a|a)*$ (legal)',
    input: () => {
      const bundle = validBundle();
      bundle.forms[1].fields[2].pattern = '^(a|a)*$';
      return bundle;
    },
    expected: [],
  },
  {
    name: 'nested quantifiers at the repeat cap',
    input: () => {
      const bundle = validBundle();
      bundle.forms[1].fields[2].pattern = '((a{1,1000}){1,1000}){1,1000}';
      return bundle;
    },
    expected: [{ path: '/forms/1/fields/2/pattern', code: 'pattern.invalid' }],
  },
  {
    name: 'a backreference pattern',
    input: () => {
      const bundle = validBundle();
      bundle.forms[1].fields[2].pattern = '^(a+)+\\1$';
      return bundle;
    },
    expected: [{ path: '/forms/1/fields/2/pattern', code: 'pattern.invalid' }],
  },
  {
    name: 'an object whose getter throws (not JSON, but still no exception)',
    input: () =>
      Object.defineProperty({}, 'format', {
        enumerable: true,
        get: () => {
          throw new Error('boom');
        },
      }),
    expected: [{ path: '', code: 'bundle.unreadable' }],
  },
  {
    name: 'a thousand nodes',
    input: () => {
      const { bundle, nodes } = withFlow();
      for (let i = 0; i < 1000; i++) nodes[`n${i}`] = { type: 'end' };
      return bundle;
    },
    expected: [{ path: '/flows/0/nodes', code: 'schema.too_many' }],
  },
];

let elapsed = 0;

describe('validateBundle: the bad-input corpus', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const input = c.input();
    const started = performance.now();
    let problems: Problem[] = [];
    expect(() => {
      problems = validateBundle(input);
    }).not.toThrow();
    elapsed += performance.now() - started;

    if (c.expected.length === 0) {
      expect(problems).toEqual([]);
      return;
    }
    for (const problem of problems) {
      expect(typeof problem.path).toBe('string');
      expect(problem.message.length).toBeLessThan(1000);
    }
    for (const want of c.expected) {
      if (c.under !== undefined && want.path === '') {
        expect(problems.some((p) => p.code === want.code && p.path.startsWith(c.under!))).toBe(true);
      } else {
        expect(problems.map(({ path, code }) => ({ path, code }))).toContainEqual(want);
      }
    }
  });

  afterAll(() => {
    console.log(
      `bad-input corpus: ${CASES.length} bundles validated in ${elapsed.toFixed(0)} ms (including the one-time schema compile)`,
    );
    // A very generous guard against a pathological regression, not a performance assertion.
    expect(elapsed).toBeLessThan(10_000);
  });
});
