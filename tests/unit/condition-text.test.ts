import { describe, expect, it } from 'vitest';
import { conditionText } from '../../designer/src/flow-designer/node-summary.js';

const label = (field: string) => ({ amount: '金额' })[field] ?? field;

describe('a branch condition read aloud on the canvas', () => {
  it('names the field by its label', () => {
    expect(conditionText({ '>': [{ var: 'amount' }, 1000] }, label, 'zh-CN')).toBe('金额 > 1000');
  });

  it('is empty for a case just added, before its condition is built (the canvas draws on)', () => {
    expect(conditionText(undefined, label, 'zh-CN')).toBe('');
  });
});
