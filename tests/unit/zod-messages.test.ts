/**
 * The messages zod gives where a schema has none of its own (contract/define.ts): clear Chinese naming the field and
 * what is wrong, never zh-CN's '期望 数字，实际接收 数字'.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../src/shared/contract';
import { chineseIssueMessage, idField } from '../../src/shared/contract/define';
import { fieldLabel } from '../../src/shared/contract/field-labels';
import { schemaKeys } from './contract-walk';
import { openTestCore } from './helpers';

const HAS_CHINESE = /[\u4e00-\u9fa5]/;
const ZOD_LOCALE = /期望|实际接收|无效输入|Invalid|expected/i;

const messages = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('zod fallback messages', () => {
  it('every field of every call has a Chinese name to be told by', () => {
    const keys = new Set<string>();
    for (const def of Object.values(contract)) schemaKeys(def.input as z.ZodType, keys);
    const unnamed = [...keys].filter((k) => !HAS_CHINESE.test(fieldLabel(k)));
    expect(unnamed).toEqual([]);
  });

  it('a number that is not finite, not a number or out of range says so, naming the field', () => {
    const s = z.object({ limit: z.number().int().positive().max(20_000), lines: z.array(z.object({ quantity: z.number() })) });
    expect(messages(s, { limit: Number('1e309'), lines: [] })).toEqual(['条数应为有限的数字，数值超出范围']);
    expect(messages(s, { limit: Number.NaN, lines: [] })).toEqual(['条数不是有效的数字']);
    expect(messages(s, { limit: '12', lines: [] })).toEqual(['条数应为数字']);
    expect(messages(s, { limit: 1.5, lines: [] })).toEqual(['条数应为整数']);
    expect(messages(s, { limit: 2 ** 60, lines: [] })[0]).toBe('条数数值超出范围');
    expect(messages(s, { limit: 30_000, lines: [] })).toEqual(['条数数值超出范围（不能大于20000）']);
    expect(messages(s, { limit: -3, lines: [] })).toEqual(['条数应大于0']);
    expect(messages(s, { limit: 1, lines: [{ quantity: -Infinity }] })).toEqual(['第1项的数量应为有限的数字，数值超出范围']);
    expect(messages(s, { lines: [] })).toEqual(['请填写条数']);
  });

  it('strings, lists, choices, unknown keys and wrong shapes are told in Chinese', () => {
    const s = z.object({ title: z.string().max(3), unitIds: z.array(z.number()).min(1), kind: z.enum(['a', 'b']), active: z.boolean() }).strict();
    expect(messages(s, { title: 'abcd', unitIds: [1], kind: 'a', active: true })).toEqual(['标题不能超过3个字']);
    expect(messages(s, { title: 'a', unitIds: [], kind: 'a', active: true })).toEqual(['负责的单位至少要有1项']);
    expect(messages(s, { title: 'a', unitIds: ['x'], kind: 'a', active: true })).toEqual(['负责的单位第1项应为数字']);
    expect(messages(s, { title: 'a', unitIds: [1], kind: 'c', active: true })).toEqual(['类型不是可选的值']);
    expect(messages(s, { title: 'a', unitIds: [1], kind: 'a', active: 'yes' })).toEqual(['启用应为“是”或“否”']);
    expect(messages(s, { title: 'a', unitIds: [1], kind: 'a', active: true, x: 1 })).toEqual(['有不认识的输入项：x']);
    expect(messages(s, 'text')).toEqual(['输入的格式不正确']);
    expect(messages(s, { title: null, unitIds: [1], kind: 'a', active: true })).toEqual(['标题不能为空']);
  });

  it('a record id says what is wrong with it: absent, or not a positive whole number', () => {
    expect(messages(z.object({ id: idField }), {})).toEqual(['缺少记录编号']);
    expect(messages(z.object({ id: idField }), { id: Infinity })).toEqual(['记录编号应为有限的数字，数值超出范围']);
    expect(messages(z.object({ personId: idField }), { personId: -2 })).toEqual(['人员编号应大于0']);
    expect(messages(z.object({ personId: idField }), { personId: 2.5 })).toEqual(['人员编号应为整数']);
  });

  it('every issue code gets Chinese words, never the locale’s', () => {
    const issues: z.core.$ZodRawIssue[] = [
      { code: 'invalid_type', expected: 'number', input: Infinity, path: ['cap'] },
      { code: 'too_big', origin: 'number', maximum: 5, inclusive: true, input: 6, path: ['stars'] },
      { code: 'too_small', origin: 'string', minimum: 1, inclusive: true, input: '', path: ['name'] },
      { code: 'invalid_value', values: ['a'], input: 'b', path: ['role'] },
      { code: 'invalid_format', format: 'regex', input: 'b', path: ['code'] },
      { code: 'not_multiple_of', divisor: 2, input: 3, path: ['value'] },
      { code: 'unrecognized_keys', keys: ['x'], input: {}, path: [] },
      { code: 'invalid_key', origin: 'record', issues: [], input: {}, path: ['mapping'] },
      { code: 'invalid_element', origin: 'map', key: 'k', issues: [], input: {}, path: ['rows'] },
      { code: 'invalid_union', errors: [], input: {}, path: ['report'] },
      { code: 'custom', input: {}, path: ['rule'] },
    ] as unknown as z.core.$ZodRawIssue[];
    for (const issue of issues) {
      const text = chineseIssueMessage(issue);
      expect(text).toMatch(HAS_CHINESE);
      expect(text).not.toMatch(ZOD_LOCALE);
    }
  });

  it('through the dispatcher: 1e309 as a number input is told in Chinese, naming the field', async () => {
    const t = await openTestCore();
    const e = await t.callError('points.ledger', { limit: Number('1e309') });
    expect(e).toEqual({ code: 'VALIDATION', message: '条数应为有限的数字，数值超出范围', issues: [{ field: 'limit', message: '条数应为有限的数字，数值超出范围' }] });
    const id = await t.callError('people.get', { id: -Number('1e309') });
    expect(id.message).toBe('记录编号应为有限的数字，数值超出范围');
  });
});
