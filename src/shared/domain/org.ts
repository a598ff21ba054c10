/** The organisation tree: street → community/village → grids of several kinds → micro-grids, any depth. */

export const UNIT_KINDS = {
  street: { label: '街道', level: 0 },
  community: { label: '社区', level: 1 },
  village: { label: '村', level: 1 },
  grid_basic: { label: '基础网格', level: 2 },
  grid_l2: { label: '二级网格', level: 2 },
  grid_l3: { label: '三级网格', level: 2 },
  grid_special: { label: '专属网格', level: 2 },
  micro_grid: { label: '微网格', level: 3 },
} as const;

export type UnitKind = keyof typeof UNIT_KINDS;
export const UNIT_KIND_KEYS = Object.keys(UNIT_KINDS) as [UnitKind, ...UnitKind[]];

export function unitKindLabel(kind: UnitKind): string {
  return UNIT_KINDS[kind].label;
}

/**
 * Whether a unit of `child` kind may sit under a `parent` (null: at the root). A street stands only at the root;
 * below it a node is never of a higher level than its parent, so grids may nest (二级 → 三级) but a community
 * never sits under a grid, and communities and villages never sit under one another.
 */
export function kindAllowedUnder(child: UnitKind, parent: UnitKind | null): boolean {
  if (parent === null) return child === 'street';
  if (child === 'street') return false;
  const [c, p] = [UNIT_KINDS[child].level, UNIT_KINDS[parent].level];
  return c >= p && !(c === 1 && p === 1);
}

/** The kinds one may add under a parent, for the form's dropdown. */
export function kindsAllowedUnder(parent: UnitKind | null): UnitKind[] {
  return UNIT_KIND_KEYS.filter((k) => kindAllowedUnder(k, parent));
}

/**
 * Each unit's path for display, leaving out the root street (every unit is in it): '固戍社区 / 第03网格'.
 */
export function unitPathsOf(units: readonly { id: number; parentId: number | null; name: string }[]): Map<number, string> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const paths = new Map<number, string>();
  const pathOf = (id: number): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const u = byId.get(id)!;
    const parent = u.parentId === null ? undefined : byId.get(u.parentId);
    const path = !parent || parent.parentId === null ? u.name : `${pathOf(parent.id)} / ${u.name}`;
    paths.set(id, path);
    return path;
  };
  units.forEach((u) => pathOf(u.id));
  return paths;
}

/**
 * Each unit's place in the tree read top to bottom, as the organisation tree shows it (children by their sort order,
 * then id): for listing communities and their units in the office's own order rather than by name.
 */
export function treeOrderOf(units: readonly { id: number; parentId: number | null; sortOrder: number }[]): Map<number, number> {
  const children = new Map<number | null, { id: number; sortOrder: number }[]>();
  for (const u of units) {
    const list = children.get(u.parentId);
    if (list) list.push(u);
    else children.set(u.parentId, [u]);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const order = new Map<number, number>();
  const walk = (parentId: number | null) => {
    for (const u of children.get(parentId) ?? []) {
      order.set(u.id, order.size);
      walk(u.id);
    }
  };
  walk(null);
  return order;
}
