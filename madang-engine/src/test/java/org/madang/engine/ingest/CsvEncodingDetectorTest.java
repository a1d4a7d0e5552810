package org.madang.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

class CsvEncodingDetectorTest {

  private static final Charset CP949 = Charset.forName("x-windows-949");

  @Test
  void tellsUtf8Utf8WithBomAndCp949Apart() {
    assertThat(CsvEncodingDetector.detect("위도,경도\n".getBytes(StandardCharsets.UTF_8), true, "f")).isEqualTo(TextEncoding.UTF_8);
    assertThat(CsvEncodingDetector.detect("a,b\n".getBytes(StandardCharsets.US_ASCII), true, "f")).isEqualTo(TextEncoding.UTF_8);
    byte[] bom = "\uFEFF위도".getBytes(StandardCharsets.UTF_8);
    assertThat(CsvEncodingDetector.detect(bom, true, "f")).isEqualTo(TextEncoding.UTF_8_BOM);
    assertThat(CsvEncodingDetector.detect("위도,경도,측정소명\n".getBytes(CP949), true, "f")).isEqualTo(TextEncoding.CP949);
  }

  @Test
  void forgivesACharacterCutByTheEndOfTheSample() {
    byte[] utf8 = "가나다".getBytes(StandardCharsets.UTF_8);
    byte[] cut = java.util.Arrays.copyOf(utf8, utf8.length - 1);
    assertThat(CsvEncodingDetector.detect(cut, false, "f")).isEqualTo(TextEncoding.UTF_8);
  }

  @Test
  void namesOffsetAndLineOfBytesNoEncodingReads() {
    byte[] bytes = {'a', '\n', 'b', '\n', 'c', (byte) 0xFF, 'd'};
    MadangException e = catchThrowableOfType(MadangException.class, () -> CsvEncodingDetector.detect(bytes, true, "f.csv"));
    assertThat(e.code()).isEqualTo(ErrorCode.UNDECODABLE_TEXT);
    assertThat(e.details()).containsEntry("offset", 5L).containsEntry("line", 3L);
    assertThat(e.getMessage()).isEqualTo("The file f.csv is neither UTF-8 nor CP949 text: byte 0xFF at offset 5 (line 3) cannot be decoded.");
  }

  @Test
  void refusesCp949DeclaredAsUtf8() {
    byte[] bytes = "a\n측정소\n".getBytes(CP949);
    MadangException e =
        catchThrowableOfType(MadangException.class, () -> CsvEncodingDetector.requireDecodable(TextEncoding.UTF_8, bytes, true, "f.csv"));
    assertThat(e.details()).containsEntry("line", 2L).containsEntry("suggestedEncoding", "CP949");
  }

  @Test
  void knowsTheNamesCallersUse() {
    assertThat(TextEncoding.named("euc-kr")).get().extracting(TextEncoding::charset).isEqualTo(CP949);
    assertThat(TextEncoding.named("MS949")).contains(TextEncoding.CP949);
    assertThat(TextEncoding.named("utf8")).contains(TextEncoding.UTF_8);
    assertThat(TextEncoding.named("latin-1")).isEmpty();
  }
}
