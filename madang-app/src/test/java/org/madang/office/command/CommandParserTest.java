package org.madang.office.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The grammar of docs/COMMANDS.md as a table of utterances and the actions they give, Korean and English, over the
 * Seoul demo's names (its 25 districts, the dashboard's layers, some of its indicators, its five themes and seven
 * departments), then misspellings and nonsense with the "did you mean" they get.
 */
class CommandParserTest {

  static final CommandVocabulary SEOUL = seoul();

  static CommandVocabulary seoul() {
    CommandVocabulary.Builder b = CommandVocabulary.builder();
    String[][] districts = {
      {"11320", "도봉구", "Dobong-gu"}, {"11380", "은평구", "Eunpyeong-gu"}, {"11230", "동대문구", "Dongdaemun-gu"}, {"11590", "동작구", "Dongjak-gu"},
      {"11545", "금천구", "Geumcheon-gu"}, {"11530", "구로구", "Guro-gu"}, {"11110", "종로구", "Jongno-gu"}, {"11305", "강북구", "Gangbuk-gu"},
      {"11260", "중랑구", "Jungnang-gu"}, {"11680", "강남구", "Gangnam-gu"}, {"11500", "강서구", "Gangseo-gu"}, {"11140", "중구", "Jung-gu"},
      {"11740", "강동구", "Gangdong-gu"}, {"11215", "광진구", "Gwangjin-gu"}, {"11440", "마포구", "Mapo-gu"}, {"11620", "관악구", "Gwanak-gu"},
      {"11650", "서초구", "Seocho-gu"}, {"11290", "성북구", "Seongbuk-gu"}, {"11350", "노원구", "Nowon-gu"}, {"11710", "송파구", "Songpa-gu"},
      {"11200", "성동구", "Seongdong-gu"}, {"11410", "서대문구", "Seodaemun-gu"}, {"11470", "양천구", "Yangcheon-gu"},
      {"11560", "영등포구", "Yeongdeungpo-gu"}, {"11170", "용산구", "Yongsan-gu"}};
    for (String[] d : districts) {
      b.district(d[0], d[1], d[2]);
    }
    b.liveLayers();
    b.theme("warm", "따뜻한 서울", "Warm Seoul").theme("safe", "안전한 서울", "Safe Seoul").theme("dreaming", "꿈꾸는 서울", "Dreaming Seoul")
        .theme("breathing", "숨쉬는 서울", "Breathing Seoul").theme("open", "열린 서울", "Open Seoul");
    b.indicator("safe-traffic-deaths", "교통사고 사망자 수", "Traffic deaths")
        .indicator("safe-traffic-accidents", "교통사고 발생건수", "Traffic accidents")
        .indicator("safe-bicycle-accidents", "자전거 교통사고 발생건수", "Bicycle accidents")
        .indicator("safe-senior-pedestrian-accidents", "노인 보행 교통사고 건수", "Traffic accidents with senior pedestrians")
        .indicator("safe-cctv-cameras", "CCTV 설치 대수", "CCTV cameras installed")
        .indicator("breathing-pm25-mean", "초미세먼지(PM2.5) 연평균 농도", "Annual mean PM2.5")
        .indicator("breathing-bike-stations", "따릉이 대여소 수", "Public bike (Ttareungyi) stations")
        .indicator("warm-senior-welfare-centres", "노인복지관 수", "Senior welfare centres")
        .indicator("dreaming-resident-population", "주민등록인구", "Registered population");
    b.department("urban-planning", "도시계획국", "Urban Planning Bureau").department("climate-environment", "기후환경본부", "Climate and Environment Headquarters")
        .department("administration", "행정국", "Administration Bureau").department("safety", "안전총괄실", "Safety Management Office")
        .department("transportation", "도시교통실", "Urban Transportation Office").department("welfare", "복지정책실", "Welfare Policy Office")
        .department("police", "서울경찰청", "Seoul Metropolitan Police Agency");
    return b.build();
  }

  private final CommandParser parser = new CommandParser(SEOUL);

