/**
 * 操作日志 labels: the areas (类别) an audit entry belongs to, what its action is called, and the Chinese names of
 * the fields its old and new values carry. Pure: shared by the core (summaries, filters) and the page (detail).
 */

/** The areas of the log, each the entities it covers. An entity not listed shows under its own name. */
export const AUDIT_KINDS = {
  score: { label: '考核打分', entities: ['score', 'month_member', 'evaluator', 'recusal', 'sheet_reason'] },
  month: { label: '考核月份', entities: ['assessment_month'] },
  points: { label: '积分', entities: ['point_entry', 'point_entries', 'point_rule', 'platform_rule'] },
  stars: { label: '星级评定', entities: ['star_rating', 'star_run', 'star_rule_set', 'discipline_record'] },
  awards: { label: '表彰', entities: ['award_batches', 'award_candidates'] },
  people: { label: '人员', entities: ['person'] },
  org: { label: '组织架构', entities: ['org_unit'] },
  schemes: { label: '考核方案', entities: ['scheme'] },
  imports: { label: '导入', entities: ['import'] },
  accounts: { label: '账号', entities: ['account'] },
  system: { label: '系统', entities: ['system', 'settings', 'lan'] },
  appeals: { label: '申诉复核', entities: ['appeal'] },
} as const satisfies Record<string, { label: string; entities: readonly string[] }>;
export type AuditKind = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_KEYS = Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]];

const KIND_OF_ENTITY = new Map<string, AuditKind>(AUDIT_KIND_KEYS.flatMap((k) => AUDIT_KINDS[k].entities.map((e) => [e, k] as const)));

export function auditKindOf(entity: string): AuditKind | null {
  return KIND_OF_ENTITY.get(entity) ?? null;
}

export function auditKindLabel(entity: string): string {
  const k = auditKindOf(entity);
  return k ? AUDIT_KINDS[k].label : entity;
}

export const AUDIT_ACTIONS: Record<string, string> = {
  create: '新增',
  resetPassword: '重置密码',
  enable: '启用',
  disable: '停用',
  update: '修改',
  delete: '删除',
  move: '移动',
  retire: '撤销',
  restore: '恢复',
  seal: '记录校验值',
  recuse: '回避',
  unrecuse: '取消回避',
  reason: '填写说明',
  'clear-reason': '清除说明',
  appeal: '提出申诉',
  uphold: '复核维持',
  correct: '复核更正',
  transfer: '调动',
  leave: '离岗',
  rejoin: '返岗',
  score: '打分',
  exempt: '免考',
  open: '开启',
  finalise: '归档',
  'export-package': '导出上报包',
  reopen: '重新开启',
  post: '录入积分',
  reverse: '冲销',
  'post-derived': '自动计分',
  'reverse-derived': '自动冲销',
  preview: '试评',
  override: '人工调整',
  publish: '发布',
  discard: '放弃',
  'save-draft': '保存草稿',
  'discard-draft': '放弃草稿',
  nominate: '提名',
  'add-candidate': '增补',
  'remove-candidate': '移除',
  'keep-candidate': '保留',
  'update-deeds': '修改事迹',
  'reorder-candidates': '调整顺序',
  'move-stage': '变更阶段',
  import: '导入',
  'load-demo': '载入示例数据',
};

export function auditActionLabel(action: string, entity = ''): string {
  if (action === 'restore' && entity === 'system') return '恢复备份';
  return AUDIT_ACTIONS[action] ?? action;
}

