package io.ays.executor.binary;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.transport.URIish;

/**
 * Where {@code git.export.N} may fetch from, so that a template cannot make a node reach what only
 * the node can reach (a cloud metadata address, an admin port on localhost, the node's own files).
 * Allowed: the registry's own git hosting, and the URL prefixes named in configuration; a {@code
 * file://} URL or a local path only if {@code allowFile}; a host at a loopback, private, link-local
 * or multicast address only if {@code allowPrivateAddresses} (the registry's hosting is exempt: it
 * is named by the operator and is usually on such an address).
 */
public final class GitSources {

  /** Resolves a host name; a seam so that tests need no name service. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private static final List<String> SCHEMES = List.of("http", "https", "ssh", "git");

  private final Optional<Source> registry;
  private final List<Source> allowed;
  private final boolean allowFile;
  private final boolean allowPrivateAddresses;
  private final Resolver resolver;

  /**
   * @param registry the registry's git hosting base URL, e.g. {@code http://registry:8081/git/}
   * @param allowed more allowed URL prefixes, e.g. {@code https://github.com/acme/}
   */
  public GitSources(
      Optional<String> registry,
      List<String> allowed,
      boolean allowFile,
      boolean allowPrivateAddresses,
      Resolver resolver) {
    this.registry = registry.filter(r -> !r.isBlank()).map(r -> Source.parse(r, "registry"));
    List<Source> prefixes = new ArrayList<>();
    for (String prefix : allowed) {
      if (!prefix.isBlank()) {
        prefixes.add(Source.parse(prefix.strip(), "allowed-urls"));
      }
    }
    this.allowed = List.copyOf(prefixes);
    this.allowFile = allowFile;
    this.allowPrivateAddresses = allowPrivateAddresses;
    this.resolver = resolver;
  }

  /** The same, resolving names with the system's name service. */
  public GitSources(
      Optional<String> registry,
      List<String> allowed,
      boolean allowFile,
      boolean allowPrivateAddresses) {
    this(registry, allowed, allowFile, allowPrivateAddresses, InetAddress::getAllByName);
  }

  /**
   * Refuses {@code url} unless it is an allowed source.
   *
   * @param entry names the export in the error
   * @throws ExportException naming the entry, the URL and the setting that would allow it
   */
  public void check(String entry, String url) {
    String refused = entry + ": url '" + url + "' is not an allowed source: ";
    URIish uri;
    try {
      uri = new URIish(url);
    } catch (URISyntaxException e) {
      throw new ExportException(refused + "not a git URL");
    }
    // Without a scheme: user@host:path is ssh (as git reads it), a plain path is a local one.
    String scheme =
        uri.getScheme() != null
            ? uri.getScheme().toLowerCase(Locale.ROOT)
            : uri.getHost() != null ? "ssh" : "file";
    if (scheme.equals("file") || uri.getHost() == null) {
      if (!allowFile) {
        throw new ExportException(
            refused
                + "a local repository (file:// or a path) is allowed only with"
                + " ays.executor.git-export.allow-file");
      }
      return;
    }
    if (!SCHEMES.contains(scheme)) {
      throw new ExportException(refused + "the scheme must be one of " + SCHEMES);
    }
    if (url.contains("?")
        || url.contains("#")
        || (uri.getPath() != null && hasDotDot(uri.getPath()))) {
      throw new ExportException(refused + "a query, fragment or '..' is not allowed");
    }
    Source target = Source.of(uri, scheme);
    if (registry.isPresent() && registry.get().covers(target)) {
      return;
    }
    if (allowed.stream().noneMatch(prefix -> prefix.covers(target))) {
      throw new ExportException(
          refused
              + "it is neither under the registry's git hosting ("
              + registry.map(Source::toString).orElse("not set: ays.executor.git-export.registry")
              + ") nor under an allowed URL ("
              + (allowed.isEmpty()
                  ? "none: ays.executor.git-export.allowed-urls"
                  : String.join(", ", allowed.stream().map(Source::toString).toList()))
              + ")");
    }
    if (!allowPrivateAddresses) {
      privateAddress(target.host())
          .ifPresent(
              address -> {
                throw new ExportException(
                    refused
                        + "its host "
                        + target.host()
                        + " is at the private or local address "
                        + address
                        + " (allowed only with ays.executor.git-export.allow-private-addresses)");
              });
    }
  }

  private Optional<String> privateAddress(String host) {
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new ExportException("host " + host + " cannot be resolved, so its address is unknown");
    }
    for (InetAddress address : addresses) {
      if (address.isLoopbackAddress()
          || address.isSiteLocalAddress()
          || address.isLinkLocalAddress()
          || address.isAnyLocalAddress()
          || address.isMulticastAddress()
          || uniqueLocal(address)) {
        return Optional.of(address.getHostAddress());
      }
    }
    return Optional.empty();
  }

  // fc00::/7, the IPv6 counterpart of the private IPv4 ranges (not covered by isSiteLocal).
  private static boolean uniqueLocal(InetAddress address) {
    return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
  }

  private static boolean hasDotDot(String path) {
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** A URL reduced to what decides where it leads: scheme, host, port and path (no user). */
  private record Source(String scheme, String host, int port, String path) {

    static Source parse(String text, String setting) {
      try {
        URIish uri = new URIish(text);
        if (uri.getHost() == null || uri.getScheme() == null) {
          throw new IllegalArgumentException(
              "ays.executor.git-export." + setting + ": '" + text + "' is not a URL with a host");
        }
        return of(uri, uri.getScheme().toLowerCase(Locale.ROOT));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "ays.executor.git-export." + setting + ": '" + text + "' is not a URL", e);
      }
    }

    static Source of(URIish uri, String scheme) {
      String path = uri.getPath() == null ? "/" : uri.getPath();
      return new Source(
          scheme,
          uri.getHost().toLowerCase(Locale.ROOT),
          uri.getPort(),
          path.startsWith("/") ? path : "/" + path);
    }

    /** Whether {@code target} is this prefix or below it (a whole path segment at a time). */
    boolean covers(Source target) {
      if (!scheme.equals(target.scheme) || !host.equals(target.host) || port != target.port) {
        return false;
      }
      String base = path.endsWith("/") ? path : path + "/";
      return target.path.equals(path) || target.path.startsWith(base);
    }

    @Override
    public String toString() {
      return scheme + "://" + host + (port > 0 ? ":" + port : "") + path;
    }
  }
}
