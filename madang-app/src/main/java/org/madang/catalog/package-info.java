/**
 * The open data catalog: datasets with bilingual metadata, organizations, versions, access levels, and the ways in:
 * pages, REST, CKAN's Action API, DCAT-AP and OGC API Features.
 */
package org.madang.catalog;
