/** Every area's handlers, joined; the type makes sure they match the contract call for call. */
import type { AppContract } from '../../shared/contract';
import { accountsHandlers } from './accounts/handlers';
import { analysisHandlers } from './analysis/handlers';
import { appealsHandlers } from './appeals/handlers';
import { assessmentsHandlers } from './assessments/handlers';
import { auditHandlers } from './audit/handlers';
import { awardsHandlers } from './awards/handlers';
import { districtHandlers } from './district/handlers';
import { ioHandlers } from './io/handlers';
import type { Handlers } from './handler-types';
import { lanHandlers } from './lan/handlers';
import { orgHandlers } from './org/handlers';
import { peopleHandlers } from './people/handlers';
import { periodsHandlers } from './periods/handlers';
import { pointsHandlers } from './points/handlers';
import { recoveryHandlers } from './recovery/handlers';
import { reportsHandlers } from './reports/handlers';
import { schemesHandlers } from './schemes/handlers';
import { settingsHandlers } from './settings/handlers';
import { starsHandlers } from './stars/handlers';
import { systemHandlers } from './system/handlers';

export const handlers: Handlers<AppContract> = {
  ...systemHandlers,
  ...orgHandlers,
  ...peopleHandlers,
  ...ioHandlers,
  ...schemesHandlers,
  ...assessmentsHandlers,
  ...pointsHandlers,
  ...starsHandlers,
  ...awardsHandlers,
  ...settingsHandlers,
  ...reportsHandlers,
  ...auditHandlers,
  ...accountsHandlers,
  ...recoveryHandlers,
  ...analysisHandlers,
  ...periodsHandlers,
  ...appealsHandlers,
  ...lanHandlers,
  ...districtHandlers,
};
