/** Choosing one community or village (or 全部): the unit most lists and rankings are cut by. */
import type { UnitNode } from '../../../shared/contract/org';

export function CommunitySelect({ label, communities, value, onChange }: { label: string; communities: UnitNode[]; value: number | null; onChange: (id: number | null) => void }) {
  return (
    <label>
      {label}
      <select aria-label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
        <option value="">全部</option>
        {communities.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
}
