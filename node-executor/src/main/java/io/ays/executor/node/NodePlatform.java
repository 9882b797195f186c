package io.ays.executor.node;

import io.ays.contracts.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this node runs on, and which of the original's platform names ({@code platform.supported},
 * {@code git.export.N platform}) it answers to. The original's names form a hierarchy: {@code
 * generic} > {@code unix} > {@code linux} > {@code linux64}, with the distribution ({@code ubuntu},
 * {@code ubuntu64}) and {@code darwin}/{@code osx} beside it.
 */
public final class NodePlatform {

  private final Platform platform;
  private final Set<String> names;

  public NodePlatform(String os, String arch, String distroId, String distroVersion) {
    String distro =
        distroId == null ? null : distroVersion == null ? distroId : distroId + " " + distroVersion;
    this.platform = new Platform(os, arch, distro);
    this.names = names(os, arch, distroId);
  }

  /** The platform of the machine this JVM runs on ({@code /etc/os-release} for the distro). */
  public static NodePlatform current() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    Map<String, String> release = osRelease(Path.of("/etc/os-release"));
    return new NodePlatform(
        os.startsWith("mac") ? "darwin" : os.split(" ")[0],
        arch,
        release.get("ID"),
        release.get("VERSION_ID"));
  }

  public Platform platform() {
    return platform;
  }

  /** The platform names this node answers to, e.g. {@code generic, unix, linux, linux64}. */
  public Set<String> names() {
    return names;
  }

  /** Whether any of {@code supported} names this node; an empty list means any platform. */
  public boolean supportsAny(List<String> supported) {
    List<String> wanted =
        supported.stream()
            .flatMap(s -> List.of(s.split("[,;\\s]+")).stream())
            .map(s -> s.strip().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .toList();
    return wanted.isEmpty() || wanted.stream().anyMatch(names::contains);
  }

  @Override
  public String toString() {
    return platform.os()
        + "/"
        + platform.arch()
        + (platform.distro() == null ? "" : " (" + platform.distro() + ")")
        + ", answering to "
        + names.stream().collect(Collectors.joining(", "));
  }

  private static Set<String> names(String os, String arch, String distroId) {
    boolean is64 = arch.contains("64");
    Set<String> names = new LinkedHashSet<>();
    names.add("generic");
    if (!os.startsWith("win")) {
      names.add("unix");
    }
    names.add(os);
    names.add(os + (is64 ? "64" : "32"));
    if (os.equals("darwin")) {
      names.add("osx");
      names.add(is64 ? "osx64" : "osx32");
    }
    if (os.startsWith("win")) {
      names.add("win");
      names.add(is64 ? "win64" : "win32");
    }
    if (distroId != null && !distroId.isBlank()) {
      String id = distroId.toLowerCase(Locale.ROOT);
      names.add(id);
      names.add(id + (is64 ? "64" : "32"));
    }
    return java.util.Collections.unmodifiableSet(names);
  }

  static Map<String, String> osRelease(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .filter(line -> line.contains("="))
          .collect(
              Collectors.toMap(
                  line -> line.substring(0, line.indexOf('=')).strip(),
                  line -> line.substring(line.indexOf('=') + 1).strip().replaceAll("^\"|\"$", ""),
                  (a, b) -> b));
    } catch (IOException e) {
      return Map.of();
    }
  }
}
