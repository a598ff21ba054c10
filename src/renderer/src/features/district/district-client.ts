/**
 * The district mode's client: POST /district/:name on the district host, with the session its login answered with
 * (kept for the tab). Its own calls (shared/district/views.ts), not the street's.
 */
import type { CriteriaByStreet, DistrictCallName, DistrictEvaluatorRow, DistrictPeriod, DistrictResultRow, DistrictStreet, StreetComparisonRow } from '../../../../shared/district/views';
import { ApiError } from '../../api/client';

export interface DistrictOutputs {
  'district.state': { needsSetup: boolean; login: string | null };
  'district.setup': { login: string };
  'district.login': { login: string };
  'district.logout': null;
  'district.streets': DistrictStreet[];
  'district.register': { id: number; name: string; fingerprint: string };
  'district.import': { packageId: number; street: string; period: string; periodLabel: string; replaced: number | null; people: number; months: number };
  'district.periods': DistrictPeriod[];
  'district.compare': StreetComparisonRow[];
  'district.criteria': CriteriaByStreet;
  'district.evaluators': DistrictEvaluatorRow[];
  'district.results': DistrictResultRow[];
  'district.export': { fileName: string; base64: string };
}

const SESSION_KEY = 'grid-appraisal-district-session';

export async function districtCall<N extends DistrictCallName>(name: N, input: Record<string, unknown> = {}): Promise<DistrictOutputs[N]> {
  const res = await fetch(`/district/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-district-session': sessionStorage.getItem(SESSION_KEY) ?? '' },
    body: JSON.stringify(input),
  });
  const session = res.headers.get('x-district-session');
  if (session !== null) {
    if (session) sessionStorage.setItem(SESSION_KEY, session);
    else sessionStorage.removeItem(SESSION_KEY);
  }
  const result = (await res.json()) as { ok: true; data: DistrictOutputs[N] } | { ok: false; error: { code: 'VALIDATION'; message: string } };
  if (!result.ok) throw new ApiError(result.error);
  return result.data;
}
