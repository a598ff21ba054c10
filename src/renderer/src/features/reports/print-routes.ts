/**
 * Print routes: '#/print/<report>?<params>', one per report, outside the app's navigation so the page holds the
 * sheet alone. Links are built here so every caller spells them the same way.
 */
export const PRINT_PREFIX = '#/print/';

export interface PrintRoute {
  report: string;
  params: URLSearchParams;
}

export function printRouteOf(hash: string): PrintRoute | null {
  if (!hash.startsWith(PRINT_PREFIX)) return null;
  const rest = hash.slice(PRINT_PREFIX.length);
  const q = rest.indexOf('?');
  return { report: q < 0 ? rest : rest.slice(0, q), params: new URLSearchParams(q < 0 ? '' : rest.slice(q + 1)) };
}

export function printHref(report: string, params: Record<string, string | number | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null) q.set(k, String(v));
  return `${PRINT_PREFIX}${report}?${q.toString()}`;
}

/** A positive integer parameter, or null. */
export function idParam(params: URLSearchParams, name: string): number | null {
  const v = Number(params.get(name));
  return Number.isInteger(v) && v > 0 ? v : null;
}
