package org.madang.office.command;

/**
 * How far apart two spellings are: the Levenshtein distance between their letters, where a Hangul syllable counts as
 * its two or three jamo (초성, 중성, 종성), so 대기짊 is one edit from 대기질 (ㄺ for ㄹ) rather than one whole syllable
 * among three. Latin letters count one each; callers compare lower-cased keys without spaces.
 */
final class SpellingDistance {

  private static final int SYLLABLE_FIRST = 0xAC00;
  private static final int SYLLABLE_LAST = 0xD7A3;

  private SpellingDistance() {}

  static int between(String a, String b) {
    int[] x = letters(a);
    int[] y = letters(b);
    int[] previous = new int[y.length + 1];
    int[] current = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      current[0] = i;
      for (int j = 1; j <= y.length; j++) {
        int substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length];
  }

  /** The letters of a spelling: Hangul syllables as conjoining jamo, everything else as its code points. */
  static int[] letters(String s) {
    int[] out = new int[s.codePointCount(0, s.length()) * 3];
    int n = 0;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c >= SYLLABLE_FIRST && c <= SYLLABLE_LAST) {
        int index = c - SYLLABLE_FIRST;
        out[n++] = 0x1100 + index / 588;
        out[n++] = 0x1161 + (index % 588) / 28;
        if (index % 28 != 0) {
          out[n++] = 0x11A7 + index % 28;
        }
      } else {
        out[n++] = c;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** The length in letters (jamo for Hangul). */
  static int length(String s) {
    return letters(s).length;
  }
}
