/** OGC API - Features (Part 1: Core, GeoJSON, OpenAPI 3.0) over the catalog's spatial datasets, for GIS tools. */
package org.madang.catalog.ogc;
