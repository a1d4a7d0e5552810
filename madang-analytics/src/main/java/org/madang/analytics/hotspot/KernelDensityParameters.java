package org.madang.analytics.hotspot;

/**
 * How a {@link KernelDensity} smooths.
 *
 * @param kernel the kernel shape
 * @param bandwidth_m the bandwidth in metres, or NaN to derive it by {@link KernelDensity#bandwidthByRule}
 * @param cellSize_m the grid's cell size in metres (ignored for H3 cells, whose size the resolution sets)
 */
public record KernelDensityParameters(Kernel kernel, double bandwidth_m, double cellSize_m) {

  public KernelDensityParameters {
    if (kernel == null) {
      throw new IllegalArgumentException("choose a kernel");
    }
    if (!Double.isNaN(bandwidth_m) && !(bandwidth_m > 0 && Double.isFinite(bandwidth_m))) {
      throw new IllegalArgumentException("the bandwidth must be a positive distance in metres (or NaN for the rule), got "
          + bandwidth_m);
    }
    if (!(cellSize_m > 0) || Double.isInfinite(cellSize_m)) {
      throw new IllegalArgumentException("the cell size must be a positive distance in metres, got " + cellSize_m);
    }
  }

  /** The given kernel and cell size, the bandwidth by rule. */
  public static KernelDensityParameters of(Kernel kernel, double cellSize_m) {
    return new KernelDensityParameters(kernel, Double.NaN, cellSize_m);
  }

  public KernelDensityParameters withBandwidth(double metres) {
    return new KernelDensityParameters(kernel, metres, cellSize_m);
  }
}
