/**
 * Our own small charts, as drawings of a few shapes: SVG in the HTML and pdfkit vectors in the
 * PDF. Pure functions from numbers to shapes; every text is measured and kept inside the chart's
 * box, so nothing a chart draws can cross the page margins it is placed within.
 */
export { barChart, type Bar } from './bars';
export { type Drawing, PALETTE, type Shape, toSvg } from './draw';
export { gauge } from './gauge';
export { heatmap } from './heatmap';
export { histogram } from './histogram';
export { lineChart } from './line';
export { escapeXml } from './text';
