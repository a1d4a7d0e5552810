package org.madang.analytics.hotspot;

/**
 * A density surface on a regular grid: values in weight per square metre at cell centres, row 0 at the bottom
 * (smallest y). Immutable.
 */
public final class DensityGrid {

  private final double minX;
  private final double minY;
  private final double cellSize_m;
  private final int columns;
  private final int rows;
  private final double[] values;
  private final double bandwidth_m;

  DensityGrid(double minX, double minY, double cellSize_m, int columns, int rows, double[] values, double bandwidth_m) {
    this.minX = minX;
    this.minY = minY;
    this.cellSize_m = cellSize_m;
    this.columns = columns;
    this.rows = rows;
    this.values = values;
    this.bandwidth_m = bandwidth_m;
  }

  public double minX() {
    return minX;
  }

  public double minY() {
    return minY;
  }

  public double cellSize_m() {
    return cellSize_m;
  }

  public int columns() {
    return columns;
  }

  public int rows() {
    return rows;
  }

  /** The bandwidth used, given or derived. */
  public double bandwidth_m() {
    return bandwidth_m;
  }

  /** The density (weight per m²) at the centre of a cell. */
  public double density(int column, int row) {
    return values[row * columns + column];
  }

  /** The x of a column's cell centres. */
  public double centreX(int column) {
    return minX + (column + 0.5) * cellSize_m;
  }

  /** The y of a row's cell centres. */
  public double centreY(int row) {
    return minY + (row + 0.5) * cellSize_m;
  }

  /** Σ density × cell area: the weight the grid holds, close to the total weight when the grid covers the kernels. */
  public double integral() {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum * cellSize_m * cellSize_m;
  }

  /** All densities, row-major from the bottom row (a copy). */
  public double[] densities() {
    return values.clone();
  }
}
