import { z } from 'zod';
import {
  AWARD_BASIS_KEYS,
  AWARD_LEVELS,
  AWARD_STAGE_KEYS,
  type AwardBasis,
  type AwardLevel,
  type AwardStage,
  type CandidateStatus,
  type EligibilityOptions,
} from '../domain/awards';
import { ROLES } from '../domain/people';
import { call, dateField, emptyInput, idField, returns } from './define';

export interface AwardBatchSummary {
  id: number;
  name: string;
  level: AwardLevel;
  issuer: string;
  date: string;
  role: string | null;
  quotaTotal: number | null;
  quotaPerUnit: number | null;
  stage: AwardStage;
  note: string;
  /** Candidates still nominated (recipients once published), tied at a line, removed. */
  nominated: number;
  tied: number;
  removed: number;
  periodFrom: string | null;
  periodTo: string | null;
  basis: AwardBasis | null;
  eligibility: EligibilityOptions | null;
  /** The finalised period assessment whose totals the nomination ranked on (2025年度考核), or null: the months. */
  periodId: number | null;
  periodLabel: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
}

export interface AwardCandidateRow {
  personId: number;
  name: string;
  unitId: number | null;
  unitPath: string;
  communityId: number | null;
  community: string;
  basis: AwardBasis | null;
  /** Hundredths for an average or points, stars for stars; null for one added by hand. */
  basisValue: number | null;
  rank: number | null;
  status: CandidateStatus;
  tieMark: string;
  addedManually: boolean;
  addReason: string;
  removeReason: string;
  deeds: string;
  sortOrder: number;
}

export interface AwardStageLogRow {
  id: number;
  from: AwardStage | null;
  to: AwardStage;
  actor: string;
  at: string;
  note: string;
}

/** What the last nomination found: how many were ranked, and why the others were not eligible. */
export interface NominationSummary {
  ranked: number;
  selected: number;
  tied: number;
  ineligible: number;
  /** Reason → count, e.g. 期间内有1次一票否决 → 3. */
  reasons: Record<string, number>;
  /** The ineligible by name with their reasons (at most 200). */
  excluded: { personId: number; name: string; community: string; reasons: string[] }[];
}

export interface AwardBatchView {
  batch: AwardBatchSummary;
  candidates: AwardCandidateRow[];
  log: AwardStageLogRow[];
  nomination: NominationSummary | null;
  /** Points posted when it was published (0 for a 社区 award or before publishing). */
  pointsPosted: number;
}

export interface PersonAward {
  batchId: number;
  name: string;
  level: AwardLevel;
  issuer: string;
  date: string;
  deeds: string;
}

const reasonField = (label: string) =>
  z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(200, `${label}不能超过200字`);
const quotaField = (label: string) =>
  z.number({ error: `${label}应为正整数` }).int(`${label}应为整数`).min(1, `${label}至少为1`).max(10000, `${label}过大`).nullable().default(null);
