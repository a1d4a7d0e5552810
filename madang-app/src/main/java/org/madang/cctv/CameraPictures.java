package org.madang.cctv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.madang.MadangProperties;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.stereotype.Component;

/**
 * Pictures of a camera, whatever its stream kind: a still frame (its snapshot address, the first frame of its MJPEG
 * stream, or the test pattern) and, for HLS, the time of the newest frame its playlist announces. Every request goes
 * through the {@link StreamClient}. Thread-safe.
 */
@Component
class CameraPictures {

  /** A still picture and when it was taken (the camera's Last-Modified, or when it arrived). */
  record Picture(byte[] jpeg, String contentType, Instant takenAt) {}

  private final StreamClient streams;
  private final long maxSnapshotBytes;
  private final long maxPlaylistBytes;
  private final Clock clock = Clock.systemUTC();

  CameraPictures(StreamClient streams, MadangProperties properties) {
    this.streams = streams;
    this.maxSnapshotBytes = properties.cctv().maxSnapshotBytes().toBytes();
    this.maxPlaylistBytes = properties.cctv().maxPlaylistBytes().toBytes();
  }

  /**
   * A still picture of the camera now.
   *
   * @throws MadangException NOT_FOUND for a camera without a stream or with only HLS
   * @throws StreamClient.CameraUnavailable when the camera gives none
   */
  Picture snapshot(Camera camera) {
    Instant now = clock.instant();
    switch (camera.streamKind()) {
      case TEST_PATTERN:
        return new Picture(TestPattern.frame(camera.id(), now), "image/jpeg", now);
      case SNAPSHOT: {
        StreamClient.Fetched f = streams.fetch(URI.create(camera.streamUrl()), maxSnapshotBytes);
        if (!isImage(f.body())) {
          throw new StreamClient.CameraUnavailable("the camera's snapshot address did not send a JPEG or PNG picture", false);
        }
        String type = f.body()[0] == (byte) 0x89 ? "image/png" : "image/jpeg";
        return new Picture(f.body(), type, f.lastModified() != null && f.lastModified().isBefore(now) ? f.lastModified() : now);
      }
      case MJPEG: {
        try (StreamClient.Opened opened = streams.open(URI.create(camera.streamUrl()))) {
          byte[] frame = MjpegFrames.next(new BufferedInputStream(opened.body(), 65536), maxSnapshotBytes);
          return new Picture(frame, "image/jpeg", clock.instant());
        } catch (IOException e) {
          throw new StreamClient.CameraUnavailable("the camera's MJPEG stream broke off: " + e.getClass().getSimpleName(), false);
        }
      }
      default:
        throw new MadangException(ErrorCode.NOT_FOUND, "Camera " + camera.id() + " offers no still pictures (stream kind " + camera.streamKind().code()
            + ").", Map.of("field", "kind"));
    }
  }

  /** A playlist's text. */
  String playlist(URI uri) {
    StreamClient.Fetched f = streams.fetch(uri, maxPlaylistBytes);
    String text = new String(f.body(), StandardCharsets.UTF_8);
    if (!text.stripLeading().startsWith("#EXTM3U")) {
      throw new StreamClient.CameraUnavailable("the camera's playlist address did not send an HLS playlist (#EXTM3U)", false);
    }
    return text;
  }

  /**
   * When the newest frame of an HLS camera was taken: the last segment's {@code EXT-X-PROGRAM-DATE-TIME} plus its
   * duration when the playlist has them, else when the playlist was read. A master playlist is followed to its first
   * variant.
   */
  Instant newestHlsFrame(Camera camera) {
    URI uri = URI.create(camera.streamUrl());
    String text = playlist(uri);
    HlsPlaylist playlist = HlsPlaylist.parse(text);
    if (playlist.isMaster()) {
      if (playlist.uris().isEmpty()) {
        throw new StreamClient.CameraUnavailable("the camera's master playlist names no variant", false);
      }
      uri = uri.resolve(playlist.uris().get(0));
      playlist = HlsPlaylist.parse(playlist(uri));
    }
    if (playlist.uris().isEmpty()) {
      throw new StreamClient.CameraUnavailable("the camera's playlist names no segment", false);
    }
    Instant now = clock.instant();
    Instant newest = playlist.newestFrame();
    return newest == null || newest.isAfter(now) ? now : newest;
  }

  private static boolean isImage(byte[] b) {
    return b.length > 3 && ((b[0] == (byte) 0xFF && b[1] == (byte) 0xD8) || (b[0] == (byte) 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'));
  }
}
