/** Where things are: the city's districts as a point-in-polygon index, and H3 hexagon binning. */
package org.madang.analytics.geo;
