/** Pieces the star tabs share: stars as ★☆, counts per star, the communities to filter by. */
import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import type { UnitNode } from '../../../../shared/contract/org';
import { starText } from '../../../../shared/domain/stars';
import { useCall } from '../../api/useCall';
import { communitiesOf } from '../../components/CommunitySelect';

export function StarsText({ stars, label }: { stars: number; label?: string }) {
  return (
    <span className="stars-text" aria-label={label ?? `${stars}星`}>
      {starText(stars)}
    </span>
  );
}

/** A grid column showing a 1–5 value as ★★★☆☆ (exported to Excel the same way). */
export function starColumn<T>(field: string, headerName: string, get: (row: T) => number | null, extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return {
    colId: field,
    headerName,
    width: 108,
    valueGetter: (p) => (p.data ? get(p.data) : null),
    valueFormatter: (p) => (typeof p.value === 'number' ? starText(p.value) : ''),
    cellClass: 'stars-cell',
    filter: 'agNumberColumnFilter',
    ...extra,
  };
}

/** People (or grids) per star, 5★ first. */
export function StarCounts({ counts, unit = '人', label = '各星级人数' }: { counts: number[]; unit?: string; label?: string }) {
  return (
    <div className="star-counts" aria-label={label}>
      {[5, 4, 3, 2, 1].map((s) => (
        <span key={s} className="star-count">
          <span className="stars-text">{starText(s)}</span>
          <b>{counts[s - 1] ?? 0}</b>
          {unit}
        </span>
      ))}
    </div>
  );
}

/** The communities and villages under the street, for a unit filter. */
export function useCommunities(): UnitNode[] {
  const { data } = useCall('org.tree', {});
  return useMemo(() => communitiesOf(data ?? []), [data]);
}
