// An Apache ECharts chart rendered as SVG (crisp on screen and in the A4
// print, where it becomes vector graphics in the PDF). Only the chart types
// and components the analyses use are registered, so the bundle stays small.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function Chart({
  option,
  height = 260,
  testId,
  print = false,
}: {
  option: EChartsCoreOption;
  height?: number;
  testId?: string;
  /** In a print: no animation (the page is captured at once) and a fixed size. */
  print?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'svg' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: !print, ...option }, true);
  }, [option, print]);
  // A print chart has a fixed size that fits the A4 text width, so the PDF holds
  // it whole (an SVG sized on the wider screen would be cut at the page's edge).
  const style = print ? { height: 230, width: 640 } : { height };
  return <div ref={box} className="analysis-chart" style={style} data-testid={testId} />;
}
