/** Choosing one community or village (or 全部): the unit most lists and rankings are cut by. */
import type { UnitNode } from '../../../shared/contract/org';
import { FilterSelect } from './Select';

/** The communities and villages: the units right under the street, not retired. */
export function communitiesOf(units: UnitNode[]): UnitNode[] {
  const root = units.find((u) => u.parentId === null);
  return units.filter((u) => root && u.parentId === root.id && !u.retiredOn);
}

export function CommunitySelect({
  label,
  communities,
  value,
  onChange,
  allowAll = true,
  allLabel = '全部',
}: {
  label: string;
  communities: UnitNode[];
  value: number | null;
  onChange: (id: number | null) => void;
  /** Offer 全部 (every unit); off where the choice is limited to some units, as for a 考核员. */
  allowAll?: boolean;
  allLabel?: string;
}) {
  return <FilterSelect label={label} choices={communities.map((u) => ({ value: u.id, label: u.name }))} value={value} onChange={onChange} none={allowAll ? allLabel : null} />;
}
