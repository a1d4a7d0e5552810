package org.madang.analytics.geo;

import org.locationtech.jts.geom.Geometry;

/**
 * One administrative district of a city (in Seoul a 구), with its boundary in WGS84 longitude/latitude.
 *
 * @param code the official district code (Seoul: the 5-digit MOIS 시군구 code, e.g. {@code 11110} for 종로구)
 * @param name the name in the city's language
 * @param nameEn the English name, or the local name when none is known
 */
public record District(String code, String name, String nameEn, Geometry boundary) {}