  /** what: the layer, indicator, theme or department code, the language, or the wall flag. */
  @ParameterizedTest(name = "{0} → {1} {2} {3}")
  @CsvSource(delimiter = '|', nullValues = "", textBlock = """
      강남구 대기질 보여줘             | layer          | 11680 | air
      show traffic in Jongno-gu       | layer          | 11110 | traffic
      지표 숨쉬는 서울                 | theme          |       | breathing
      open alerts                     | alerts         |       |
      call the transport department   | call           |       | transportation
      종로구 교통                      | layer          | 11110 | traffic
      강남 교통 보여줘                 | layer          | 11680 | traffic
      show air quality in Gangnam     | layer          | 11680 | air
      wall mode                       | wall           |       | true
      next layer                      | next_layer     |       |
      zoom in                         | zoom_in        |       |
      English                         | language       |       | en
      한국어                           | language       |       | ko
      강남구의 대기질을 보여 주세요     | layer          | 11680 | air
      종로구에서 혼잡도                 | layer          | 11110 | crowding
      마포구 교통 상황 알려줘           | layer          | 11440 | traffic
      서초구 보여줘                    | district       | 11650 |
      Jung-gu                         | district       | 11140 |
      show me jongno gu               | district       | 11110 |
      중구 미세먼지                     | layer          | 11140 | air
      지표 교통사고                     | indicator      |       | safe-traffic-accidents
      show accidents in Gangnam-gu    | indicator      | 11680 | safe-traffic-accidents
      indicator breathing seoul       | theme          |       | breathing
      지표 따뜻한 서울                  | theme          |       | warm
      show the open seoul theme       | theme          |       | open
      경보 열어줘                       | alerts         |       |
      강남구 경보                       | alerts         | 11680 |
      다음 레이어                       | next_layer     |       |
      previous layer                  | previous_layer |       |
      확대                             | zoom_in        |       |
      zoom out                        | zoom_out       |       |
      축소해줘                          | zoom_out       |       |
      월 모드                           | wall           |       | true
      exit wall mode                  | wall           |       | false
      영어로 바꿔줘                     | language       |       | en
      한국어로                          | language       |       | ko
      교통 부서에 전화해줘               | call           |       | transportation
      call the police                 | call           |       | police
      기후환경본부 연결해줘               | call           |       | climate-environment
      닫기                             | close          |       |
      초미세먼지 연평균 농도              | indicator      |       | breathing-pm25-mean
      강남구 노인복지관 수                | indicator      | 11680 | warm-senior-welfare-centres
      show crowding in Mapo           | layer          | 11440 | crowding
      congestion in Gangseo-gu        | layer          | 11500 | crowding
      전체 보기                          | zoom_reset     |       |
      GANGNAM-GU TRAFFIC              | layer          | 11680 | traffic
      송파구 도로 소통 보여주세요          | layer          | 11710 | traffic
      영등포구를 보여줘                   | district       | 11560 |
      show bike stations              | indicator      |       | breathing-bike-stations
      혼잡한 곳 보여줘                   | layer          |       | crowding
      """)
  void readsTheCommand(String utterance, String action, String district, String what) {
    Command c = parser.parse(utterance);
    assertThat(c.action().code()).as("%s: %s", utterance, c.json()).isEqualTo(action);
    assertThat(c.district() == null ? null : c.district().code()).as("%s district", utterance).isEqualTo(district);
    String got = switch (c.action()) {
      case LAYER -> c.layer();
      case INDICATOR -> c.indicator().code();
      case THEME -> c.theme().code();
      case CALL -> c.department().code();
      case LANGUAGE -> c.language();
      case WALL -> String.valueOf(c.wall());
      default -> null;
    };
    assertThat(got).as("%s: %s", utterance, c.json()).isEqualTo(what);
  }

  @ParameterizedTest(name = "{0} → did you mean {1}")
  @CsvSource(delimiter = '|', textBlock = """
      강남구 대기짊              | 강남구 대기질
      show trafic in jongro     | show traffic in Jongno-gu
      종노구 교통                 | 종로구 교통
      강남구 교퉁 보여줘           | 강남구 교통 보여줘
      show allerts              | show alerts
      show air qualty in Mapo   | show air quality in Mapo
      지표 숨쉬는 서을             | 지표 숨쉬는 서울
      """)
  void aMisspeltCommandIsNotCarriedOutButCorrected(String utterance, String suggestion) {
    Command c = parser.parse(utterance);
    assertThat(c.action()).as("%s: %s", utterance, c.json()).isEqualTo(CommandAction.UNKNOWN);
    assertThat(c.reason()).isEqualTo("misspelt");
    assertThat(c.suggestions()).as(utterance).first().isEqualTo(suggestion);
  }

  @Test
  void nonsenseGetsExampleCommandsInItsOwnLanguage() {
    Command english = parser.parse("xyzzy plugh");
    assertThat(english.action()).isEqualTo(CommandAction.UNKNOWN);
    assertThat(english.reason()).isEqualTo("not_understood");
    assertThat(english.suggestions()).contains("open alerts").allSatisfy(s -> assertThat(parser.parse(s).understood()).as(s).isTrue());

    Command korean = parser.parse("아무말 대잔치");
    assertThat(korean.action()).isEqualTo(CommandAction.UNKNOWN);
    assertThat(korean.suggestions()).contains("경보 열어줘").allSatisfy(s -> assertThat(parser.parse(s).understood()).as(s).isTrue());
  }

  @Test
  void aCallToNoKnownDepartmentListsTheDepartments() {
    Command c = parser.parse("call the zzzz");
    assertThat(c.action()).isEqualTo(CommandAction.UNKNOWN);
    assertThat(c.reason()).isEqualTo("no_department");
    assertThat(c.suggestions()).contains("call the Urban Transportation Office");
    assertThat(parser.parse(c.suggestions().get(0)).action()).isEqualTo(CommandAction.CALL);
  }

  @Test
  void wordsLikeNoKnownNameAreIgnoredAndSaidSo() {
    Command c = parser.parse("please show traffic in Gangnam-gu right now");
    assertThat(c.action()).isEqualTo(CommandAction.LAYER);
    assertThat(c.ignored()).containsExactly("right");
  }

  @Test
  void anythingAtAllGivesAnAnswerNeverAnException() {
    for (String s : List.of("", "   ", "!!!", "-", "구", "의", "call", "지표", "zoom", "ㄱㄴㄷ", "🙂🙂", "a".repeat(200), "강남구".repeat(60),
        "\u0000\u0001", "wall wall wall", "next previous")) {
      Command c = parser.parse(s);
      assertThat(c).as(s).isNotNull();
      assertThat(c.json()).containsKey("action");
    }
    assertThat(parser.parse(null).action()).isEqualTo(CommandAction.UNKNOWN);
  }
}
