package dev.ironworks.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The names a request's {@code Host} header may carry: the address the server is bound to; {@code
 * localhost}, {@code 127.0.0.1} and {@code [::1]} when that address is a loopback one or every
 * interface (then also each interface's address); and the names the user allowed ({@code serve
 * --allowed-host}). A page that reaches the server under any other name, as one does after DNS
 * rebinding, is refused. Ports are not compared.
 *
 * @param names host names in lower case and address literals, IPv6 ones in brackets, sorted
 */
public record AllowedHosts(Set<String> names) {
  private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern NAME =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

  public AllowedHosts {
    names = Collections.unmodifiableSet(new TreeSet<>(names));
    if (names.isEmpty()) {
      throw new IllegalArgumentException("names: at least one host name is needed");
    }
  }

  /**
   * The names a server bound to {@code bindAddress} answers to, with {@code allowed} added.
   *
   * @throws IllegalArgumentException naming the first entry of {@code allowed} that is not a host
   *     name or an address (a port, a scheme or a path is not part of one)
   */
  public static AllowedHosts of(String bindAddress, List<String> allowed) {
    Set<String> names = new TreeSet<>();
    String bound = normalize(bindAddress).orElse(bindAddress.toLowerCase(Locale.ROOT));
    if (isWildcard(bound)) {
      names.addAll(LOOPBACK);
      names.addAll(interfaceAddresses());
    } else {
      names.add(bound);
      if (isLoopback(bound)) {
        names.addAll(LOOPBACK);
      }
    }
    for (String name : allowed) {
      names.add(
          normalize(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "'"
                              + name
                              + "' is not a host name or an address; give the name alone, as in"
                              + " --allowed-host ironworks.example (no scheme, port or path)")));
    }
    return new AllowedHosts(names);
  }

  /** Whether a request with this {@code Host} header (name, then an optional port) is served. */
  public boolean allows(String hostHeader) {
    return hostHeader != null && nameOf(hostHeader).map(names::contains).orElse(false);
  }

  /**
   * The name of a {@code Host} header without its port, normalized as {@link #names} are; empty
   * when the header is not a name or an address with an optional port.
   */
  static Optional<String> nameOf(String hostHeader) {
    String h = hostHeader.strip();
    String name;
    String port;
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      name = h.substring(0, close + 1);
      port = h.substring(close + 1);
    } else {
      int colon = h.indexOf(':');
      name = colon < 0 ? h : h.substring(0, colon);
      port = colon < 0 ? "" : h.substring(colon);
    }
    if (!port.isEmpty() && !port.matches(":\\d{1,5}")) {
      return Optional.empty();
    }
    return normalize(name);
  }

  /**
   * A host name in lower case without a trailing dot, an IPv4 address, or an IPv6 address in
   * brackets in its canonical form; empty for anything else.
   */
  static Optional<String> normalize(String host) {
    String h = host.strip();
    if (h.startsWith("[") && h.endsWith("]")) {
      return IPV6.matcher(h.substring(1, h.length() - 1)).matches() ? literal(h) : Optional.empty();
    }
    if (IPV6.matcher(h).matches()) {
      return literal("[" + h + "]");
    }
    if (IPV4.matcher(h).matches()) {
      for (String octet : h.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
      return literal(h);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.length() <= 253 && NAME.matcher(h).matches()
        ? Optional.of(h.toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  /**
   * An address literal as the names hold it: a dotted quad or a bracketed IPv6 address, which
   * {@link InetAddress#getByName} parses without a DNS query.
   */
  private static Optional<String> literal(String text) {
    try {
      return Optional.of(text(InetAddress.getByName(text)));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String text(InetAddress address) {
    if (address instanceof Inet6Address) {
      String s = address.getHostAddress();
      int scope = s.indexOf('%');
      return "[" + compress(scope < 0 ? s : s.substring(0, scope)) + "]";
    }
    return address.getHostAddress();
  }

  /** The shortest form of an IPv6 address (RFC 5952): the longest run of zero groups as "::". */
  static String compress(String full) {
    String[] groups = full.split(":");
    for (int i = 0; i < groups.length; i++) {
      groups[i] = groups[i].replaceFirst("^0+(?=.)", "").toLowerCase(Locale.ROOT);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.length; ) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    if (bestStart < 0) {
      return String.join(":", groups);
    }
    String head = String.join(":", List.of(groups).subList(0, bestStart));
    String tail = String.join(":", List.of(groups).subList(bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }

  private static boolean isWildcard(String address) {
    return address.equals("0.0.0.0") || address.equals("[::]");
  }

  private static boolean isLoopback(String address) {
    return address.equals("localhost") || address.equals("[::1]") || address.startsWith("127.");
  }

  /** The addresses of this machine's interfaces, which a server bound to every one answers on. */
  private static List<String> interfaceAddresses() {
    List<String> out = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          out.add(text(address));
        }
      }
    } catch (SocketException e) {
      // No interface list: the loopback names and the allowed names remain.
    }
    return out;
  }
}
