/** Choosing one community or village (or 全部): the unit most lists and rankings are cut by. */
import type { UnitNode } from '../../../shared/contract/org';

export function CommunitySelect({
  label,
  communities,
  value,
  onChange,
  allowAll = true,
}: {
  label: string;
  communities: UnitNode[];
  value: number | null;
  onChange: (id: number | null) => void;
  /** Offer 全部 (every unit); off where the choice is limited to some units, as for a 考核员. */
  allowAll?: boolean;
}) {
  return (
    <label>
      {label}
      <select aria-label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
        {allowAll ? <option value="">全部</option> : null}
        {communities.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
}
