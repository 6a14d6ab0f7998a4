import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { SankeyChart } from 'echarts/charts';
import type { Flow } from '../api';
import { EChart, type EChartOption } from '../../../components/EChart';

// The shared EChart component registers the common series; the Sankey
// series is registered here, where it is used.
echarts.use([SankeyChart]);

const SRC = 'asal:';
const DST = 'tujuan:';

/**
 * The ECharts option of a Sankey of moves between OPDs. Sources and targets
 * are separate nodes (an OPD both gives and receives, and moves inside one
 * OPD would otherwise be a cycle, which a Sankey cannot draw).
 */
export function sankeyOption(flows: Flow[], labels: { from: string; to: string; moves: string }): EChartOption {
  const nodes = new Map<string, { name: string; depth: number }>();
  for (const f of flows) {
    nodes.set(SRC + f.from, { name: SRC + f.from, depth: 0 });
    nodes.set(DST + f.to, { name: DST + f.to, depth: 1 });
  }
  const strip = (n: string) => n.replace(SRC, '').replace(DST, '');
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { dataType?: string; data?: { source?: string; target?: string; value?: number; name?: string } }).data ?? {};
        if (d.source && d.target) return `${strip(d.source)} → ${strip(d.target)}: ${d.value} ${labels.moves}`;
        return strip(d.name ?? '');
      },
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 150,
        top: 24,
        bottom: 8,
        nodeAlign: 'justify',
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', opacity: 0.45 },
        label: { formatter: (p: { name: string }) => strip(p.name) },
        levels: [
          { depth: 0, itemStyle: { color: '#1c3d6e' } },
          { depth: 1, itemStyle: { color: '#2f9e8f' } },
        ],
        data: [...nodes.values()],
        links: flows.map((f) => ({ source: SRC + f.from, target: DST + f.to, value: f.count })),
      },
    ],
    title: [
      { text: labels.from, left: 8, top: 0, textStyle: { fontSize: 12, fontWeight: 'normal', color: '#666' } },
      { text: labels.to, right: 8, top: 0, textStyle: { fontSize: 12, fontWeight: 'normal', color: '#666' } },
    ],
  };
}

/** Flows of the plan's moves between OPDs. */
export function FlowSankey({ flows, labels }: { flows: Flow[]; labels: { from: string; to: string; moves: string } }) {
  const option = useMemo(() => sankeyOption(flows, labels), [flows, labels]);
  const height = Math.max(260, Math.min(720, 26 * new Set(flows.map((f) => f.from)).size + 80));
  return <EChart option={option} height={height} data-testid="planner-sankey" />;
}
