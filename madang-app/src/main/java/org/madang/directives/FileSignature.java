package org.madang.directives;

import java.util.Arrays;

/** The first bytes each accepted attachment type starts with, so a file's declared type can be checked. */
final class FileSignature {

  private FileSignature() {}

  static boolean matches(String contentType, byte[] content) {
    return switch (contentType) {
      case "image/png" -> startsWith(content, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
      case "image/jpeg" -> startsWith(content, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
      case "application/pdf" -> startsWith(content, "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      case "image/webp" -> content.length >= 12 && startsWith(content, "RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
          && Arrays.equals(Arrays.copyOfRange(content, 8, 12), "WEBP".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      // a type configured without a known signature is taken at its word
      default -> true;
    };
  }

  private static boolean startsWith(byte[] content, byte[] prefix) {
    return content.length >= prefix.length && Arrays.equals(Arrays.copyOf(content, prefix.length), prefix);
  }
}
