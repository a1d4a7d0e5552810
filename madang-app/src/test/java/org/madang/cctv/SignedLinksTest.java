package org.madang.cctv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.madang.engine.MadangException;

/** A signed video link works for its user, camera, part and time only. */
class SignedLinksTest {

  private final Instant now = Instant.parse("2026-11-26T03:00:00Z");
  private final SignedLinks links = new SignedLinks("secret".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(120), Clock.fixed(now, ZoneOffset.UTC));

  private static SignedLinks.Link parse(String link) {
    URI uri = URI.create("http://x" + link);
    String[] path = uri.getPath().split("/");
    Map<String, String> q = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      q.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return new SignedLinks.Link(path[3], SignedLinks.Kind.valueOf(path[4].toUpperCase()), q.get("user"), Long.parseLong(q.get("exp")), q.get("ref"),
        q.get("sig"));
  }

  @Test
  void aLinkWorksForItsUserUntilItExpires() {
    String text = links.link("official-kim", "cam-1", SignedLinks.Kind.SEGMENT, "http://cam/seg0.ts", links.expiresFromNow());
    assertThat(text).doesNotContain("cam%2Fseg0").doesNotContain("cam/seg0");
    SignedLinks.Link link = parse(text);
    assertThat(links.openRef(link.ref())).isEqualTo("http://cam/seg0.ts");
    assertThatCode(() -> links.verify(link, "official-kim")).doesNotThrowAnyException();
    assertThatCode(() -> links.verify(link, null)).doesNotThrowAnyException();

    SignedLinks later = new SignedLinks("secret".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(120), Clock.fixed(now.plusSeconds(121), ZoneOffset.UTC));
    assertThatThrownBy(() -> later.verify(link, null)).isInstanceOf(MadangException.class).hasMessageContaining("expired");
  }

  @Test
  void aChangedUserCameraPartExpiryOrSignatureIsRefused() {
    SignedLinks.Link l = parse(links.link("official-kim", "cam-1", SignedLinks.Kind.SEGMENT, "http://cam/seg0.ts", links.expiresFromNow()));
    for (SignedLinks.Link forged : new SignedLinks.Link[] {
        new SignedLinks.Link(l.camera(), l.kind(), "citizen-lee", l.expires(), l.ref(), l.signature()),
        new SignedLinks.Link("cam-2", l.kind(), l.user(), l.expires(), l.ref(), l.signature()),
        new SignedLinks.Link(l.camera(), l.kind(), l.user(), l.expires(), "http://169.254.169.254/", l.signature()),
        new SignedLinks.Link(l.camera(), SignedLinks.Kind.SNAPSHOT, l.user(), l.expires(), l.ref(), l.signature()),
        new SignedLinks.Link(l.camera(), l.kind(), l.user(), l.expires() + 3600, l.ref(), l.signature()),
        new SignedLinks.Link(l.camera(), l.kind(), l.user(), l.expires(), l.ref(), "AAAA" + l.signature().substring(4)),
        new SignedLinks.Link(l.camera(), l.kind(), l.user(), l.expires(), l.ref(), null)}) {
      assertThatThrownBy(() -> links.verify(forged, null)).isInstanceOf(MadangException.class).hasMessageContaining("not valid");
    }
    assertThatThrownBy(() -> links.verify(l, "someone-else")).isInstanceOf(MadangException.class).hasMessageContaining("another user");
    SignedLinks otherKey = new SignedLinks("other".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(120), Clock.fixed(now, ZoneOffset.UTC));
    assertThatThrownBy(() -> otherKey.verify(l, null)).isInstanceOf(MadangException.class);
  }
}
