/**
 * Who is whose neighbour: sparse spatial weights (distance band, k nearest, queen and rook contiguity, H3 rings, GAL
 * files) in compressed-row form, with the binary and row-standardised transforms the hotspot statistics use.
 */
package org.madang.analytics.weights;