/** The Chinese names of the fields audit values carry; a field not listed shows its own name. */
export const AUDIT_FIELDS: Record<string, string> = {
  id: '编号',
  personId: '人员',
  name: '名称',
  value: '分值',
  note: '说明',
  criterionId: '考核项目',
  evaluatorId: '考核人',
  monthId: '考核月份',
  reason: '原因',
  gender: '性别',
  idNumber: '身份证号',
  birthDate: '出生日期',
  mobile: '手机号',
  roles: '岗位',
  partyMember: '中共党员',
  politicalStatus: '政治面貌',
  status: '状态',
  hireDate: '入职日期',
  unitId: '单位',
  unitName: '单位名称',
  unitPath: '所属单位',
  since: '本段任职起始',
  terms: '任职经历',
  date: '日期',
  ruleId: '积分规则',
  quantity: '数量',
  points: '积分',
  uncapped: '应计积分',
  source: '来源',
  line: '行号',
  reversalId: '冲销记录编号',
  entries: '记录数',
  stars: '星级',
  computedStars: '计算星级',
  period: '期间',
  ruleSetId: '星级规则',
  rated: '评定人数',
  counts: '人数',
  stage: '阶段',
  kind: '类型',
  fileName: '文件',
  sha256: '文件校验值',
  target: '导入到',
  backup: '导入前备份',
  restored: '恢复的备份',
  safety: '恢复前备份',
  version: '版本',
  template: '模板',
  description: '说明',
  parentId: '上级单位',
  code: '编码',
  sortOrder: '排序',
  retiredOn: '撤销日期',
  level: '级别',
  issuer: '发文单位',
  role: '岗位',
  quotaTotal: '总名额',
  quotaPerUnit: '每单位名额',
  deeds: '事迹',
  community: '社区',
  order: '顺序',
  from: '起始',
  to: '截止',
  basis: '依据',
  selected: '入选',
  tied: '并列',
  officeName: '落款单位',
  reportDate: '落款日期',
  shortNameFirst: '简称在前',
  group: '考核组',
  category: '类别',
  pointsPerUnit: '每单位积分',
  unit: '单位',
  cap: '上限',
  capPeriod: '上限周期',
  validFrom: '生效日期',
  validTo: '停用日期',
  active: '启用',
  inForce: '生效中',
  createdBy: '录入人',
  createdAt: '录入时间',
  updatedAt: '修改时间',
  units: '单位数',
  people: '人员数',
  months: '月份数',
  batches: '表彰批次数',
  total: '合计',
  targetKind: '申诉类型',
  targetId: '对象编号',
  subject: '申诉对象',
  filedOn: '申诉日期',
  filedBy: '登记人',
  reviewer: '复核人',
  reviewReason: '复核意见',
  reviewedAt: '复核时间',
  appeals: '关联申诉',
};

export interface AuditFieldRow {
  key: string;
  label: string;
  /** The value as text; null where the side has no such field. */
  old: string | null;
  new: string | null;
  changed: boolean;
}

function fieldText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('、');
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

/**
 * The old and new values side by side, a row per field, in the order the fields first appear; values that are not
 * objects (or absent) become one row 值. `names` adds what an id stands for: { personId: '张三' } → '张三（12）';
 * `display` gives a field's text as people read it (18 for 1800 hundredths).
 */
export function auditFieldRows(
  oldValue: unknown,
  newValue: unknown,
  names: Record<string, string> = {},
  display: { old: Record<string, string>; new: Record<string, string> } = { old: {}, new: {} },
): AuditFieldRow[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const named = (key: string, v: unknown) => (names[key] && v !== null && v !== undefined ? `${names[key]}（${fieldText(v)}）` : fieldText(v));
  if ((oldValue !== null && oldValue !== undefined && !isObject(oldValue)) || (newValue !== null && newValue !== undefined && !isObject(newValue))) {
    const o = oldValue === null || oldValue === undefined ? null : fieldText(oldValue);
    const n = newValue === null || newValue === undefined ? null : fieldText(newValue);
    return [{ key: '', label: '值', old: o, new: n, changed: o !== n }];
  }
  const o = isObject(oldValue) ? oldValue : null;
  const n = isObject(newValue) ? newValue : null;
  const keys = [...new Set([...Object.keys(o ?? {}), ...Object.keys(n ?? {})])];
  return keys.map((key) => {
    const ov = o && key in o ? (display.old[key] ?? named(key, o[key])) : null;
    const nv = n && key in n ? (display.new[key] ?? named(key, n[key])) : null;
    return { key, label: AUDIT_FIELDS[key] ?? key, old: ov, new: nv, changed: o !== null && n !== null && ov !== nv };
  });
}

/** 'YYYY-MM-DD' in Asia/Shanghai → the ISO UTC instant its day begins: '2026-11-23' → '2026-11-22T16:00:00.000Z'. */
export function shanghaiDayStartUtc(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}
