import type { GridChartBaseProps } from '@mantine/charts';

type AxisProps = Pick<GridChartBaseProps, 'xAxisProps' | 'yAxisProps'>;
type YAxisProps = NonNullable<AxisProps['yAxisProps']>;

/**
 * Axes for a bar chart of counts in the interface direction. Mantine draws charts left to right (SVG text would
 * misalign in an RTL box), so right to left is made by reversing the x axis and moving the y axis to the right.
 * `vertical` charts have their categories on the y axis and the counts on the x axis.
 */
export const chartAxes = (rtl: boolean, orientation: 'horizontal' | 'vertical', yAxis: YAxisProps = {}): AxisProps => {
  // Counts are whole: no 0.5 ticks.
  const counts = { allowDecimals: false };
  const xAxisProps = { ...(orientation === 'vertical' && counts), ...(rtl && { reversed: true }) };
  const yAxisProps: YAxisProps = {
    ...(orientation === 'horizontal' && counts),
    ...(rtl && { orientation: 'right', tick: { transform: 'translate(10, 0)', fontSize: 12, fill: 'currentColor' } }),
    ...yAxis,
  };
  return { xAxisProps, yAxisProps };
};
