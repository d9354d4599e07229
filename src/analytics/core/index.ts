export { createMatrix, column, type Matrix } from './matrix';
export {
  createPanelMatrix,
  type DrawKernels,
  inPanelArena,
  panelsMade,
  simdDrawKernels,
  withPanelArenas,
} from './kernel-arena';
export { simpleReturns, simpleReturnsInto, weightedRowSum, rowMeanOfColumns } from './returns';
export {
  mean,
  sampleCovariance,
  sampleVariance,
  beta,
  selectQuantile,
  historicalVarEs,
  varEsInPlace,
  varEsOfLowest,
  maxDrawdown,
} from './stats';
export { Rng } from './random';
export { cholesky } from './cholesky';
export { covarianceWithSeries, rollingBeta, correlationOfColumns, dot } from './series';
