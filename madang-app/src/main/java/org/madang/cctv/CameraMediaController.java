package org.madang.cctv;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.madang.MadangProperties;
import org.madang.accounts.Viewer;
import org.madang.audit.AuditTrail;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /cctv/media/{camera}/{kind}?user=&exp=[&ref=]&sig=}: a camera's pictures through the platform, for the
 * holder of a link {@link SignedLinks} made (an image or video tag carries no sign-in; a request that does carry one
 * must be the link's user). {@code snapshot} is one JPEG, {@code mjpeg} the camera's MJPEG stream (or the test pattern)
 * for at most {@code madang.cctv.max-stream-duration}, {@code hls} the camera's playlist with every URI replaced by a
 * signed link, {@code segment} one part a playlist named. The camera's own address never reaches the browser. A camera
 * that does not answer gives 502 problem+json with the reason, never a hang.
 */
@RestController
class CameraMediaController {

  private static final String BOUNDARY = "madangframe";

  private final SignedLinks links;
  private final CameraRegistry registry;
  private final CameraPictures pictures;
  private final StreamClient streams;
  private final AuditTrail audit;
  private final MadangProperties.Cctv settings;

  CameraMediaController(SignedLinks links, CameraRegistry registry, CameraPictures pictures, StreamClient streams, AuditTrail audit,
      MadangProperties properties) {
    this.links = links;
    this.registry = registry;
    this.pictures = pictures;
    this.streams = streams;
    this.audit = audit;
    this.settings = properties.cctv();
  }

  @GetMapping("/cctv/media/{camera}/snapshot")
  ResponseEntity<byte[]> snapshot(@PathVariable String camera, @RequestParam String user, @RequestParam long exp,
      @RequestParam(required = false) String sig) {
    Camera c = admit(new SignedLinks.Link(camera, SignedLinks.Kind.SNAPSHOT, user, exp, null, sig));
    CameraPictures.Picture picture = pictures.snapshot(c);
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.parseMediaType(picture.contentType()))
        .header("X-Frame-Taken-At", picture.takenAt().toString()).body(picture.jpeg());
  }

  @GetMapping("/cctv/media/{camera}/mjpeg")
  void mjpeg(@PathVariable String camera, @RequestParam String user, @RequestParam long exp, @RequestParam(required = false) String sig,
      HttpServletResponse response) throws IOException {
    Camera c = admit(new SignedLinks.Link(camera, SignedLinks.Kind.MJPEG, user, exp, null, sig));
    long until = System.nanoTime() + settings.maxStreamDuration().toNanos();
    if (c.streamKind() == Camera.StreamKind.TEST_PATTERN) {
      response.setContentType("multipart/x-mixed-replace; boundary=" + BOUNDARY);
      response.setHeader("Cache-Control", "no-store");
      OutputStream out = response.getOutputStream();
      try {
        while (System.nanoTime() < until) {
          byte[] frame = TestPattern.frame(c.id(), Instant.now());
          out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + frame.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(frame);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          Thread.sleep(500);
        }
      } catch (IOException | InterruptedException viewerLeft) {
        // the page closed the stream
      }
      return;
    }
    if (c.streamKind() != Camera.StreamKind.MJPEG) {
      throw new MadangException(ErrorCode.NOT_FOUND, "Camera " + c.id() + " has no MJPEG stream.", Map.of("field", "kind"));
    }
    try (StreamClient.Opened upstream = streams.open(URI.create(c.streamUrl()))) {
      String type = upstream.contentType();
      response.setContentType(type != null && type.startsWith("multipart/") ? type : "multipart/x-mixed-replace");
      response.setHeader("Cache-Control", "no-store");
      InputStream in = new BufferedInputStream(upstream.body(), 65536);
      OutputStream out = response.getOutputStream();
      byte[] buffer = new byte[16384];
      int n;
      try {
        while (System.nanoTime() < until && (n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException brokenOff) {
        // the camera or the viewer went away; the page asks again
      }
    }
  }

  @GetMapping("/cctv/media/{camera}/hls")
  ResponseEntity<String> hls(@PathVariable String camera, @RequestParam String user, @RequestParam long exp, @RequestParam(required = false) String ref,
      @RequestParam(required = false) String sig) {
    Camera c = admit(new SignedLinks.Link(camera, SignedLinks.Kind.HLS, user, exp, ref, sig));
    if (c.streamKind() != Camera.StreamKind.HLS) {
      throw new MadangException(ErrorCode.NOT_FOUND, "Camera " + c.id() + " has no HLS stream.", Map.of("field", "kind"));
    }
    URI uri = URI.create(ref == null ? c.streamUrl() : links.openRef(ref));
    String text = pictures.playlist(uri);
    Instant expires = Instant.ofEpochSecond(exp);
    String rewritten = HlsPlaylist.rewrite(text, uri, (absolute, playlist) ->
        links.link(user, c.id(), playlist ? SignedLinks.Kind.HLS : SignedLinks.Kind.SEGMENT, absolute, expires));
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.parseMediaType("application/vnd.apple.mpegurl")).body(rewritten);
  }

  @GetMapping("/cctv/media/{camera}/segment")
  ResponseEntity<byte[]> segment(@PathVariable String camera, @RequestParam String user, @RequestParam long exp, @RequestParam String ref,
      @RequestParam(required = false) String sig) {
    Camera c = admit(new SignedLinks.Link(camera, SignedLinks.Kind.SEGMENT, user, exp, ref, sig));
    if (c.streamKind() != Camera.StreamKind.HLS) {
      throw new MadangException(ErrorCode.NOT_FOUND, "Camera " + c.id() + " has no HLS stream.", Map.of("field", "kind"));
    }
    StreamClient.Fetched f = streams.fetch(URI.create(links.openRef(ref)), settings.maxSegmentBytes().toBytes());
    String type = f.contentType() == null ? "video/mp2t" : f.contentType();
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.parseMediaType(type)).body(f.body());
  }

  /** The camera of a valid link; a refused link is audited. */
  private Camera admit(SignedLinks.Link link) {
    Viewer viewer = Viewer.current();
    try {
      links.verify(link, viewer.isSignedIn() ? viewer.username() : null);
    } catch (MadangException refused) {
      audit.record(viewer.username(), "cctv.view.refused", "camera", link.camera(), "link " + link.kind().code() + ": " + refused.getMessage());
      throw refused;
    }
    return registry.getCamera(link.camera());
  }

  /** A camera that gives no picture: 502 with the reason, not an error page and not a stack trace in the log. */
  @ExceptionHandler(StreamClient.CameraUnavailable.class)
  ResponseEntity<ProblemDetail> unavailable(StreamClient.CameraUnavailable e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "The camera gave no picture: " + e.getMessage() + ".");
    problem.setTitle(ErrorCode.EXTERNAL.name());
    problem.setProperty("code", ErrorCode.EXTERNAL.name());
    problem.setProperty("field", "camera");
    return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
