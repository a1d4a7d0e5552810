package org.madang.office.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The command endpoint over real HTTP on the demo city, with the names of the running city (its boundaries, its
 * indicator registry, its catalog's departments): commands become actions, a misspelt one gets "did you mean", the
 * citizens' view is offered no calls, and an empty or over-long command is a 400 naming {@code q}.
 */
@DemoCityTest
class CommandApiTest {

  @LocalServerPort int port;

  private JsonNode parse(String q, String audience) {
    HttpResponse<String> response = ApiClient.anonymous(port).get("/api/office/commands/parse?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
        + (audience == null ? "" : "&audience=" + audience));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ApiClient.json(response);
  }

  @Test
  void readsCommandsWithTheRunningCitysNames() {
    JsonNode gangnam = parse("강남구 교통 보여줘", null);
    assertThat(gangnam.get("understood").asBoolean()).isTrue();
    assertThat(gangnam.get("action").asString()).isEqualTo("layer");
    assertThat(gangnam.get("layer").asString()).isEqualTo("traffic");
    assertThat(gangnam.get("district").get("code").asString()).isEqualTo("11680");
    assertThat(gangnam.get("district").get("name_en").asString()).isEqualTo("Gangnam-gu");

    JsonNode theme = parse("지표 숨쉬는 서울", null);
    assertThat(theme.get("action").asString()).isEqualTo("theme");
    assertThat(theme.get("theme").get("code").asString()).isEqualTo("breathing");

    JsonNode indicator = parse("show traffic accidents in Songpa", null);
    assertThat(indicator.get("action").asString()).isEqualTo("indicator");
    assertThat(indicator.get("indicator").get("code").asString()).isEqualTo("safe-traffic-accidents");
    assertThat(indicator.get("district").get("code").asString()).isEqualTo("11710");

    JsonNode call = parse("call the transport department", null);
    assertThat(call.get("action").asString()).isEqualTo("call");
    assertThat(call.get("department").get("code").asString()).isEqualTo("transportation");
    assertThat(call.get("department").get("name").asString()).isEqualTo("도시교통실");
  }

  @Test
  void aPostedCommandIsReadTheSameWay() {
    HttpResponse<String> response = ApiClient.anonymous(port).postJson("/api/office/commands/parse", "{\"q\": \"show air quality in Jongno-gu\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode c = ApiClient.json(response);
    assertThat(c.get("layer").asString()).isEqualTo("air");
    assertThat(c.get("district").get("code").asString()).isEqualTo("11110");
  }

  @Test
  void aMisspeltCommandGetsDidYouMeanNotAnError() {
    JsonNode c = parse("강남구 대기짊", null);
    assertThat(c.get("understood").asBoolean()).isFalse();
    assertThat(c.get("action").asString()).isEqualTo("unknown");
    assertThat(c.get("reason").asString()).isEqualTo("misspelt");
    assertThat(c.get("suggestions").get(0).asString()).isEqualTo("강남구 대기질");

    JsonNode english = parse("show trafic in jongro", null);
    assertThat(english.get("suggestions").get(0).asString()).isEqualTo("show traffic in Jongno-gu");

    JsonNode nonsense = parse("xyzzy plugh", null);
    assertThat(nonsense.get("reason").asString()).isEqualTo("not_understood");
    assertThat(nonsense.get("suggestions").size()).isPositive();
  }

  @Test
  void theCitizensViewIsOfferedNoCalls() {
    JsonNode c = parse("call the police", "public");
    assertThat(c.get("understood").asBoolean()).isFalse();
    assertThat(c.get("reason").asString()).isEqualTo("office_only");
    assertThat(parse("강남구 대기질", "public").get("action").asString()).isEqualTo("layer");
  }

  @Test
  void anEmptyOrOverlongCommandIsABadRequestNamingQ() {
    ApiClient api = ApiClient.anonymous(port);
    for (HttpResponse<String> response : java.util.List.of(
        api.get("/api/office/commands/parse"),
        api.get("/api/office/commands/parse?q=%20%20"),
        api.get("/api/office/commands/parse?q=" + "a".repeat(CommandParser.MAX_LENGTH + 1)),
        api.postJson("/api/office/commands/parse", "{\"q\": 42}"),
        api.postJson("/api/office/commands/parse", "{}"))) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      assertThat(ApiClient.json(response).get("field").asString()).as(response.body()).isEqualTo("q");
    }
  }
}
