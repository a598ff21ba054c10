/** Pieces of the scheme editor: the grade bands, the evaluator groups, the sum of maxima. */
import type { KnownGroup } from '../../../../shared/contract/schemes';
import { formatHundredths } from '../../../../shared/domain/scoring';
import { GroupPicker } from './GroupPicker';
import { groupWeightSum, liveBandsError, newKey, withBandLimit, type BandRow, type GroupRow } from './form';

export function BandsEditor({
  bands,
  readOnly,
  onChange,
}: {
  bands: BandRow[];
  readOnly: boolean;
  onChange: (bands: BandRow[]) => void;
}) {
  const live = liveBandsError(bands);
  // a limit typed moves its neighbour's with it: the bands stay contiguous
  const set = (i: number, limit: 'min' | 'max', value: string) => onChange(withBandLimit(bands, i, limit, value));
  // The core checks bands with this same rule (bandsError), so the live message is always the current word.
  const message = live;
  return (
    <div className={`bands${message ? ' invalid' : ''}`}>
      <table className="simple bands-table">
        <thead>
          <tr>
            <th scope="col">等次</th>
            {bands.map((b) => (
              <th key={b.grade} scope="col">
                {b.grade}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">下限（含）</th>
            {bands.map((b, i) => (
              <td key={b.grade}>
                <input type="text" inputMode="decimal" aria-label={`${b.grade}下限`} value={b.min} readOnly={readOnly}
                  onChange={(e) => set(i, 'min', e.target.value)} />
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">上限（不含）</th>
            {bands.map((b, i) => (
              <td key={b.grade}>
                <input type="text" inputMode="decimal" aria-label={`${b.grade}上限`} value={b.max} readOnly={readOnly}
                  placeholder="不设上限" onChange={(e) => set(i, 'max', e.target.value)} />
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <div aria-live="polite" className="bands-note">
        {message ? (
          <span className="field-error" data-testid="bands-error">
            {message}
          </span>
        ) : (
          <span className="field-ok">等次划分连续，无空档、无重叠。得分在下限与上限之间（含下限，不含上限）即为该等次；改一个等次的下限，下一等次的上限随之改变。</span>
        )}
      </div>
    </div>
  );
}

export function GroupsEditor({
  groups,
  known,
  readOnly,
  issue,
  onChange,
}: {
  groups: GroupRow[];
  /** Groups in use elsewhere (evaluators, other schemes), offered in each row's list. */
  known: readonly KnownGroup[];
  readOnly: boolean;
  issue: string | undefined;
  onChange: (groups: GroupRow[]) => void;
}) {
  const sum = groupWeightSum(groups);
  const set = (i: number, part: Partial<GroupRow>) => onChange(groups.map((g, j) => (j === i ? { ...g, ...part } : g)));
  const ok = sum === 100;
  return (
    <div className="groups" role="group" aria-label="考核组">
      <div className="groups-head">
        <span className="label">考核组及权重</span>
        <span className={`badge ${ok ? 'ok' : 'bad'}`} data-testid="weights-sum">
          权重合计 {sum === null ? '—' : `${sum}%`}
          {ok ? '' : '（应为100%）'}
        </span>
      </div>
      {groups.length === 0 ? <p className="muted small">还没有考核组，如“街道中心 60%”“社区 40%”。考核组从已有的考核组中选择，列表中没有的选“新增考核组…”。</p> : null}
      {groups.map((g, i) => (
        <div key={g.key} className="group-row">
          <GroupPicker label={`第${i + 1}个考核组名称`} value={g.name} known={known} readOnly={readOnly} autoFocus={g.name === '' && i === groups.length - 1}
            onChange={(name) => set(i, { name })} />
          <input type="text" inputMode="numeric" aria-label={`第${i + 1}个考核组权重`} value={g.weight} readOnly={readOnly} className="weight"
            onChange={(e) => set(i, { weight: e.target.value })} />
          <span>%</span>
          {readOnly ? null : (
            <button type="button" className="btn small danger" onClick={() => onChange(groups.filter((_, j) => j !== i))}
              aria-label={`删除考核组“${g.name || i + 1}”`}>
              删除
            </button>
          )}
        </div>
      ))}
      {readOnly ? null : (
        <button type="button" className="btn small" onClick={() => onChange([...groups, { key: newKey('g'), name: '', weight: '' }])}>
          添加考核组
        </button>
      )}
      {issue ? <p className="field-error">{issue}</p> : null}
    </div>
  );
}

export function SumIndicator({ sum, fullScore }: { sum: number; fullScore: number | null }) {
  const ok = fullScore !== null && sum === fullScore;
  return (
    <span className={`sum-indicator ${ok ? 'ok' : 'bad'}`} data-testid="sum-indicator" role="status" aria-live="polite">
      各项分值合计 <b>{formatHundredths(sum)}</b> 分 / 满分 <b>{fullScore === null ? '—' : formatHundredths(fullScore)}</b> 分
      {ok ? ' ✓' : fullScore === null ? '' : sum < fullScore ? `（少 ${formatHundredths(fullScore - sum)} 分）` : `（多 ${formatHundredths(sum - fullScore)} 分）`}
    </span>
  );
}
