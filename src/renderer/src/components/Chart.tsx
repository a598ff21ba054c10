/** ECharts in a div that follows its size; only the chart kinds we use are bundled. */
import { BarChart, BoxplotChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type RefObject } from 'react';

echarts.use([
  BarChart,
  LineChart,
  BoxplotChart,
  HeatmapChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  TitleComponent,
  MarkLineComponent,
  LegendComponent,
  VisualMapComponent,
  // decal patterns on bars: a chart printed in grey, or read by a colour-blind reader, still tells its series apart
  AriaComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;
export type ChartInstance = echarts.ECharts;

export const CHART_FONT = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif";

export function Chart({
  option,
  height = 240,
  label,
  chartRef,
  onClick,
}: {
  option: ChartOption;
  height?: number;
  label: string;
  /** The live chart, for 保存图片 and 打印 (getDataURL). */
  chartRef?: RefObject<ChartInstance | null>;
  /** A click on a data item: its series index and data index. */
  onClick?: (item: { seriesIndex: number; dataIndex: number; name: string }) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);
  useEffect(() => {
    const el = ref.current!;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    if (chartRef) chartRef.current = instance;
    instance.on('click', (p) => {
      const e = p as { seriesIndex?: number; dataIndex?: number; name?: string };
      clickRef.current?.({ seriesIndex: e.seriesIndex ?? 0, dataIndex: e.dataIndex ?? 0, name: e.name ?? '' });
    });
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
      if (chartRef) chartRef.current = null;
    };
  }, [chartRef]);
  useEffect(() => {
    // No animation: a chart is read (and printed) at once, never watched.
    chart.current?.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option }, true);
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
