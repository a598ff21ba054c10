import { z } from 'zod';
import { UNIT_KIND_KEYS, type UnitKind } from '../domain/org';
import { call, dateField, idField, returns } from './define';

export interface UnitNode {
  id: number;
  parentId: number | null;
  kind: UnitKind;
  name: string;
  code: string;
  sortOrder: number;
  retiredOn: string | null;
  /** People in post directly in this unit on the tree's date (today unless asked for another). */
  peopleInPost: number;
}

const unitName = z
  .string({ error: '请填写名称' })
  .trim()
  .min(1, '请填写名称')
  .max(40, '名称不能超过40个字');
const unitCode = z
  .string()
  .trim()
  .max(32, '编码不能超过32个字符')
  .regex(/^[0-9A-Za-z_-]*$/, '编码只能由数字、字母、短横线和下划线组成');
const unitKind = z.enum(UNIT_KIND_KEYS, { error: '请选择单位类型' });

export const orgContract = {
  'org.tree': call({ input: z.object({ asOf: dateField('查询日期').optional() }).strict(), output: returns<UnitNode[]>(), tx: 'read' }),
  'org.create': call({
    input: z.object({ parentId: idField.nullable(), kind: unitKind, name: unitName, code: unitCode.default('') }),
    output: returns<UnitNode>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'org.update': call({
    input: z.object({ id: idField, kind: unitKind, name: unitName, code: unitCode.min(1, '请填写编码') }),
    output: returns<UnitNode>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'org.move': call({
    input: z.object({ id: idField, parentId: idField }),
    output: returns<UnitNode>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'org.retire': call({
    input: z.object({
      id: idField,
      date: dateField('撤销日期'),
      reason: z.string().trim().min(1, '请填写撤销原因').max(200, '原因不能超过200字'),
    }),
    output: returns<UnitNode>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'org.restore': call({ input: z.object({ id: idField }), output: returns<UnitNode>(), tx: 'write', roles: ['admin'] }),
  'org.delete': call({ input: z.object({ id: idField }), output: returns<{ id: number }>(), tx: 'write', roles: ['admin'] }),
  /** Whether deleting would be refused, and why: asked before the confirmation. */
  'org.deleteCheck': call({ input: z.object({ id: idField }), output: returns<{ refusal: string | null }>(), tx: 'read' }),
};
