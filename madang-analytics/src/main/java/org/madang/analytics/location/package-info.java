/**
 * Where to put things: p-median (with a Resende-Werneck hybrid heuristic and a Lagrangian lower bound), maximal
 * covering, set covering and adding facilities to an existing set, over a demand × candidate distance matrix; and a
 * reader for OR-Library's p-median instances.
 */
package org.madang.analytics.location;
