/**
 * Threshold alerts on feeds: rules with hysteresis per feed and measure, one evaluator thread that raises and resolves
 * alerts from stored observations, their lifecycle (raised, acknowledged, resolved) in the metadata store, and
 * {@code /api/alerts}.
 */
package org.madang.feeds.alert;
