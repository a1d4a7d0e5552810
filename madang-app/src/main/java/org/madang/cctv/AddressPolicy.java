package org.madang.cctv;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses the server may request on a camera's behalf (the SSRF guard): public unicast addresses, and of the
 * private, loopback, link-local, carrier-grade NAT, unique-local, multicast, broadcast and unspecified ones only those in
 * a configured CIDR block ({@code madang.cctv.allowed-private-networks}). Immutable and thread-safe.
 */
final class AddressPolicy {

  /** A CIDR block such as {@code 10.20.0.0/16} or {@code fd00::/8}. */
  record Network(byte[] address, int prefix, String text) {

    static Network parse(String cidr) {
      String s = cidr.strip();
      int slash = s.indexOf('/');
      String host = slash < 0 ? s : s.substring(0, slash);
      if (!host.matches("[0-9a-fA-F:.]+")) {
        throw new IllegalArgumentException("madang.cctv.allowed-private-networks: '" + cidr + "' is not an address block such as 10.20.0.0/16.");
      }
      byte[] bytes;
      try {
        bytes = InetAddress.getByName(host).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("madang.cctv.allowed-private-networks: '" + cidr + "' is not an address block such as 10.20.0.0/16.");
      }
      int prefix;
      try {
        prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bytes.length * 8) {
        throw new IllegalArgumentException("madang.cctv.allowed-private-networks: the prefix of '" + cidr + "' is 0 to " + bytes.length * 8 + ".");
      }
      return new Network(bytes, prefix, s);
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != address.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (b[i] != address[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (b[full] & mask) == (address[full] & mask);
    }
  }

  private static final List<Network> SPECIAL = List.of(
      Network.parse("0.0.0.0/8"), Network.parse("100.64.0.0/10"), Network.parse("192.0.0.0/24"), Network.parse("198.18.0.0/15"),
      Network.parse("240.0.0.0/4"), Network.parse("fc00::/7"), Network.parse("::/128"), Network.parse("64:ff9b::/96"));

  private final List<Network> allowed;

  private AddressPolicy(List<Network> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** @throws IllegalArgumentException naming the setting and the bad block, so that start-up fails with a sentence */
  static AddressPolicy allowing(List<String> cidrs) {
    List<Network> networks = new ArrayList<>();
    for (String c : cidrs == null ? List.<String>of() : cidrs) {
      if (!c.isBlank()) {
        networks.add(Network.parse(c));
      }
    }
    return new AddressPolicy(networks);
  }

  /** Why the server may not request this address, or empty when it may. */
  Optional<String> refusal(InetAddress a) {
    String kind = kind(a);
    if (kind == null) {
      return Optional.empty();
    }
    for (Network n : allowed) {
      if (n.contains(a)) {
        return Optional.empty();
      }
    }
    return Optional.of(a.getHostAddress() + " is a " + kind + " address, which the server does not request (madang.cctv.allowed-private-networks)");
  }

  /** What kind of non-public address this is, or null for a public unicast one. */
  private static String kind(InetAddress a) {
    if (a.isLoopbackAddress()) {
      return "loopback";
    }
    if (a.isLinkLocalAddress()) {
      return "link-local";
    }
    if (a.isSiteLocalAddress()) {
      return "private";
    }
    if (a.isMulticastAddress()) {
      return "multicast";
    }
    if (a.isAnyLocalAddress()) {
      return "unspecified";
    }
    byte[] b = a.getAddress();
    if (b.length == 4 && (b[0] & 0xff) == 255 && (b[1] & 0xff) == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
      return "broadcast";
    }
    for (Network n : SPECIAL) {
      if (n.contains(a)) {
        return "reserved or private";
      }
    }
    return null;
  }
}
