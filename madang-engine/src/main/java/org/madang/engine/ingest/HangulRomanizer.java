package org.madang.engine.ingest;

/**
 * Writes Hangul in Latin letters letter by letter after the Revised Romanization of Korean (2000) jamo tables, without
 * its sound-change rules: 위도 → {@code wido}, 측정소명 → {@code cheugjeongsomyeong}. That is what a column name
 * needs: stable, reversible enough to recognise, and ASCII. There is no Maven library for it, hence these tables.
 */
final class HangulRomanizer {

  private static final int SYLLABLE_FIRST = 0xAC00;
  private static final int SYLLABLE_LAST = 0xD7A3;

  private static final String[] INITIALS = {
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"
  };
  private static final String[] MEDIALS = {
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"
  };
  private static final String[] FINALS = {
    "", "g", "kk", "gs", "n", "nj", "nh", "d", "l", "lg", "lm", "lb", "ls", "lt", "lp", "lh", "m", "b", "bs", "s", "ss",
    "ng", "j", "ch", "k", "t", "p", "h"
  };
  // Hangul compatibility jamo ㄱ..ㅣ (U+3131..U+3163), as they appear alone in some headers.
  private static final String[] COMPATIBILITY_JAMO = {
    "g", "kk", "gs", "n", "nj", "nh", "d", "tt", "r", "lg", "lm", "lb", "ls", "lt", "lp", "lh", "m", "b", "pp", "bs", "s",
    "ss", "", "j", "jj", "ch", "k", "t", "p", "h", "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe",
    "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"
  };

  private HangulRomanizer() {}

  static boolean isHangul(char c) {
    return (c >= SYLLABLE_FIRST && c <= SYLLABLE_LAST) || (c >= 0x3131 && c <= 0x3163);
  }

  /** The text with every Hangul syllable or jamo replaced by its letters; other characters stay as they are. */
  static String romanize(String text) {
    StringBuilder out = new StringBuilder(text.length() * 3);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= SYLLABLE_FIRST && c <= SYLLABLE_LAST) {
        int index = c - SYLLABLE_FIRST;
        out.append(INITIALS[index / 588]).append(MEDIALS[(index % 588) / 28]).append(FINALS[index % 28]);
      } else if (c >= 0x3131 && c <= 0x3163) {
        out.append(COMPATIBILITY_JAMO[c - 0x3131]);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
