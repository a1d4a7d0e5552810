package org.madang.office;

import java.time.Instant;

/**
 * One item of city news.
 *
 * @param published when the item was published (or last updated), or null when the feed does not say
 * @param source the title of the feed it came from
 */
record NewsItem(String title, String link, Instant published, String source, String summary) {}
