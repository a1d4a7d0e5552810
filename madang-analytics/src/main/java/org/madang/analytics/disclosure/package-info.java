/**
 * Statistical disclosure control for tables of aggregates that leave the Big Data Campus: threshold and dominance
 * rules, secondary suppression so no suppressed cell can be worked out from the totals, and refusal of tables that
 * carry row-level identifiers.
 */
package org.madang.analytics.disclosure;
