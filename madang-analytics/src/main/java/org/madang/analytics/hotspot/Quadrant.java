package org.madang.analytics.hotspot;

/**
 * A feature's place in the Moran scatterplot: its standardised value (High above the mean, Low at or below) against
 * the spatial lag of the standardised values. Numbered 1..4 as in PySAL (HH=1, LH=2, LL=3, HL=4).
 */
public enum Quadrant {
  HH(1),
  LH(2),
  LL(3),
  HL(4);

  private final int number;

  Quadrant(int number) {
    this.number = number;
  }

  /** PySAL's quadrant number. */
  public int number() {
    return number;
  }

  static Quadrant of(double standardisedValue, double lag) {
    boolean high = standardisedValue > 0;
    boolean highLag = lag > 0;
    if (high) {
      return highLag ? HH : HL;
    }
    return highLag ? LH : LL;
  }
}
