import type { CallDef, Contract, OutputOf, ParsedInputOf } from '../../shared/contract/define';
import type { HandlerContext } from './context';

export type Handler<D extends CallDef> = (
  ctx: HandlerContext,
  input: ParsedInputOf<D>,
) => OutputOf<D> | Promise<OutputOf<D>>;

/** One handler per call of an area's contract, no more and no fewer. */
export type Handlers<C extends Contract> = { [N in keyof C]: Handler<C[N]> };
