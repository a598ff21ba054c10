/** Every area's handlers, joined; the type makes sure they match the contract call for call. */
import type { AppContract } from '../../shared/contract';
import { excelHandlers } from './excel/handlers';
import type { Handlers } from './handler-types';
import { orgHandlers } from './org/handlers';
import { peopleHandlers } from './people/handlers';
import { systemHandlers } from './system/handlers';

export const handlers: Handlers<AppContract> = {
  ...systemHandlers,
  ...orgHandlers,
  ...peopleHandlers,
  ...excelHandlers,
};
