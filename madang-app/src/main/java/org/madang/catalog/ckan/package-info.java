/**
 * CKAN's Action API (version 3) over the catalog, a read-only subset with CKAN's response envelope, so CKAN clients
 * and harvesters read Madang as they read any CKAN site.
 */
package org.madang.catalog.ckan;
