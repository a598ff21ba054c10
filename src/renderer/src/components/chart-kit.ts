/**
 * How every chart of 首页 and 分析 looks: Okabe–Ito colours (told apart by colour-blind readers) with a dash style and a
 * symbol per series (told apart in grey on paper), a cividis scale for heat maps (even in lightness), and numbers in
 * hundredths shown with two decimals (92.50), as the tooltips and the tables behind the charts give them.
 */

/** Okabe–Ito, the yellow last (weak on white). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'] as const;
const DASHES: (string | number[])[] = ['solid', 'dashed', 'dotted', [10, 3, 2, 3], [14, 4], [2, 4, 8, 4]];
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'emptyCircle', 'emptyRect', 'emptyTriangle', 'emptyDiamond', 'pin'];

/** The colours of lines: black is kept for the line that sums them up (全街道). */
const LINE_COLORS = PALETTE.filter((c) => c !== '#000000');

/** The look of the i-th line: colour, dash and symbol cycle at different lengths, so no two of 40 lines look alike. */
export function lineLook(i: number) {
  const color = LINE_COLORS[i % LINE_COLORS.length]!;
  return {
    color,
    symbol: SYMBOLS[i % SYMBOLS.length],
    symbolSize: 6,
    lineStyle: { color, width: 1.6, type: DASHES[i % DASHES.length] },
    itemStyle: { color },
  };
}

/** Cividis, dark (low) to light (high): even steps of lightness, so a heat map reads in grey too. */
export const SEQUENTIAL = ['#00224e', '#123570', '#3b496c', '#575d6d', '#707173', '#8a8779', '#a69d75', '#c4b56c', '#e4cf5b', '#fee838'];

/** Whether text on the scale at this position (0 low … 1 high) should be white. */
export function darkOnScale(position: number): boolean {
  return position < 0.55;
}

/** Decal patterns on bars and boxes (ECharts aria): each series gets its own hatching. */
export const DECALS = { enabled: true, decal: { show: true } } as const;

/** Hundredths with exactly two decimals: 9250 → '92.50', -350 → '-3.50'. */
export function fixed2(v: number): string {
  const a = Math.abs(Math.round(v));
  return `${v < 0 && a !== 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Signed, for differences: '+4.00', '-3.50', '0.00'. */
export function signed2(v: number): string {
  return v > 0 ? `+${fixed2(v)}` : fixed2(v);
}

/** '—' for a missing figure. */
export function orDash(v: number | null | undefined, format: (v: number) => string = fixed2): string {
  return v === null || v === undefined ? '—' : format(v);
}

/** One line of a tooltip: the series' marker, its name and the value. */
export function tipLine(marker: string, name: string, value: string): string {
  return `${marker}${escapeHtml(name)}：<b>${escapeHtml(value)}</b>`;
}

/** Names go into tooltip HTML: never as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A value axis of hundredths that starts and ends on whole steps (5 points) around the data, never past `ceiling`. */
export function scoreAxisBounds(ceiling?: number) {
  return {
    min: (v: { min: number }) => Math.floor(v.min / 500) * 500,
    max: (v: { max: number }) => {
      const top = Math.ceil(v.max / 500) * 500;
      return ceiling === undefined ? top : Math.min(top, Math.max(ceiling, v.max));
    },
  };
}

/** The axis and grid every chart shares. */
export const AXIS_LABEL = { color: '#3d4a5c' };
export const TOOLTIP = { confine: true, textStyle: { fontSize: 12 } };

/** 'YYYY-MM' → 'YY年M月' on a crowded axis. */
export function shortPeriod(period: string): string {
  return `${period.slice(2, 4)}年${Number(period.slice(5, 7))}月`;
}
