package org.madang.cctv;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.madang.MadangProperties;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.stereotype.Component;

/**
 * Short-lived links to a camera's pictures: an HMAC-SHA256 (with {@code madang.cctv.link-secret}, or a random key made at
 * start) over the user, the camera, the kind of picture, the upstream part (an HLS segment, sealed with AES-GCM so its
 * address stays unreadable) and the expiry in epoch seconds. A link works for nobody else and for no other camera, part
 * or time; the upstream part is covered by the signature, so a viewer cannot point the proxy elsewhere. Thread-safe.
 */
@Component
class SignedLinks {

  /** What a link shows: a still picture, an MJPEG stream, an HLS playlist, or a part a playlist names. */
  enum Kind {
    SNAPSHOT, MJPEG, HLS, SEGMENT;

    String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A link's parts as they come back on a request. */
  record Link(String camera, Kind kind, String user, long expires, String ref, String signature) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] secret;
  private final SecretKeySpec refKey;
  private final Duration expiry;
  private final Clock clock;

  @org.springframework.beans.factory.annotation.Autowired
  SignedLinks(MadangProperties properties) {
    this(secretOf(properties.cctv().linkSecret()), properties.cctv().linkExpiry(), Clock.systemUTC());
  }

  SignedLinks(byte[] secret, Duration expiry, Clock clock) {
    this.secret = secret.clone();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
      this.refKey = new SecretKeySpec(mac.doFinal("cctv link ref key".getBytes(StandardCharsets.UTF_8)), 0, 16, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
    this.expiry = expiry;
    this.clock = clock;
  }

  private static byte[] secretOf(String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured.getBytes(StandardCharsets.UTF_8);
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return random;
  }

  Instant expiresFromNow() {
    return clock.instant().plus(expiry).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /** The path and query of a link for this user to this camera's picture, valid until {@code expires}. */
  String link(String user, String camera, Kind kind, String ref, Instant expires) {
    long exp = expires.getEpochSecond();
    ref = ref == null ? null : seal(ref);
    String sig = sign(user, camera, kind, ref, exp);
    StringBuilder b = new StringBuilder("/cctv/media/").append(encode(camera)).append('/').append(kind.code())
        .append("?user=").append(encode(user)).append("&exp=").append(exp);
    if (ref != null) {
      b.append("&ref=").append(encode(ref));
    }
    return b.append("&sig=").append(sig).toString();
  }

  /**
   * Checks a link on its way in.
   *
   * @param viewer the user signed in on this request, or null when the request carries no sign-in (an image tag)
   * @throws MadangException ACCESS_DENIED when the signature does not match, the link expired, or another user signed in
   *     uses it
   */
  void verify(Link link, String viewer) {
    String expected = sign(link.user(), link.camera(), link.kind(), link.ref(), link.expires());
    if (link.signature() == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), link.signature().getBytes(StandardCharsets.US_ASCII))) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "This video link is not valid.", Map.of("field", "sig"));
    }
    if (clock.instant().getEpochSecond() > link.expires()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "This video link expired; ask for the camera again.", Map.of("field", "exp"));
    }
    if (viewer != null && !viewer.equals(link.user())) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "This video link was given to another user.", Map.of("field", "user"));
    }
  }

  /**
   * The upstream address a link stands for, sealed (AES-GCM under a key derived from the link secret) so that the
   * camera's addresses do not reach the browser inside links either.
   */
  private String seal(String ref) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, refKey, new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(ref.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  /**
   * The upstream address of a verified link's {@code ref}.
   *
   * @throws MadangException ACCESS_DENIED when it was not sealed with this server's key
   */
  String openRef(String sealedRef) {
    try {
      byte[] in = Base64.getUrlDecoder().decode(sealedRef);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, refKey, new GCMParameterSpec(128, in, 0, 12));
      return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "This video link is not valid.", Map.of("field", "ref"));
    }
  }

  private String sign(String user, String camera, Kind kind, String ref, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      String message = user + '\n' + camera + '\n' + kind.code() + '\n' + (ref == null ? "" : ref) + '\n' + expires;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
