/** The catalog as DCAT-AP in JSON-LD, for harvesters of open data portals. */
package org.madang.catalog.dcat;
