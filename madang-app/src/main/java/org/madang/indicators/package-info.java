/**
 * The city's master-plan indicators: a registry (code, theme, owner department, unit, polarity, baseline, yearly
 * targets, source) whose values come from read-only SQL over catalog datasets, from the owner department's officials,
 * or from the platform's own records; their history, achievement and status ({@link org.madang.indicators.AchievementRule}),
 * exports, and citizens' guesses whether a target will be met.
 */
package org.madang.indicators;
