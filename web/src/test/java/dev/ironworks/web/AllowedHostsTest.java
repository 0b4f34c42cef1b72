package dev.ironworks.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {
  @Test
  void boundToLoopbackItAnswersToTheLoopbackNamesOnAnyPort() {
    AllowedHosts hosts = AllowedHosts.of("127.0.0.1", List.of());
    assertEquals(Set.of("127.0.0.1", "[::1]", "localhost"), hosts.names());
    for (String host :
        List.of(
            "127.0.0.1",
            "127.0.0.1:7070",
            "localhost:7070",
            "LOCALHOST",
            "localhost.",
            "[::1]:7070",
            "[0:0:0:0:0:0:0:1]")) {
      assertTrue(hosts.allows(host), host);
    }
  }

  @Test
  void namesThatOnlyLookLikeAnAllowedOneAreRefused() {
    AllowedHosts hosts = AllowedHosts.of("127.0.0.1", List.of());
    for (String host :
        List.of(
            "evil.example:7272",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "127.0.0.01",
            "localhost:http",
            "localhost:7070:7070",
            "[::1",
            "::1",
            "",
            " ",
            "localhost/x")) {
      assertFalse(hosts.allows(host), host);
    }
    assertFalse(hosts.allows(null));
  }

  @Test
  void boundToOneAddressItAnswersToThatAddressOnly() {
    AllowedHosts hosts = AllowedHosts.of("192.0.2.10", List.of());
    assertTrue(hosts.allows("192.0.2.10:7070"));
    assertFalse(hosts.allows("localhost:7070"));
    assertFalse(hosts.allows("127.0.0.1"));
  }

  @Test
  void boundToEveryInterfaceItAnswersToLoopbackAndItsOwnAddresses() {
    AllowedHosts hosts = AllowedHosts.of("0.0.0.0", List.of());
    assertTrue(hosts.allows("localhost"));
    assertTrue(hosts.allows("127.0.0.1:7070"));
    assertFalse(hosts.allows("evil.example"));
  }

  @Test
  void allowedNamesAreAddedInLowerCase() {
    AllowedHosts hosts =
        AllowedHosts.of("127.0.0.1", List.of("Ironworks.Example", "[2001:DB8::1]", "10.0.0.7"));
    assertTrue(hosts.allows("ironworks.example:7070"));
    assertTrue(hosts.allows("[2001:db8:0:0:0:0:0:1]"));
    assertTrue(hosts.allows("10.0.0.7"));
    assertFalse(hosts.allows("other.example"));
  }

  @Test
  void anAllowedHostWithAPortSchemeOrPathIsRefusedByName() {
    for (String bad : List.of("ironworks.example:7070", "http://ironworks.example", "a/b", "")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> AllowedHosts.of("127.0.0.1", List.of(bad)));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void ipv6AddressesAreWrittenInTheirShortestForm() {
    assertEquals("::1", AllowedHosts.compress("0:0:0:0:0:0:0:1"));
    assertEquals("::", AllowedHosts.compress("0:0:0:0:0:0:0:0"));
    assertEquals("2001:db8::1", AllowedHosts.compress("2001:db8:0:0:0:0:0:1"));
    assertEquals("2001:db8:0:1::1", AllowedHosts.compress("2001:db8:0:1:0:0:0:1"));
    assertEquals(Optional.of("[fe80::1]"), AllowedHosts.normalize("FE80:0:0:0:0:0:0:1"));
  }
}
