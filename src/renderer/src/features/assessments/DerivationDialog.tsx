/** How a worker's total was made, so anyone can check it by hand: criterion by criterion, evaluator by evaluator. */
import type { Derivation } from '../../../../shared/contract/assessments';
import { AGGREGATIONS, CRITERION_KINDS, formatHundredths, type Criterion } from '../../../../shared/domain/scoring';
import { useCall } from '../../api/useCall';
import { Dialog } from '../../components/Dialog';

const f = formatHundredths;

function rule(c: Criterion): string {
  switch (c.kind) {
    case 'score':
      return `0～${f(c.max)}分`;
    case 'deduction':
      return `${f(c.max)}分，每次扣${f(c.perUnit)}分，${c.floor === 'category' ? '本类' : '本项'}扣完为止`;
    case 'bonus':
      return `每次加${f(c.perUnit)}分，最多${f(c.cap)}分`;
    case 'veto':
      return '发生即当月不合格';
  }
}

function entry(c: Criterion, value: number | null, points: number): string {
  if (value === null) return c.kind === 'score' ? '未填' : '—';
  if (c.kind === 'score') return f(value);
  if (c.kind === 'veto') return value > 0 ? '否决' : '—';
  if (value === 0) return '—';
  if (c.kind === 'bonus') {
    const earned = value * c.perUnit;
    return earned === points ? `${value}次 +${f(points)}` : `${value}次 +${f(earned)}，封顶实加${f(points)}`;
  }
  // what the count would take, and what was taken: a deduction stops at its own points (本项扣完为止)
  const lost = value * c.perUnit;
  const applied = c.max - points;
  return lost === applied ? `${value}次 −${f(lost)}` : `${value}次 −${f(lost)}，扣完为止实扣${f(applied)}`;
}

/** A category whose deductions went past its points (本类扣完为止): what it would have lost, and what it lost. */
function categoryFloors(d: Derivation): string[] {
  return d.sheets.flatMap((s) =>
    s.categories
      .filter((x) => x.clamped)
      .map((x) => {
        const counted = d.criteria.filter((c) => c.category === x.category && c.kind !== 'bonus');
        const full = counted.reduce((sum, c) => sum + c.max, 0);
        const raw = counted.reduce((sum, c) => sum + (s.lines.find((l) => l.criterionId === c.id)?.points ?? 0), 0);
        return `${s.evaluatorName}：“${x.category}”应扣${f(full - raw)}分，超过本类${f(full)}分，扣完为止，实扣${f(full)}分，本类计0分。`;
      }),
  );
}

function explanation(d: Derivation): string[] {
  const c = d.combined;
  const complete = d.sheets.filter((s) => s.complete);
  const lines: string[] = [];
  if (complete.length === 0) return ['还没有考核人填完评分项，暂无总分。'];
  const names = (id: number) => d.sheets.find((s) => s.evaluatorId === id)?.evaluatorName ?? '';
  if (d.sheets.length > complete.length) {
    lines.push(`未填完的评分不计入：${d.sheets.filter((s) => !s.complete).map((s) => s.evaluatorName).join('、')}。`);
  }
  if (c.method === 'group_weights') {
    const parts = c.groups.map((g) => (g.count === 0 ? `${g.name}（本月无人评分，不计入）` : `${g.name}平均${f(g.mean!)} × ${g.weight}%`));
    const used = c.groups.filter((g) => g.count > 0).reduce((s, g) => s + g.weight, 0);
    lines.push(`按考核组加权：${parts.join(' + ')}${used !== 100 ? `，再除以计入的权重合计${used}%` : ''}。`);
  } else {
    if (c.dropped.length > 0) lines.push(`去掉最高分和最低分：${c.dropped.map(names).join('、')}。`);
    const kept = complete.filter((s) => !c.dropped.includes(s.evaluatorId));
    lines.push(`${kept.map((s) => f(s.total)).join(' + ')} = ${f(kept.reduce((s, x) => s + x.total, 0))}，除以 ${kept.length} 人。`);
  }
  if (c.exact && c.total !== null) {
    lines.push(`精确值 ${(c.exact.numerator / c.exact.denominator / 100).toFixed(4)} 分，保留两位小数（四舍五入）得 ${f(c.total)} 分。`);
  }
  lines.push(...categoryFloors(d));
  if (c.veto) {
    const by = d.sheets.filter((s) => s.veto).map((s) => s.evaluatorName).join('、');
    lines.push(`一票否决（${by}记录），无论得分多少，当月等次为不合格。`);
  }
  return lines;
}

export function DerivationDialog({ monthId, personId, onClose }: { monthId: number; personId: number; onClose: () => void }) {
  const { data: d, error } = useCall('assessments.derivation', { monthId, personId });
  return (
    <Dialog title={d ? `得分明细：${d.name}（${d.period}）` : '得分明细'} onClose={onClose} onSubmit={onClose} closeOnly width={980} error={error} wide>
      {d ? (
        <>
          <p className="muted" style={{ marginTop: 0 }}>
            {d.schemeName} 第{d.version}版 · {AGGREGATIONS[d.aggregation]}
          </p>
          <table className="simple derivation" aria-label="得分明细">
            <thead>
              <tr>
                <th>分类</th>
                <th>指标</th>
                <th>计分规则</th>
                {d.sheets.map((s) => (
                  <th key={s.evaluatorId} className={`num${d.combined.dropped.includes(s.evaluatorId) ? ' dropped' : ''}`}>
                    {s.evaluatorName}
                    {s.group ? `（${s.group}）` : ''}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.criteria.map((c) => (
                <tr key={c.id}>
                  <td style={{ whiteSpace: 'nowrap' }}>{c.category}</td>
                  <td title={c.guide}>
                    {c.name}
                    {c.kind === 'score' ? '' : `（${CRITERION_KINDS[c.kind]}）`}
                  </td>
                  <td>{rule(c)}</td>
                  {d.sheets.map((s) => {
                    const line = s.lines.find((l) => l.criterionId === c.id)!;
                    return (
                      <td key={s.evaluatorId} className="num" title={s.notes[c.id] ?? ''}>
                        {entry(c, line.value, line.points)}
                        {s.notes[c.id] ? <div className="muted" style={{ fontSize: 11 }}>{s.notes[c.id]}</div> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <th colSpan={3}>各考核人合计</th>
                {d.sheets.map((s) => (
                  <th key={s.evaluatorId} className={`num${d.combined.dropped.includes(s.evaluatorId) ? ' dropped' : ''}`}>
                    {s.complete ? f(s.total) : '未填完'}
                    {s.categories.some((x) => x.clamped) ? '（含扣完为止）' : ''}
                  </th>
                ))}
              </tr>
              {d.sheets.some((s) => s.reasonNeeded || s.reason) ? (
                <tr aria-label="评分说明">
                  <th colSpan={3}>评分说明（合计达到高分线或低于低分线）</th>
                  {d.sheets.map((s) => (
                    <td key={s.evaluatorId} className="reason-cell">
                      {s.reason ? s.reason : s.reasonNeeded ? <span className="error-text">未填写</span> : <span className="muted">—</span>}
                    </td>
                  ))}
                </tr>
              ) : null}
            </tbody>
          </table>
          <div style={{ marginTop: 10 }} aria-label="计算过程">
            {explanation(d).map((line) => (
              <p key={line} style={{ margin: '4px 0' }}>
                {line}
              </p>
            ))}
            <p style={{ margin: '8px 0 0', fontSize: 16 }}>
              <strong>
                总分 {d.combined.total === null ? '—' : f(d.combined.total)} 分 · 等次 {d.grade ?? '—'}
              </strong>
            </p>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
