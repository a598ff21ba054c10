import type { AppContract, CallName } from '../../shared/contract';
import type { CallDef, Contract, OutputOf, ParsedInputOf } from '../../shared/contract/define';
import type { HandlerContext } from './context';

export type Handler<D extends CallDef> = (
  ctx: HandlerContext,
  input: ParsedInputOf<D>,
) => OutputOf<D> | Promise<OutputOf<D>>;

/** One handler per call of an area's contract, no more and no fewer. */
export type Handlers<C extends Contract> = { [N in keyof C]: Handler<C[N]> };

/** What a call's handler is given after validation: the type of the area functions that do a call's work. */
export type CallInputOf<N extends CallName> = ParsedInputOf<AppContract[N]>;
