package org.madang.directives;

/**
 * Published after a directive changed (issued, moved, marked overdue, commented, a file attached, a call made), once
 * the change is committed.
 *
 * @param kind {@code issued}, {@code status}, {@code overdue}, {@code comment}, {@code attachment} or {@code call}
 * @param actor who did it ({@code madang} for the overdue job)
 */
public record DirectiveChanged(Directive directive, String kind, String actor) {}
