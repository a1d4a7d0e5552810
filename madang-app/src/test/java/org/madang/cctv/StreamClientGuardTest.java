package org.madang.cctv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard: the server requests no loopback, private, link-local, multicast or unspecified address unless a
 * configured block allows it, whether the address is written in the URL, is what a DNS name resolves to, or is where a
 * redirect leads; only http and https.
 */
class StreamClientGuardTest {

  static StreamFixture fixture;

  @BeforeAll
  static void serve() throws Exception {
    fixture = new StreamFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static StreamClient client(List<String> allowed) {
    return new StreamClient(AddressPolicy.allowing(allowed), Duration.ofSeconds(2), Duration.ofSeconds(2), 3);
  }

  @Test
  void refusesLoopbackPrivateLinkLocalMulticastAndUnspecifiedAddresses() throws Exception {
    AddressPolicy policy = AddressPolicy.allowing(List.of());
    for (String a : List.of("127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.5", "192.168.1.1", "169.254.169.254", "224.0.0.1", "0.0.0.0", "100.64.1.1",
        "::1", "fe80::1", "fd00::1", "255.255.255.255")) {
      assertThat(policy.refusal(InetAddress.getByName(a))).as(a).isPresent();
    }
    assertThat(policy.refusal(InetAddress.getByName("8.8.8.8"))).isEmpty();
    assertThat(policy.refusal(InetAddress.getByName("211.43.1.1"))).isEmpty();
  }

  @Test
  void aConfiguredBlockAllowsItsAddressesOnly() throws Exception {
    AddressPolicy policy = AddressPolicy.allowing(List.of("10.20.0.0/16"));
    assertThat(policy.refusal(InetAddress.getByName("10.20.3.4"))).isEmpty();
    assertThat(policy.refusal(InetAddress.getByName("10.21.3.4"))).isPresent();
    assertThatThrownBy(() -> AddressPolicy.allowing(List.of("10.20.0.0/33"))).hasMessageContaining("allowed-private-networks");
    assertThatThrownBy(() -> AddressPolicy.allowing(List.of("intranet"))).hasMessageContaining("allowed-private-networks");
  }

  @Test
  void refusesLiteralPrivateAddressesBeforeAnyRequest() {
    try (StreamClient client = client(List.of())) {
      for (String url : List.of("http://127.0.0.1:" + fixture.port() + "/snapshot.jpg", "http://10.0.0.1/cam.jpg", "http://169.254.169.254/latest/meta-data/",
          "http://[::1]/x")) {
        assertThatThrownBy(() -> client.fetch(URI.create(url), 1 << 20)).as(url)
            .isInstanceOfSatisfying(StreamClient.CameraUnavailable.class, e -> assertThat(e.refused()).isTrue());
      }
      assertThat(client.check(URI.create("rtsp://cam.example/stream")).reason()).contains("http");
      assertThat(client.check(URI.create("file:///etc/passwd")).reason()).contains("http");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void refusesADnsNameThatResolvesToLoopback() throws Exception {
    int before = fixture.requests.get();
    try (StreamClient client = client(List.of())) {
      assertThatThrownBy(() -> client.fetch(URI.create("http://localhost:" + fixture.port() + "/snapshot.jpg"), 1 << 20))
          .isInstanceOfSatisfying(StreamClient.CameraUnavailable.class, e -> {
            assertThat(e.refused()).isTrue();
            assertThat(e.getMessage()).contains("localhost resolves to").contains("loopback");
          });
    }
    assertThat(fixture.requests.get()).isEqualTo(before);
  }

  @Test
  void checksARedirectsTargetAgain() throws Exception {
    try (StreamClient client = client(List.of("127.0.0.1/32"))) {
      assertThat(client.fetch(URI.create(fixture.url("/redirect-to-snapshot")), 1 << 20).body()).isEqualTo(StreamFixture.JPEG);
      assertThatThrownBy(() -> client.fetch(URI.create(fixture.url("/redirect-to-metadata")), 1 << 20))
          .isInstanceOfSatisfying(StreamClient.CameraUnavailable.class, e -> {
            assertThat(e.refused()).isTrue();
            assertThat(e.getMessage()).contains("169.254.169.254").contains("link-local");
          });
    }
  }

  @Test
  void refusesABodyLargerThanItsLimitAndAClosedPortQuickly() throws Exception {
    try (StreamClient client = client(List.of("127.0.0.1/32"))) {
      assertThatThrownBy(() -> client.fetch(URI.create(fixture.url("/snapshot.jpg")), 100)).isInstanceOf(StreamClient.CameraUnavailable.class)
          .hasMessageContaining("more than 100 bytes");
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.fetch(URI.create("http://127.0.0.1:1/none.jpg"), 1 << 20)).isInstanceOfSatisfying(StreamClient.CameraUnavailable.class,
          e -> assertThat(e.refused()).isFalse());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void takesTheFirstFrameOfAnEndlessMjpegStreamAndLetsGo() throws Exception {
    try (StreamClient client = client(List.of("127.0.0.1/32")); StreamClient.Opened opened = client.open(URI.create(fixture.url("/stream.mjpeg")))) {
      assertThat(MjpegFrames.next(new java.io.BufferedInputStream(opened.body()), 1 << 20)).isEqualTo(StreamFixture.JPEG);
    }
  }
}
