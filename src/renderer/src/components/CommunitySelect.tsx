/** Choosing one community or village (or 全部): the unit most lists and rankings are cut by, found as one types. */
import { useMemo } from 'react';
import type { UnitNode } from '../../../shared/contract/org';
import { ChoicePicker, PickerFilter, type ChoicePickerProps } from './ChoicePicker';

/** The communities and villages: the units right under the street, not retired. */
export function communitiesOf(units: UnitNode[]): UnitNode[] {
  const root = units.find((u) => u.parentId === null);
  return units.filter((u) => root && u.parentId === root.id && !u.retiredOn);
}

/** The communities as a picker's choices (inside a Field, which labels it). */
export function CommunityPicker({ communities, ...rest }: Omit<ChoicePickerProps<number>, 'choices'> & { communities: readonly UnitNode[] }) {
  const choices = useMemo(() => communities.map((u) => ({ value: u.id, label: u.name, meta: u.code || undefined, codes: [u.code] })), [communities]);
  return <ChoicePicker choices={choices} {...rest} />;
}

/** A filter over a list or ranking: its label, then the community, 全部 first unless the choice is limited. */
export function CommunitySelect({
  label,
  communities,
  value,
  onChange,
  allowAll = true,
  allLabel = '全部',
}: {
  label: string;
  communities: readonly UnitNode[];
  value: number | null;
  onChange: (id: number | null) => void;
  /** Offer 全部 (every unit); off where the choice is limited to some units, as for a 考核员. */
  allowAll?: boolean;
  allLabel?: string;
}) {
  return (
    <PickerFilter label={label}>
      <CommunityPicker communities={communities} value={value} onChange={onChange} none={allowAll ? allLabel : null} aria-label={label} />
    </PickerFilter>
  );
}
