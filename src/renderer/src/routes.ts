/** The areas of the app, in the order of the left navigation (DOMAIN.md). */
export interface Area {
  path: string;
  label: string;
}

export const AREAS: Area[] = [
  { path: 'home', label: '首页' },
  { path: 'people', label: '组织人员' },
  { path: 'schemes', label: '考核方案' },
  { path: 'assessments', label: '月度考核' },
  { path: 'periods', label: '年度考核' },
  { path: 'points', label: '积分' },
  { path: 'stars', label: '星级评定' },
  { path: 'awards', label: '表彰' },
  { path: 'appeals', label: '申诉复核' },
  { path: 'reports', label: '报表' },
  { path: 'analysis', label: '分析' },
  { path: 'audit', label: '操作日志' },
  { path: 'system', label: '系统' },
];

export function currentPath(hash: string): string {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return AREAS.some((a) => a.path === path) ? path : 'home';
}
