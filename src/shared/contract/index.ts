/** The one list of areas: a new area adds its contract here and its handlers in src/main/core/handlers.ts. */
import type { InputOf, OutputOf } from './define';
import { accountsContract } from './accounts';
import { analysisContract } from './analysis';
import { appealsContract } from './appeals';
import { assessmentsContract } from './assessments';
import { auditContract } from './audit';
import { awardsContract } from './awards';
import { districtContract } from './district';
import { ioContract } from './io';
import { lanContract } from './lan';
import { orgContract } from './org';
import { peopleContract } from './people';
import { periodsContract } from './periods';
import { recoveryContract } from './recovery';
import { pointsContract } from './points';
import { reportsContract } from './reports';
import { schemesContract } from './schemes';
import { settingsContract } from './settings';
import { starsContract } from './stars';
import { systemContract } from './system';

export const contract = { ...systemContract, ...orgContract, ...peopleContract, ...ioContract, ...schemesContract, ...assessmentsContract, ...pointsContract, ...starsContract, ...awardsContract, ...settingsContract, ...reportsContract, ...auditContract, ...accountsContract, ...recoveryContract, ...analysisContract, ...periodsContract, ...appealsContract, ...lanContract, ...districtContract };

export type AppContract = typeof contract;
export type CallName = keyof AppContract;
export type CallInput<N extends CallName> = InputOf<AppContract[N]>;
export type CallOutput<N extends CallName> = OutputOf<AppContract[N]>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
