/** The city's geography as the engine needs it: district boundaries read from GeoJSON. */
package org.madang.engine.geo;
