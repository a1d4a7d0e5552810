package org.madang.directives.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.accounts.Viewer;
import org.madang.catalog.CatalogRepository;
import org.madang.directives.OrganizationDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signaling server spoken to directly over WebSocket, as a browser's session would (signed in through the login
 * form): anonymous handshakes are refused, a user who may not talk about the directive is refused, offers and ICE are
 * relayed to the other side as sent, a third person is told the call is busy, and a hang-up reaches the other side
 * and is recorded with caller and callee.
 */
@DemoCityTest
class CallSignalingTest {

  static final String PASSWORD = "signal-password-long";

  @LocalServerPort int port;

  @BeforeAll
  static void users(@Autowired UserDirectory users, @Autowired CatalogRepository catalog, @Autowired OrganizationDirectory directory) {
    if (users.findByUsername("sig-official").isEmpty()) {
      users.createUser("sig-official", PASSWORD, EnumSet.of(Role.OFFICIAL), null, "신호공무원");
      users.createUser("sig-official2", PASSWORD, EnumSet.of(Role.OFFICIAL), null, "신호공무원2");
      users.createUser("sig-member", PASSWORD, EnumSet.of(Role.STEWARD), catalog.findOrganization("safety").orElseThrow().id(), "신호안전");
      users.createUser("sig-citizen", PASSWORD, EnumSet.of(Role.CITIZEN), null, "신호시민");
      directory.addMember(new Viewer("admin", EnumSet.of(Role.ADMIN), null), "safety", "sig-member");
    }
  }

  @Test
  void onlyThoseWhoMayTalkJoinAndTheSignalsGoToTheOtherSide() throws Exception {
    ApiClient api = ApiClient.basic(port, "sig-official", PASSWORD);
    long id = ApiClient.json(api.postJson("/api/directives", """
        {"title": "신호 확인", "department": "safety", "target": {"kind": "district", "ref": "11110"}}""")).path("id").asLong();

    assertThatThrownBy(() -> socket(null)).as("an anonymous handshake is sent to sign in, never upgraded")
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(302));

    Signals citizen = socket(session("sig-citizen"));
    citizen.send("{\"type\": \"join\", \"directive\": " + id + "}");
    assertThat(citizen.next().path("type").asString()).isEqualTo("refused");
    assertThat(citizen.closedWith()).isEqualTo(4403);

    Signals caller = socket(session("sig-official"));
    caller.send("{\"type\": \"join\", \"directive\": " + id + "}");
    assertThat(caller.next().path("role").asString()).isEqualTo("caller");
    Signals callee = socket(session("sig-member"));
    callee.send("{\"type\": \"join\", \"directive\": " + id + "}");
    assertThat(callee.next().path("role").asString()).isEqualTo("callee");
    assertThat(callee.next("peer").path("user").asString()).isEqualTo("sig-official");
    assertThat(caller.next().path("type").asString()).isEqualTo("peer-joined");

    caller.send("{\"type\": \"offer\", \"sdp\": {\"type\": \"offer\", \"sdp\": \"v=0\"}}");
    assertThat(callee.next("offer").path("sdp").path("sdp").asString()).isEqualTo("v=0");
    callee.send("{\"type\": \"ice\", \"candidate\": {\"candidate\": \"candidate:1 1 udp 1 127.0.0.1 5000 typ host\"}}");
    assertThat(caller.next().path("candidate").path("candidate").asString()).contains("127.0.0.1");

    Signals third = socket(session("sig-official2"));
    third.send("{\"type\": \"join\", \"directive\": " + id + "}");
    assertThat(third.next().path("type").asString()).isEqualTo("busy");

    callee.send("{\"type\": \"connected\"}");
    callee.send("{\"type\": \"hangup\"}");
    assertThat(caller.next().path("type").asString()).isEqualTo("hangup");
    JsonNode calls = ApiClient.json(api.get("/api/directives/" + id)).path("calls");
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).path("caller").asString()).isEqualTo("sig-official");
    assertThat(calls.get(0).path("callee").asString()).isEqualTo("sig-member");
    assertThat(calls.get(0).path("ended_at").isNull()).isFalse();
  }

  /** Signs in through the login form and returns the session cookie. */
  private String session(String user) throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    String page = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(csrf.find()).isTrue();
    String form = "username=" + user + "&password=" + PASSWORD + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
    return ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("JSESSIONID")).findFirst().orElseThrow().toString();
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private Signals socket(String cookie) throws Exception {
    Signals signals = new Signals();
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (cookie != null) {
      builder.header("Cookie", cookie);
    }
    signals.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/calls/signal"), signals).get(10, TimeUnit.SECONDS);
    return signals;
  }

  /** One side of a call: what it receives, in order. */
  private static final class Signals implements WebSocket.Listener {
    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
    final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(JsonMapper.shared().readTree(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.add(statusCode);
      return null;
    }

    void send(String json) {
      socket.sendText(json, true).join();
    }

    JsonNode next() throws InterruptedException {
      JsonNode m = received.poll(10, TimeUnit.SECONDS);
      assertThat(m).as("a message").isNotNull();
      return m;
    }

    JsonNode next(String type) throws InterruptedException {
      JsonNode m = next();
      assertThat(m.path("type").asString()).isEqualTo(type);
      return m;
    }

    int closedWith() throws InterruptedException {
      Integer code = closed.poll(10, TimeUnit.SECONDS);
      assertThat(code).as("closed").isNotNull();
      return code;
    }
  }
}
