package org.madang.feeds;

/**
 * A place that reports to a feed: a registered sensor or hot spot, or one of the city's districts (known to every
 * feed by its name or code, placed at a point inside it).
 *
 * @param districtCode the district the station lies in, or null outside every district
 */
public record Station(String feed, String station, String name, double lat, double lon, String districtCode) {}
