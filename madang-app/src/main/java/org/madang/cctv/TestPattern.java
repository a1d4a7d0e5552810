package org.madang.cctv;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.imageio.ImageIO;

/**
 * The platform's own test picture for cameras of stream kind {@code test-pattern} (the demo's "live" cameras): colour
 * bars, a moving bar so a frozen picture shows, the words TEST PATTERN, the camera's id and the time. Made in memory;
 * no request leaves the server. Thread-safe.
 */
final class TestPattern {

  static final int WIDTH = 320;
  static final int HEIGHT = 180;
  private static final Color[] BARS = {Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.RED, Color.BLUE};
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Seoul"));

  private TestPattern() {}

  /** One JPEG frame for this camera at this time. */
  static byte[] frame(String cameraId, Instant at) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      int w = WIDTH / BARS.length + 1;
      for (int i = 0; i < BARS.length; i++) {
        g.setColor(BARS[i]);
        g.fillRect(i * w, 0, w, HEIGHT * 2 / 3);
      }
      g.setColor(Color.DARK_GRAY);
      g.fillRect(0, HEIGHT * 2 / 3, WIDTH, HEIGHT / 3);
      g.setColor(Color.ORANGE);
      int x = (int) ((at.toEpochMilli() / 50) % WIDTH);
      g.fillRect(x, HEIGHT * 2 / 3, 6, HEIGHT / 3);
      try {
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 14));
        g.setColor(Color.WHITE);
        g.drawString("TEST PATTERN " + cameraId, 8, HEIGHT * 2 / 3 + 22);
        g.drawString(CLOCK.format(at), 8, HEIGHT * 2 / 3 + 44);
      } catch (RuntimeException | Error noFonts) {
        // a server without fonts still shows the bars
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
    try {
      ImageIO.write(image, "jpeg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
