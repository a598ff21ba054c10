/** The street's side of the district roll-up: its key's fingerprint, and 导出上报包 (audited). */
import type { districtContract } from '../../../shared/contract/district';
import { canonicalJson, packageFileName } from '../../../shared/district/format';
import type { Handlers } from '../handler-types';
import { readStreetKey } from './key';
import { buildPackageBody, signPackage, streetName } from './package';

export const districtHandlers: Handlers<typeof districtContract> = {
  'district.identity': (ctx) => ({ street: streetName(ctx.db), ...readStreetKey(ctx.db) }),
  'district.exportPackage': (ctx, input) => {
    const body = buildPackageBody(ctx.db, input.periodId, ctx.now().toISOString());
    const file = signPackage(ctx.db, body);
    const fileName = packageFileName(body);
    ctx.audit({
      action: 'export-package',
      entity: 'period_assessment',
      entityId: input.periodId,
      newValue: { fileName, period: body.period.key, people: body.people.length, months: body.months.length, fingerprint: body.street.fingerprint },
    });
    return { fileName, base64: Buffer.from(canonicalJson(file), 'utf8').toString('base64'), people: body.people.length, months: body.months.length };
  },
};
