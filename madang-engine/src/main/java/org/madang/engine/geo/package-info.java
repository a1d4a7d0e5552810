/** Geometry at the engine's edges: GeoJSON geometries to and from JTS, and the city's district boundaries. */
package org.madang.engine.geo;
