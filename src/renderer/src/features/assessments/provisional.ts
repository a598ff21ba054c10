/**
 * An open month's figure that may still change (ResultRow.provisional says why): drawn as '88.50*' and '良好*', in
 * the 'provisional' style, with the reason as the cell's tooltip. One look for the scoring sheet and the results.
 */
export const markProvisional = (text: string, why: string | null | undefined): string => (text && why ? `${text}*` : text);

export const provisionalTip = (why: string | null | undefined): string => (why ? `${why}（*为暂计，可能变化）` : '');
