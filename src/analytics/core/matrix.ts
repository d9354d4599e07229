/**
 * Column-major dense matrix over one Float64Array: column j occupies data[j*rows .. (j+1)*rows).
 * Time runs down a column, so a symbol's series is contiguous and every per-symbol kernel walks
 * memory in order.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function createMatrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** A view (no copy) of column j. */
export function column(m: Matrix, j: number): Float64Array {
  return m.data.subarray(j * m.rows, (j + 1) * m.rows);
}
