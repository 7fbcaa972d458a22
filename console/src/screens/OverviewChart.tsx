import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Orders per interval over the last hours, drawn with uPlot (small, canvas, no re-render churn). */
export function ThroughputChart({
  series,
}: {
  series: { at: number[]; orders: number[]; failed?: number[] };
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const data: uPlot.AlignedData = [
      series.at.map((t) => t / 1000),
      series.orders,
      ...(series.failed ? [series.failed] : []),
    ];
    if (plot.current) {
      // New numbers into the same chart: no teardown, no flicker on every refresh.
      plot.current.setData(data);
      return;
    }
    plot.current = new uPlot(
      {
        width: Math.min(box.current.clientWidth || 640, 900),
        height: 160,
        series: [
          {},
          { label: 'orders', stroke: '#2563eb' },
          ...(series.failed ? [{ label: 'failed', stroke: '#dc2626' }] : []),
        ],
        axes: [{}, { label: 'per interval' }],
      },
      data,
      box.current,
    );
  }, [series]);
  useEffect(() => () => plot.current?.destroy(), []);
  const total = series.orders.reduce((a, b) => a + b, 0);
  return (
    <figure className="chart">
      <div ref={box} role="img" aria-label={`Orders over time: ${total} in the period shown`} />
      <figcaption>Orders over time</figcaption>
    </figure>
  );
}
