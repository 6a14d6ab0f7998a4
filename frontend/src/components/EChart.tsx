import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type EChartOption = EChartsCoreOption;

export interface EChartHandle {
  /** The live instance, e.g. for getDataURL({type: 'png'}) when saving a chart. */
  instance: () => echarts.ECharts | null;
  /** The chart as a PNG data URL (white background), or null before init. */
  toPNG: () => string | null;
}

interface Props {
  option: EChartOption;
  height: number | string;
  ref?: Ref<EChartHandle>;
  'data-testid'?: string;
}

/** A thin wrapper: one ECharts instance per element, canvas renderer, resized with its box. */
export function EChart({ option, height, ref, 'data-testid': testId }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useImperativeHandle(
    ref,
    () => ({
      instance: () => chart.current,
      toPNG: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) ?? null,
    }),
    [],
  );

  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
