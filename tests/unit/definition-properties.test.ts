/**
 * Properties of validateBundle that hold for every input: it never throws and always answers with
 * sorted problems; and in the valid fixture, breaking any one reference is always caught at that
 * reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateBundle } from '../../engine/definition/index.js';
import type { Problem } from '../../engine/errors.js';
import { type Loose, validBundle } from './definition-test-kit.js';

function expectWellFormed(problems: Problem[]): void {
  expect(Array.isArray(problems)).toBe(true);
  // The catch-all inside validateBundle is for non-JSON oddities; it must never be what answered.
  expect(problems.map((p) => p.code)).not.toContain('bundle.unreadable');
  for (const p of problems) {
    expect(typeof p.path).toBe('string');
    expect(p.path === '' || p.path.startsWith('/')).toBe(true);
    expect(typeof p.code).toBe('string');
    expect(typeof p.message).toBe('string');
  }
  const paths = problems.map((p) => p.path);
  expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every JSON pointer in the fixture, with its value. */
function pointers(value: unknown, path = ''): [string, unknown][] {
  const here: [string, unknown][] = [[path, value]];
  if (typeof value !== 'object' || value === null) return here;
  const children = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  return here.concat(
    ...children.map(([k, v]) => pointers(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)),
  );
}

/** Where the fixture names another part of the app: nodes, forms, fields, roles. */
const REFERENCE = [
  /^\/flows\/\d+\/(form|start)$/,
  /^\/flows\/\d+\/nodes\/[^/]+\/(next|default|onApprove|onReject|onError|onTimeout|form|until)$/,
  /^\/flows\/\d+\/nodes\/[^/]+\/cases\/\d+\/next$/,
  /^\/flows\/\d+\/nodes\/[^/]+\/(branches|returnTo|backfill)\/\d+$/,
  /^\/flows\/\d+\/nodes\/[^/]+\/fields\/(visible|editable|required)\/\d+$/,
  /^\/flows\/\d+\/nodes\/[^/]+\/(assignee|assignee\/\d+|to\/\d+|sla\/escalateTo\/\d+)\/(role|field)$/,
  /^\/forms\/\d+\/fields\/\d+\/(form|display)$/,
  /^\/forms\/\d+\/submitRoles\/\d+$/,
  /^\/dashboards\/\d+\/widgets\/\d+\/(form|dimensions\/\d+\/field|measures\/\d+\/field)$/,
];

const fixture = validBundle();
const allPointers = pointers(fixture);
const referencePaths = allPointers
  .filter(([path, value]) => typeof value === 'string' && REFERENCE.some((r) => r.test(path)))
  .map(([path]) => path);
const namesInUse = new Set(
  allPointers
    .flatMap(([path, value]) => [value, ...path.split('/')])
    .filter((v): v is string => typeof v === 'string'),
);

function setAt(root: Loose, path: string, value: unknown): void {
  const segments = path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = segments.pop()!;
  let target = root;
  for (const s of segments) target = target[s];
  target[last] = value;
}

describe('validateBundle properties', () => {
  it('never throws on any value, and answers with well-formed sorted problems', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withNullPrototype: true,
          withBoxedValues: true,
          withMap: true,
          withSet: true,
          withSparseArray: true,
        }),
        (value) => {
          expectWellFormed(validateBundle(value));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expectWellFormed(validateBundle(value))),
      { numRuns: 300 },
    );
  });

  it('never throws when any one part of the valid bundle is replaced by any JSON value', () => {
    const paths = allPointers.map(([path]) => path).filter((p) => p !== '');
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        const bundle = validBundle();
        setAt(bundle, path, value);
        expectWellFormed(validateBundle(bundle));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the fixture valid and knows its references', () => {
    expect(validateBundle(fixture)).toEqual([]);
    // Guards the property below against a REFERENCE list that silently matches nothing.
    expect(referencePaths.length).toBeGreaterThan(40);
  });

  it('flags any one reference renamed to a name the app does not have, at that reference', () => {
    const newName = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/).filter((name) => !namesInUse.has(name));
    fc.assert(
      fc.property(fc.constantFrom(...referencePaths), newName, (path, name) => {
        const bundle = validBundle();
        setAt(bundle, path, name);
        const problems = validateBundle(bundle);
        expect(problems.map((p) => p.path)).toContain(path);
      }),
      { numRuns: 500 },
    );
  });
});
