/**
 * The district host's calls (main/district/server.ts) and what they return: its own small contract, apart from the
 * street's (a street's core never answers them). Inputs are zod schemas; numbers are integer hundredths.
 */
import { z } from 'zod';
import type { Grade } from '../domain/scoring';

export interface DistrictPeriod {
  period: string;
  label: string;
  streets: number;
}

export interface StreetComparisonRow {
  street: string;
  people: number;
  months: number;
  /** Mean of the worker-months' totals (exempt months apart), hundredths; null when none. */
  meanMonthly: number | null;
  /** Rank of the street by meanMonthly across the district (1 = highest). */
  rank: number | null;
  meanPeriod: number | null;
  grades: Record<Grade, number> & { 不定等次: number };
  /** 优秀 as a share of the graded, hundredths of a percent. */
  excellentShare: number;
  vetoes: number;
}

export interface CriteriaByStreet {
  streets: string[];
  rows: { category: string; criterion: string; cells: ({ share: number; sheets: number } | null)[] }[];
}

export interface DistrictEvaluatorRow {
  street: string;
  name: string;
  group: string;
  workers: number;
  mean: number | null;
  shared: number;
  leniency: number | null;
  lenient: boolean;
  harsh: boolean;
  flat: boolean;
}

export interface DistrictResultRow {
  street: string;
  name: string;
  idMasked: string;
  community: string;
  total: number | null;
  grade: Grade | null;
  rankInStreet: number | null;
  rankInDistrict: number | null;
}

export interface DistrictStreet {
  id: number;
  name: string;
  fingerprint: string;
  registeredAt: string;
  packages: { id: number; period: string; periodLabel: string; exportedAt: string; importedAt: string; isCurrent: boolean; people: number; months: number }[];
}

const period = z.string({ error: '请选择期间' }).regex(/^\d{4}(-H[12]|-Q[1-4])?$/, '期间应写作 2026、2026-H1 或 2026-Q3');
export const DISTRICT_VIEWS = ['compare', 'criteria', 'evaluators', 'results', 'excellent'] as const;
export type DistrictView = (typeof DISTRICT_VIEWS)[number];
export const DISTRICT_VIEW_LABELS: Record<DistrictView, string> = { compare: '街道对比', criteria: '指标对比', evaluators: '考核人宽严', results: '年度结果', excellent: '优秀名单' };

export const districtHostContract = {
  'district.state': z.object({}),
  'district.setup': z.object({ login: z.string().trim().min(1, '请填写用户名').max(40, '用户名不能超过40字'), password: z.string().min(1, '请填写密码').max(128, '密码不能超过128位') }),
  'district.login': z.object({ login: z.string().trim().min(1, '请填写用户名').max(40), password: z.string().min(1, '请填写密码').max(128) }),
  'district.logout': z.object({}),
  'district.streets': z.object({}),
  'district.register': z.object({ name: z.string().trim().min(1, '请填写街道名称').max(60, '街道名称不能超过60字'), publicKeyPem: z.string().min(1, '请粘贴街道的公钥').max(2000, '公钥过长') }),
  'district.import': z.object({ fileName: z.string().max(260), text: z.string().min(1, '文件是空的').max(64 * 1024 * 1024, '文件过大') }),
  'district.periods': z.object({}),
  'district.compare': z.object({ period }),
  'district.criteria': z.object({ period }),
  'district.evaluators': z.object({ period }),
  'district.results': z.object({ period }),
  'district.export': z.object({ period, view: z.enum(DISTRICT_VIEWS, { error: '请选择要导出的表' }) }),
};
export type DistrictCallName = keyof typeof districtHostContract;
