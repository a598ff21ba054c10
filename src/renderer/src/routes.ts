/** The areas of the app, in the order of the left navigation (DOMAIN.md). */
export interface Area {
  path: string;
  label: string;
  built: boolean;
  /** For areas not built yet: what they will do, said plainly. */
  plan?: string;
}

export const AREAS: Area[] = [
  { path: 'home', label: '首页', built: true },
  { path: 'people', label: '组织人员', built: true },
  { path: 'schemes', label: '考核方案', built: true, plan: '设计考核指标（评分项、扣分项、加分项、一票否决）、分类、满分与评分标准，管理方案版本和等次划分。' },
  { path: 'assessments', label: '月度考核', built: true, plan: '按月开启考核，考核员逐项打分，自动汇总总分、等次与排名，归档后只读。' },
  { path: 'points', label: '积分', built: true, plan: '按积分规则登记加减分，冲销更正，按月、季、年统计余额和排行。' },
  { path: 'stars', label: '星级评定', built: true, plan: '按季度、半年或年度评定一至五星，支持星级动态管理和人工调整。' },
  { path: 'awards', label: '表彰', built: true, plan: '管理表彰批次，从排名中按名额提名，公示后发布，并记录通报批评等事项。' },
  { path: 'reports', label: '报表', built: true, plan: '月度汇总表、个人评分表、排名表、积分榜、星级名册、表彰名单和荣誉证书，A4 打印并导出 Excel 和 PDF。' },
  { path: 'audit', label: '操作日志', built: true },
  { path: 'system', label: '系统', built: true },
];

export function currentPath(hash: string): string {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return AREAS.some((a) => a.path === path) ? path : 'home';
}
