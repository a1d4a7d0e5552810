package org.madang.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.SourceFormat;

class CsvDialectDetectorTest {

  private static CsvLayout detect(String text) {
    return CsvDialectDetector.detect(text, true, SourceFormat.CSV, 1024, "f.csv");
  }

  @Test
  void findsCommaSemicolonTabAndPipe() {
    assertThat(detect("a,b,c\n1,2,3\n").delimiter()).isEqualTo(',');
    assertThat(detect("a;b;c\n1;2,5;3\n").delimiter()).isEqualTo(';');
    assertThat(detect("a\tb\n1\t2\n").delimiter()).isEqualTo('\t');
    assertThat(detect("a|b\n1|2\n").delimiter()).isEqualTo('|');
  }

  @Test
  void respectsQuotedDelimitersAndLineBreaks() {
    CsvLayout layout = detect("관서명,절도 발생\r\n중부서,\"1,395\"\r\n\"종로\n서\",\"1,070\"\r\n");
    assertThat(layout.columns()).isEqualTo(2);
    assertThat(layout.sample()).hasSize(2);
    assertThat(layout.sample().get(1)).containsExactly("종로\n서", "1,070");
  }

  @Test
  void refusesAQuotedFieldThatNeverClosesNamingTheLineItOpens() {
    MadangException e = catchThrowableOfType(MadangException.class, () -> detect("이름,주소\n경복궁,\"사직로 161\n광화문,세종대로 172\n"));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
    assertThat(e.details()).containsEntry("line", 2L);
    assertThat(detect("이름,주소\n경복궁,\"사직로 161\"\"A\"\"\"\n").sample()).hasSize(1);
  }

  @Test
  void joinsMultiRowHeadersIntoOneLabelPerColumn() {
    CsvLayout layout =
        detect("기간\t자치구\t인구\t인구\n기간\t자치구\t합계\t합계\n기간\t자치구\t계\t남자\n2021\t종로구\t155106\t75009\n2021\t중구\t134635\t65000\n");
    assertThat(layout.headerRecords()).isEqualTo(3);
    assertThat(layout.firstDataLine()).isEqualTo(4);
    assertThat(layout.labels()).containsExactly("기간", "자치구", "인구 합계 계", "인구 합계 남자");
  }

  @Test
  void leavesTitleRowsOutOfTheLabels() {
    CsvLayout layout = detect("\"노인요양시설 현황\n\",,\n,,\n연번,기관명,정원\n1,A,10\n2,B,20\n3,C,30\n");
    assertThat(layout.headerRecords()).isEqualTo(3);
    assertThat(layout.labels()).containsExactly("연번", "기관명", "정원");
  }

  @Test
  void seesNoHeaderWhenTheFirstRowIsData() {
    assertThat(detect("1,2.5\n3,4.5\n5,6.5\n").headerRecords()).isZero();
    assertThat(detect("이름,주소\n광화문,종로\n").headerRecords()).isEqualTo(1);
  }

  @Test
  void refusesRaggedRowsAndTooManyColumnsInTheSample() {
    MadangException ragged = catchThrowableOfType(MadangException.class, () -> detect("a,b\n1,2\n3\n"));
    assertThat(ragged.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
    assertThat(ragged.details()).containsEntry("line", 3L);
    MadangException wide =
        catchThrowableOfType(MadangException.class, () -> CsvDialectDetector.detect("a,b,c\n1,2,3\n", true, SourceFormat.CSV, 2, "f.csv"));
    assertThat(wide.code()).isEqualTo(ErrorCode.TOO_MANY_COLUMNS);
  }
}
