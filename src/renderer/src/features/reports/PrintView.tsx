/** Shows the report of a print route ('#/print/<report>?…'), its params checked by the schema of the call that reads it. */
import { lazy, Suspense, type ComponentType } from 'react';
import type { z } from 'zod';
import { reportsContract } from '../../../../shared/contract/reports';
import { PageLoading } from '../../components/PageLoading';
import { isPrintReport, PRINT_CALLS, type PrintInput, type PrintReport, type PrintRoute } from './print-routes';

/** One chunk per report, read when its route is opened. */
const SHEETS: { [R in PrintReport]: ComponentType<{ input: PrintInput<R> }> } = {
  'month-summary': lazy(() => import('./MonthSummaryPrint').then((m) => ({ default: m.MonthSummaryPrint }))),
  'score-card': lazy(() => import('./ScoreCardPrint').then((m) => ({ default: m.ScoreCardPrint }))),
  commendation: lazy(() => import('./CommendationPrint').then((m) => ({ default: m.CommendationPrint }))),
  certificate: lazy(() => import('./CertificatePrint').then((m) => ({ default: m.CertificatePrint }))),
  'points-ranking': lazy(() => import('./PointsRankingPrint').then((m) => ({ default: m.PointsRankingPrint }))),
  ranking: lazy(() => import('./RankingPrint').then((m) => ({ default: m.RankingPrint }))),
  'star-roster': lazy(() => import('./StarRosterPrint').then((m) => ({ default: m.StarRosterPrint }))),
  'period-summary': lazy(() => import('./PeriodSummaryPrint').then((m) => ({ default: m.PeriodSummaryPrint }))),
  'period-list': lazy(() => import('./PeriodListPrint').then((m) => ({ default: m.PeriodListPrint }))),
  'period-register': lazy(() => import('./PeriodRegisterPrint').then((m) => ({ default: m.PeriodRegisterPrint }))),
};

/** What users call each param, for the message when one is wrong. */
const PARAM_LABELS: Record<string, string> = {
  monthId: '考核月份',
  unitId: '单位',
  personId: '人员',
  batchId: '表彰批次',
  order: '名单顺序',
  kind: '统计方式',
  period: '期间',
  groupBy: '分组方式',
  runId: '星级评定',
  periodId: '考核期间',
  list: '名单',
};

/** The zod type under .default(), .nullable() and .optional(): 'number', 'string', 'enum' … */
function baseType(t: z.ZodType): string {
  let def = t.def as { type: string; innerType?: z.ZodType };
  while (def.innerType) def = def.innerType.def as typeof def;
  return def.type;
}

type Parsed<R extends PrintReport> = { ok: true; input: PrintInput<R> } | { ok: false; message: string };

/** The route's params checked by its call's input schema; the address holds text, so numeric fields are read as numbers. */
function parsePrintParams<R extends PrintReport>(report: R, params: URLSearchParams): Parsed<R> {
  const schema = reportsContract[PRINT_CALLS[report]].input as z.ZodObject;
  const raw: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const text = params.get(key);
    if (text === null) continue; // absent: the schema's default, or its message
    raw[key] = baseType(field as z.ZodType) === 'number' && /^-?\d+$/.test(text) ? Number(text) : text;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data as PrintInput<R> };
  const problems = parsed.error.issues.map((i) => {
    const label = PARAM_LABELS[String(i.path[0])] ?? String(i.path[0] ?? '');
    // a message in English words (accepted values quoted) names the param alone; one naming it already stands alone
    if (/[A-Za-z]/.test(i.message)) return `${label}不正确`;
    return i.message.includes(label) ? i.message : `${label}：${i.message}`;
  });
  return { ok: false, message: `报表参数有误：${problems.join('；')}。` };
}

export function PrintView({ route }: { route: PrintRoute }) {
  const parsed = isPrintReport(route.report) ? parsePrintParams(route.report, route.params) : { ok: false as const, message: '没有这张报表。' };
  if (!parsed.ok) {
    return (
      <div className="page">
        <h1>报表</h1>
        <p role="alert">{parsed.message}</p>
        <a href="#/reports">返回报表</a>
      </div>
    );
  }
  // the input was parsed for this very report
  const Sheet = SHEETS[route.report as PrintReport] as ComponentType<{ input: unknown }>;
  return (
    <Suspense fallback={<PageLoading />}>
      <Sheet input={parsed.input} />
    </Suspense>
  );
}
