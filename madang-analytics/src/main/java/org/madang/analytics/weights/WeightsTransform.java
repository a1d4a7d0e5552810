package org.madang.analytics.weights;

/** How the weights of a {@link SpatialWeights} are scaled, after PySAL's transform letters. */
public enum WeightsTransform {
  /** The weights as built or read (PySAL "O"). */
  ORIGINAL,
  /** Every neighbour weighs 1 (PySAL "B"). */
  BINARY,
  /** Each row's weights divided by the row's sum, so every row with neighbours sums to 1 (PySAL "R"). */
  ROW_STANDARDISED
}
