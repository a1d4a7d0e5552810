package org.madang.analytics.transit;

/**
 * How well a route set serves the demand, as the transit network design literature reports it (Mandl 1979, Baaj and
 * Mahmassani 1991, Mumford 2013).
 *
 * @param averageTravelTime ATT: the demand-weighted mean journey time in minutes, transfer penalties included, over all
 *     trips the route set can carry (whatever their number of transfers); NaN when it carries none
 * @param d0 % of all demand travelling without transfer on its fastest journey
 * @param d1 % with one transfer
 * @param d2 % with two transfers
 * @param dUnsatisfied dun: % needing more than two transfers or not served at all
 * @param unserved % of demand the route set cannot carry at all (part of dun)
 * @param operatorCost the sum of the routes' one-way travel times in minutes (TRT)
 */
public record RouteSetEvaluation(
    double averageTravelTime, double d0, double d1, double d2, double dUnsatisfied, double unserved,
    double operatorCost) {}
