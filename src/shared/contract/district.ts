/**
 * The street's side of the district roll-up: its identity (the Ed25519 key's fingerprint and public key, for the
 * district to register) and 导出上报包 for a finalised period (shared/district/format.ts).
 */
import { z } from 'zod';
import { call, emptyInput, idField, returns } from './define';
import type { ExportedFile } from './io';

export interface StreetIdentity {
  street: string;
  fingerprint: string;
  publicKeyPem: string;
}

export const districtContract = {
  'district.identity': call({ input: emptyInput, output: returns<StreetIdentity>(), tx: 'read', roles: ['admin'] }),
  'district.exportPackage': call({
    input: z.object({ periodId: idField }),
    output: returns<ExportedFile & { people: number; months: number }>(),
    tx: 'write',
    roles: ['admin'],
  }),
};
