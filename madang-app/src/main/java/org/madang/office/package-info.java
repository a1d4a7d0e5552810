/**
 * The Mayor's Office: the one-screen city dashboard for officials ({@code /office}, wall mode {@code ?wall=1}) and the
 * same views read-only for citizens ({@code /public}), with the city's live status from the feeds, major projects,
 * city news read from RSS/Atom feeds, district drill-downs, and the catalog's own changes as an Atom feed.
 */
package org.madang.office;
