package org.madang.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

class CsvNormalizerTest {

  @TempDir Path dir;

  @Test
  void transcodesCp949ToUtf8WithLfLineEnds() throws IOException {
    Path in = Files.write(dir.resolve("in.csv"), "구,값\r\n종로구,\"1\r\n2\"\r\n\r\n중구,3\n".getBytes(Charset.forName("x-windows-949")));
    Path out = dir.resolve("out.csv");
    long records = new CsvNormalizer(TextEncoding.CP949, ',', '"', 2, "in.csv").normalize(in, out);
    assertThat(records).isEqualTo(3);
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo("구,값\n종로구,\"1\n2\"\n중구,3\n");
  }

  @Test
  void namesTheLineOfARaggedRecordAfterMultiLineFields() throws IOException {
    Path in = Files.writeString(dir.resolve("in.csv"), "a,b\n\"x\ny\",1\n2\n");
    MadangException e = catchThrowableOfType(MadangException.class, () -> new CsvNormalizer(TextEncoding.UTF_8, ',', '"', 2, "in.csv").normalize(in, null));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
    assertThat(e.details()).containsEntry("line", 4L).containsEntry("foundFields", 1);
  }

  @Test
  void namesOffsetAndLineOfUndecodableBytes() throws IOException {
    Path in = Files.write(dir.resolve("in.csv"), new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xC3, '(', '\n'});
    MadangException e = catchThrowableOfType(MadangException.class, () -> new CsvNormalizer(TextEncoding.UTF_8, ',', '"', 2, "in.csv").normalize(in, null));
    assertThat(e.code()).isEqualTo(ErrorCode.UNDECODABLE_TEXT);
    assertThat(e.details()).containsEntry("offset", 6L).containsEntry("line", 2L);
  }

  @Test
  void refusesAQuoteThatNeverCloses() throws IOException {
    Path in = Files.writeString(dir.resolve("in.csv"), "a,b\n1,\"open\n2,3\n");
    MadangException e = catchThrowableOfType(MadangException.class, () -> new CsvNormalizer(TextEncoding.UTF_8, ',', '"', 2, "in.csv").normalize(in, null));
    assertThat(e.details()).containsEntry("line", 2L);
  }
}
