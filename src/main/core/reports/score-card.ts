/** 个人考核评分表: one worker's month, criterion by criterion and evaluator by evaluator, with the evidence noted. */
import type { ScoreCardEvidence, ScoreCardLine, ScoreCardReport } from '../../../shared/contract/reports';
import { AGGREGATIONS } from '../../../shared/domain/scoring';
import { formatDocumentPeriod } from '../../../shared/domain/stroke-order';
import { monthResults, personDerivation } from '../assessments/queries';
import type { HandlerContext } from '../context';
import { reportHeader } from './month-summary';

export function buildScoreCard(ctx: HandlerContext, input: { monthId: number; personId: number }): ScoreCardReport {
  const header = reportHeader(ctx);
  const d = personDerivation(ctx.db, input.monthId, input.personId);
  const results = monthResults(ctx.db, input.monthId);
  const row = results.rows.find((r) => r.personId === input.personId)!;
  const sheets = [...d.sheets].sort((a, b) => a.evaluatorName.localeCompare(b.evaluatorName, 'zh-CN') || a.evaluatorId - b.evaluatorId);

  const lines: ScoreCardLine[] = d.criteria.map((c, i) => ({
    category: c.category,
    name: c.name,
    kind: c.kind,
    max: c.kind === 'bonus' ? c.cap : c.max,
    perUnit: c.perUnit,
    guide: c.guide,
    entries: sheets.map((s) => {
      const line = s.lines[i]!;
      return { value: line.value, points: line.points, note: s.notes[c.id] ?? '' };
    }),
  }));
  const evidence: ScoreCardEvidence[] = [];
  for (const s of sheets) {
    d.criteria.forEach((c, i) => {
      const line = s.lines[i]!;
      const count = line.value ?? 0;
      const note = s.notes[c.id] ?? '';
      if (c.kind === 'score') {
        if (note) evidence.push({ evaluator: s.evaluatorName, criterion: c.name, kind: c.kind, count: 0, points: line.points - c.max, note });
        return;
      }
      if (count <= 0 && !note) return;
      const points = c.kind === 'deduction' ? line.points - c.max : c.kind === 'bonus' ? line.points : 0;
      evidence.push({ evaluator: s.evaluatorName, criterion: c.name, kind: c.kind, count, points, note });
    });
  }
  const fullMarks = d.criteria.reduce((s, c) => (c.kind === 'score' || c.kind === 'deduction' ? s + c.max : s), 0);
  const unitCount = results.rows.filter((r) => r.community === row.community && r.total !== null).length;
  return {
    header,
    title: '个人考核评分表',
    period: d.period,
    schemeName: d.schemeName,
    version: d.version,
    person: { id: row.personId, name: row.name, unitPath: row.unitPath, role: row.role },
    aggregation: d.aggregation,
    aggregationLabel:
      d.aggregation === 'group_weights'
        ? `${AGGREGATIONS.group_weights}：${d.groups.map((g) => `${g.name}${g.weight}%`).join('、')}`
        : AGGREGATIONS[d.aggregation],
    evaluators: sheets.map((s) => ({
      name: s.evaluatorName,
      group: s.group,
      total: s.total,
      veto: s.veto,
      complete: s.complete,
      dropped: d.combined.dropped.includes(s.evaluatorId),
    })),
    lines,
    evidence,
    fullMarks,
    total: row.total,
    grade: row.exemptReason ? '免考' : (row.grade ?? '未评分'),
    veto: row.veto,
    rankInUnit: row.rankInUnit,
    unitCount,
    community: row.community,
    exemptReason: row.exemptReason,
  };
}

export function scoreCardTitle(r: ScoreCardReport): string {
  return `${formatDocumentPeriod(r.period)}个人考核评分表（${r.person.name}）`;
}
