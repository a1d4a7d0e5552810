/**
 * The dashboard's command bar: short Korean and English commands ("강남구 대기질 보여줘", "show traffic in Jongno-gu")
 * parsed into dashboard actions by {@link org.madang.office.command.CommandParser} over the running city's names
 * ({@link org.madang.office.command.CommandVocabulary}), with "did you mean" suggestions for what it cannot read.
 */
package org.madang.office.command;
