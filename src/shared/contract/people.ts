import { z } from 'zod';
import { checkIdNumber, normalizeIdNumber } from '../domain/idcard';
import { mobileError, normalizeMobile } from '../domain/mobile';
import { GENDERS, ROLES, STATUSES, type Role, type Status, type TermChange } from '../domain/people';
import { POLITICAL_STATUSES, type PoliticalStatusOrNone } from '../domain/political';
import { cleanPersonName } from '../domain/text';
import { call, dateField, emptyInput, idField, returns } from './define';
import { importCommitInput, importFileInput, type ExportedFile, type ImportPreview, type ImportResult } from './io';

export interface PersonRow {
  id: number;
  name: string;
  gender: '男' | '女';
  idNumber: string;
  birthDate: string;
  mobile: string;
  roles: Role[];
  /** 政治面貌 as written (中共党员, 中共预备党员, 共青团员 …); '' when not known. */
  politicalStatus: PoliticalStatusOrNone;
  status: Status;
  hireDate: string;
  unitId: number;
  unitName: string;
  /** '固戍社区 / 第03网格': the unit's ancestors below the street, for reading at a glance. */
  unitPath: string;
  /** When the person's current term (unit, roles, status) began. */
  since: string;
}

export interface PersonTerm {
  validFrom: string;
  /** Exclusive; null while current. */
  validTo: string | null;
  unitId: number;
  unitPath: string;
  roles: Role[];
  status: Status;
  change: TermChange;
  reason: string;
}

export interface PersonDetail extends PersonRow {
  note: string;
  terms: PersonTerm[];
}

const personName = z
  .string({ error: '请填写姓名' })
  .transform(cleanPersonName)
  .pipe(z.string().min(1, '请填写姓名').max(30, '姓名不能超过30个字'));
const rolesField = z.array(z.enum(ROLES), { error: '请选择岗位' }).min(1, '请至少选择一个岗位');
const reasonField = (label: string) => z.string().trim().max(200, `${label}不能超过200字`).default('');

/**
 * The fields of the person form. Each field is checked on its own (so every wrong field is named at once); the ID
 * number, gender, birth date and hire date are then checked against each other.
 */
const personFields = z.object({
  name: personName,
  gender: z.enum(GENDERS, { error: '请选择性别' }),
  idNumber: z
    .string({ error: '请填写身份证号' })
    .transform(normalizeIdNumber)
    .superRefine((id, ctx) => {
      const check = checkIdNumber(id);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
    }),
  birthDate: z.string().trim().default(''),
  mobile: z
    .string()
    .default('')
    .transform(normalizeMobile)
    .superRefine((m, ctx) => {
      const error = m === '' ? null : mobileError(m);
      if (error) ctx.addIssue({ code: 'custom', message: error });
    }),
  politicalStatus: z.enum(['', ...POLITICAL_STATUSES], { error: `政治面貌只能选：${POLITICAL_STATUSES.join('、')}` }).default(''),
  hireDate: dateField('入职日期'),
  note: z.string().trim().max(500, '备注不能超过500字').default(''),
  roles: rolesField,
});

type PersonFields = z.output<typeof personFields>;

function checkPersonFields(p: PersonFields, ctx: z.RefinementCtx): void {
  const id = checkIdNumber(p.idNumber);
  if (id.ok) {
    if (p.gender !== id.gender) {
      ctx.addIssue({ code: 'custom', path: ['gender'], message: `性别与身份证号不符：身份证号显示为${id.gender}性` });
    }
    if (p.birthDate !== '' && p.birthDate !== id.birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: `出生日期与身份证号不符：身份证号显示为 ${id.birthDate}`,
      });
    }
    // an empty or malformed date has its own message from its field
    if (/^\d{4}-\d{2}-\d{2}$/.test(p.hireDate) && p.hireDate < id.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['hireDate'], message: '入职日期早于出生日期' });
    }
  }
}

export const personCreateInput = personFields
  .extend({ unitId: z.number({ error: '请选择所属单位' }).int().positive('请选择所属单位') })
  .superRefine(checkPersonFields);
export const personUpdateInput = personFields
  .extend({ id: idField, rolesEffective: dateField('岗位变更生效日期') })
  .superRefine(checkPersonFields);

export type PersonCreateInput = z.input<typeof personCreateInput>;

export const peopleListInput = z.object({
  unitId: idField.nullable().default(null),
  includeSubunits: z.boolean().default(true),
  status: z.enum([...STATUSES, '全部']).default('在岗'),
  search: z.string().max(50).default(''),
  /** The roster as it stood on this date; today when omitted. */
  asOf: dateField('查询日期').optional(),
});
export type PeopleListInput = z.input<typeof peopleListInput>;

export const peopleContract = {
  'people.list': call({ input: peopleListInput, output: returns<PersonRow[]>(), tx: 'read' }),
  'people.get': call({ input: z.object({ id: idField }), output: returns<PersonDetail>(), tx: 'read' }),
  'people.create': call({ input: personCreateInput, output: returns<PersonRow>(), tx: 'write', roles: ['admin'] }),
  'people.update': call({ input: personUpdateInput, output: returns<PersonRow>(), tx: 'write', roles: ['admin'] }),
  'people.transfer': call({
    input: z.object({ id: idField, unitId: idField, date: dateField('调动日期'), reason: reasonField('调动原因') }),
    output: returns<PersonRow>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'people.leave': call({
    input: z.object({
      id: idField,
      date: dateField('离岗日期'),
      reason: z.string().trim().min(1, '请填写离岗原因').max(200, '离岗原因不能超过200字'),
    }),
    output: returns<PersonRow>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'people.rejoin': call({
    input: z.object({
      id: idField,
      date: dateField('返岗日期'),
      unitId: idField.nullable().default(null),
      reason: reasonField('返岗说明'),
    }),
    output: returns<PersonRow>(),
    tx: 'write',
    roles: ['admin'],
  }),
  // 人员导入 (the office roster from Excel)
  'people.importTemplate': call({ input: emptyInput, output: returns<ExportedFile>(), tx: 'none', roles: ['admin'] }),
  'people.previewImport': call({ input: importFileInput, output: returns<ImportPreview>(), tx: 'none', roles: ['admin'] }),
  'people.import': call({ input: importCommitInput, output: returns<ImportResult>(), tx: 'none', roles: ['admin'] }),
};
