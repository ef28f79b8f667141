import { describe, expect, it } from 'vitest';
import { autonumberProblems } from '../../engine/definition/index.js';
import { found, validBundle } from './definition-test-kit.js';

describe('validateBundle: text and autonumber patterns', () => {
  it('accepts a pathological but linear-time pattern such as ^(a|a)*$', () => {
    const bundle = validBundle();
    bundle.forms[1].fields[2].pattern = '^(a|a)*$';
    expect(found(bundle)).toEqual([]);
  });

  it('refuses patterns the linear-time engine cannot run: backreferences and lookarounds', () => {
    const bundle = validBundle();
    bundle.forms[1].fields[2].pattern = '^(a)\\1$';
    bundle.forms[0].fields[0].pattern = '^(?=x)';
    bundle.forms[1].fields[10].columns[0].pattern = '[a-';
    expect(found(bundle)).toEqual([
      { path: '/forms/0/fields/0/pattern', code: 'pattern.invalid' },
      { path: '/forms/1/fields/10/columns/0/pattern', code: 'pattern.invalid' },
      { path: '/forms/1/fields/2/pattern', code: 'pattern.invalid' },
    ]);
  });

  it('checks the autonumber token syntax', () => {
    expect(autonumberProblems('RMA-{YYYYMMDD}-{seq:4}')).toEqual([]);
    expect(autonumberProblems('{YYYY}/{MM}/{DD}#{seq:12}')).toEqual([]);
    expect(autonumberProblems('RMA-{date}-{seq:4}')).toHaveLength(1);
    expect(autonumberProblems('RMA-{seq:4')).toHaveLength(2);
    expect(autonumberProblems('RMA-{seq:0}')).toHaveLength(2);
    expect(autonumberProblems('RMA-{seq:2}{seq:3}')).toHaveLength(1);
  });

  it('reports a bad autonumber pattern at its path', () => {
    const bundle = validBundle();
    bundle.forms[1].fields[0].pattern = 'RMA-{YYYYMMDD}';
    expect(found(bundle)).toEqual([{ path: '/forms/1/fields/0/pattern', code: 'autonumber.invalid' }]);
  });
});
