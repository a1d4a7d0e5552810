/**
 * Bus route networks: evaluating a set of routes as the transit network design literature does (fastest journeys
 * over the routes with a penalty per transfer, ATT, d0/d1/d2/dun, operator cost), designing a route set for a network
 * and an origin-destination demand matrix, and readers for Mumford's instance files and route-set files.
 */
package org.madang.analytics.transit;