const monthField = (label: string) =>
  z.string({ error: `请填写${label}` }).trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}应写作 YYYY-MM，例如 2025-01`);

export const awardBatchInput = z.object({
  id: idField.optional(),
  name: z.string({ error: '请填写表彰名称' }).trim().min(1, '请填写表彰名称').max(60, '表彰名称不能超过60字'),
  level: z.enum(AWARD_LEVELS, { error: '请选择表彰级别' }),
  issuer: z.string().trim().max(60, '发文单位不能超过60字').default(''),
  date: dateField('表彰日期'),
  role: z.enum(ROLES, { error: '岗位不正确' }).nullable().default(null),
  quotaTotal: quotaField('总名额'),
  quotaPerUnit: quotaField('每社区名额'),
  note: z.string().trim().max(200, '说明不能超过200字').default(''),
});
export type AwardBatchInput = z.input<typeof awardBatchInput>;

export const nominateInput = z
  .object({
    batchId: idField,
    from: monthField('起始月份'),
    to: monthField('截止月份'),
    basis: z.enum(AWARD_BASIS_KEYS, { error: '请选择排名依据' }),
    quotaPerUnit: quotaField('每社区名额'),
    quotaTotal: quotaField('总名额'),
    eligibility: z.object({
      noVeto: z.boolean().default(true),
      minStars: z.number().int().min(0).max(5, '星级最多5星').default(0),
      inPost: z.boolean().default(true),
      noCriticism: z.boolean().default(true),
      periodExcellent: z.boolean().default(false),
    }),
    /** A finalised period assessment to rank on (its totals for 'average'); its months replace from..to. */
    periodId: idField.nullable().default(null),
  })
  .refine((v) => v.from <= v.to, { message: '截止月份不能早于起始月份', path: ['to'] });
export type NominateInput = z.input<typeof nominateInput>;

/** One person of the roster who may be nominated in a batch (in post on its date, of its role), for 批量添加. */
export interface NomineePoolRow {
  personId: number;
  name: string;
  communityId: number | null;
  community: string;
  unitPath: string;
  roles: string[];
  /** Their place in the batch now: null when not a candidate. */
  status: CandidateStatus | null;
}

export type NomineeLineStatus = 'ok' | 'ambiguous' | 'unknown' | 'ineligible' | 'already' | 'duplicate';

/** One name or ID number of a pasted list, as the roster answers it. */
export interface NomineeLine {
  /** 1-based line of the pasted text. */
  line: number;
  text: string;
  status: NomineeLineStatus;
  /** What is wrong, in Chinese, naming the line ('' when ok). */
  message: string;
  /** The person found (ok, already, duplicate, ineligible). */
  personId: number | null;
  name: string;
  community: string;
  /** The people sharing the name (ambiguous): the user picks one. */
  options: { personId: number; name: string; unitPath: string }[];
}

export interface AddCandidatesResult {
  view: AwardBatchView;
  /** Names added, in the order given. */
  added: string[];
  /** Names given that were already nominated (or tied at the line), left as they were. */
  skipped: string[];
}

/** 套打: the variable fields printed onto pre-printed certificate paper. */
export const OVERLAY_FIELDS = { name: '姓名', unit: '单位', award: '荣誉称号', issuer: '发证单位', date: '日期' } as const;
export type OverlayField = keyof typeof OVERLAY_FIELDS;
export const OVERLAY_FIELD_KEYS = Object.keys(OVERLAY_FIELDS) as [OverlayField, ...OverlayField[]];

export interface OverlayPosition {
  /** Millimetres from the paper's left and top edge (one decimal). */
  x: number;
  y: number;
  /** Type size in points. */
  size: number;
  show: boolean;
}

export type CommendationLayout = 'grouped' | 'combined';

/** How the awards print: the 表彰名单's layout and 单名 padding, and the 套打 positions (stored in `settings`). */
export interface AwardPrintSettings {
  listLayout: CommendationLayout;
  padNames: boolean;
  overlay: { landscape: boolean; fields: Record<OverlayField, OverlayPosition> };
}

export const DEFAULT_AWARD_PRINT_SETTINGS: AwardPrintSettings = {
  listLayout: 'grouped',
  padNames: true,
  overlay: {
    landscape: true,
    fields: {
      name: { x: 60, y: 80, size: 26, show: true },
      unit: { x: 60, y: 100, size: 16, show: true },
      award: { x: 110, y: 118, size: 20, show: true },
      issuer: { x: 190, y: 160, size: 16, show: true },
      date: { x: 200, y: 172, size: 16, show: true },
    },
  },
};

const mmField = (label: string, max: number) =>
  z
    .number({ error: `${label}应为毫米数` })
    .min(0, `${label}不能小于0毫米`)
    .max(max, `${label}不能超过${max}毫米`)
    .refine((v) => Number.isInteger(Math.round(v * 1000) / 100), `${label}最多保留一位小数`);

const overlayPosition = (label: string) =>
  z.object({
    x: mmField(`${label}的左边距`, 297),
    y: mmField(`${label}的上边距`, 297),
    size: z.number({ error: `${label}的字号应为数字` }).int(`${label}的字号应为整数`).min(8, `${label}的字号至少8磅`).max(72, `${label}的字号不能超过72磅`),
    show: z.boolean(),
  });

export const awardPrintSettingsInput = z.object({
  listLayout: z.enum(['grouped', 'combined'], { error: '名单样式不正确' }),
  padNames: z.boolean({ error: '请选择两字姓名是否加空' }),
  overlay: z.object({
    landscape: z.boolean(),
    fields: z.object({
      name: overlayPosition(OVERLAY_FIELDS.name),
      unit: overlayPosition(OVERLAY_FIELDS.unit),
      award: overlayPosition(OVERLAY_FIELDS.award),
      issuer: overlayPosition(OVERLAY_FIELDS.issuer),
      date: overlayPosition(OVERLAY_FIELDS.date),
    }),
  }),
});

const batchPerson = { batchId: idField, personId: z.number({ error: '请选择人员' }).int().positive('请选择人员') };
/** Changing awards is the administrator's; a 文书 prints and exports them (DOMAIN.md). */
const writers = ['admin'] as const;

export const awardsContract = {
  'awards.batches': call({ input: emptyInput, output: returns<AwardBatchSummary[]>(), tx: 'read' }),
  'awards.batch': call({ input: z.object({ id: idField }), output: returns<AwardBatchView>(), tx: 'read' }),
  'awards.saveBatch': call({ input: awardBatchInput, output: returns<AwardBatchSummary>(), tx: 'write', roles: writers }),
  'awards.deleteBatch': call({ input: z.object({ id: idField }), output: returns<{ id: number }>(), tx: 'write', roles: writers }),
  /** Draws the candidates from the period's ranking; those added by hand are kept. Only in 初选. */
  'awards.nominate': call({ input: nominateInput, output: returns<AwardBatchView>(), tx: 'write', roles: writers }),
  'awards.addCandidate': call({
    input: z.object({ ...batchPerson, reason: reasonField('添加原因'), deeds: z.string().trim().max(1000).default('') }),
    output: returns<AwardBatchView>(),
    tx: 'write',
    roles: writers,
  }),
  /** Everyone who may be nominated in the batch (in post on its date, of its role), with their place in it now. */
  'awards.nomineePool': call({ input: z.object({ batchId: idField }), output: returns<NomineePoolRow[]>(), tx: 'read' }),
  /** A pasted list of names or ID numbers (a line each, or tab/comma separated) answered line by line; writes nothing. */
  'awards.resolveNominees': call({
    input: z.object({ batchId: idField, text: z.string({ error: '请粘贴姓名或身份证号' }).max(200_000, '粘贴的内容过长') }),
    output: returns<NomineeLine[]>(),
    tx: 'read',
  }),
  /** 批量添加: many people at once with one reason, in one transaction; those already nominated are reported, not changed. */
  'awards.addCandidates': call({
    input: z.object({
      batchId: idField,
      personIds: z.array(z.number({ error: '人员编号不正确' }).int().positive('人员编号不正确'), { error: '请选择要添加的人员' }).min(1, '请选择要添加的人员').max(10000, '一次最多添加10000人'),
      reason: reasonField('添加原因'),
      deeds: z.string().trim().max(1000, '事迹不能超过1000字').default(''),
    }),
    output: returns<AddCandidatesResult>(),
    tx: 'write',
    roles: writers,
  }),
  'awards.removeCandidate': call({ input: z.object({ ...batchPerson, reason: reasonField('移除原因') }), output: returns<AwardBatchView>(), tx: 'write', roles: writers }),
  /** A candidate tied at the line (or removed) is kept as nominated, with a reason. */
  'awards.keepCandidate': call({ input: z.object({ ...batchPerson, reason: reasonField('保留原因') }), output: returns<AwardBatchView>(), tx: 'write', roles: writers }),
  'awards.saveDeeds': call({
    input: z.object({ ...batchPerson, deeds: z.string({ error: '请填写事迹' }).trim().max(1000, '事迹不能超过1000字') }),
    output: returns<AwardCandidateRow>(),
    tx: 'write',
    roles: writers,
  }),
  /**
   * The order of one community's recipients in the list (表彰名单 in 自定顺序): every one of them, in the order wanted.
   * Refused once published.
   */
  'awards.reorderCandidates': call({
    input: z.object({
      batchId: idField,
      personIds: z.array(z.number({ error: '人员编号不正确' }).int().positive('人员编号不正确'), { error: '请给出名单顺序' }).min(1, '请给出名单顺序').max(10000),
    }),
    output: returns<AwardBatchView>(),
    tx: 'write',
    roles: writers,
  }),
  /** One step forward, or back one step with a reason; moving to 表彰 publishes (posts points, read-only after). */
  'awards.moveStage': call({
    input: z.object({ batchId: idField, to: z.enum(AWARD_STAGE_KEYS, { error: '阶段不正确' }), note: z.string().trim().max(200, '说明不能超过200字').default('') }),
    output: returns<AwardBatchView>(),
    tx: 'write',
    roles: writers,
  }),
  'awards.printSettings': call({ input: emptyInput, output: returns<AwardPrintSettings>(), tx: 'read' }),
  'awards.savePrintSettings': call({ input: awardPrintSettingsInput, output: returns<AwardPrintSettings>(), tx: 'write', roles: writers }),
  'awards.personAwards': call({ input: z.object({ personId: idField }), output: returns<PersonAward[]>(), tx: 'read' }),
};
