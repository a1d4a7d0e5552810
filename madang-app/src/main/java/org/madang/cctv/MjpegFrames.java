package org.madang.cctv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Takes JPEG frames out of an MJPEG stream ({@code multipart/x-mixed-replace}) by their start and end markers (SOI
 * {@code FFD8}, EOI {@code FFD9}), whatever the part headers say. A frame with an embedded thumbnail (EXIF) is cut at
 * the thumbnail's end marker; cameras that stream MJPEG do not embed them.
 */
final class MjpegFrames {

  private MjpegFrames() {}

  /**
   * The next whole frame.
   *
   * @throws StreamClient.CameraUnavailable when the stream ends first, or sends more than {@code maxBytes} without one
   */
  static byte[] next(InputStream in, long maxBytes) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(65536);
    long read = 0;
    int previous = -1;
    boolean inFrame = false;
    int b;
    while ((b = in.read()) >= 0) {
      if (++read > maxBytes) {
        throw new StreamClient.CameraUnavailable("the camera sent " + maxBytes + " bytes without a whole JPEG frame", false);
      }
      if (!inFrame) {
        if (previous == 0xFF && b == 0xD8) {
          inFrame = true;
          frame.write(0xFF);
          frame.write(0xD8);
        }
      } else {
        frame.write(b);
        if (previous == 0xFF && b == 0xD9) {
          return frame.toByteArray();
        }
      }
      previous = b;
    }
    throw new StreamClient.CameraUnavailable("the camera's MJPEG stream ended before a whole frame", false);
  }
}
