package io.ays.model.template;

import io.ays.model.hrd.HrdConversions;
import io.ays.model.hrd.Substitution;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container form of a {@code process.N} entry: the process runs in a container of the node's
 * engine rather than as a host process. Field names and formats follow the original's {@code
 * docker_container} template ({@code portsforwards:'80:8080 22:8022'}, the container's port first;
 * {@code volumes:'/data:web-data # /etc/x:/srv/x:ro'}, '#'-separated, the path inside first, an
 * optional {@code :ro} last).
 *
 * @param image the image's name; with {@code build}, the tag the built image gets
 * @param build a folder holding a Dockerfile to build the image from: one of the instance's folder
 *     (put there by {@code git.export}), else one of the template's; null to use an image already
 *     on the node's engine
 * @param ports the ports published on 127.0.0.1 of the node
 * @param volumes the mounts: a host folder (absolute) or a volume AYS creates (a name)
 * @param network {@code host} to share the node's network; null for the engine's default
 * @param memoryBytes the memory limit, 0 for none
 * @param nanoCpus the CPU limit in billionths of a CPU, 0 for none
 * @param pull when the node's engine pulls the image from its registry ({@link PullPolicy}); null
 *     only while a field still holds a {@code $(...)} reference
 */
public record ContainerSpec(
    String image,
    String build,
    List<PortForward> ports,
    List<Mount> volumes,
    String network,
    long memoryBytes,
    long nanoCpus,
    PullPolicy pull) {

  /** The fields of {@code process.N} that make it a container and describe it. */
  public static final List<String> FIELDS =
      List.of("image", "build", "portsforwards", "volumes", "network", "memory", "cpus", "pull");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9_./:@-]*");
  private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)b?");

  public ContainerSpec {
    ports = List.copyOf(ports);
    volumes = List.copyOf(volumes);
  }

  /**
   * When the image is pulled, after Kubernetes' {@code imagePullPolicy}: {@code always} at every
   * start (a tag that moves), {@code missing} when the node's engine does not have it, {@code
   * never} (it must be there, or be built). Without {@code pull}: {@code missing} when the image
   * names a registry host ({@code 127.0.0.1:5000/x:1}, {@code registry.example.com/x:1}), else
   * {@code never}, so that a bare name such as {@code demo/web:1} is never fetched from Docker Hub
   * unasked.
   */
  public enum PullPolicy {
    ALWAYS,
    MISSING,
    NEVER;

    /** The word a template uses: {@code always}, {@code missing}, {@code never}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    static PullPolicy of(String word) {
      for (PullPolicy policy : values()) {
        if (policy.word().equals(word.trim().toLowerCase(Locale.ROOT))) {
          return policy;
        }
      }
      throw new IllegalArgumentException("pull: '" + word + "' is none of always, missing, never");
    }
  }

  /** A container port published on a port of the node. */
  public record PortForward(int containerPort, int hostPort) {}

  /**
   * A mount: {@code source} is an absolute host folder, or the name of a volume that AYS creates
   * for the instance (and removes with it); {@code readOnly} when the entry ends with {@code :ro}
   * (a folder of keys the container must read and never change).
   */
  public record Mount(String containerPath, String source, boolean readOnly) {
    public Mount(String containerPath, String source) {
      this(containerPath, source, false);
    }

    public boolean namedVolume() {
      return !source.startsWith("/");
    }
  }

  /**
   * Whether {@code fields} (a process entry's fields AYS does not otherwise use) make a container.
   */
  static boolean declared(Map<String, Object> fields) {
    return text(fields, "image") != null || text(fields, "build") != null;
  }

  /**
   * The container described by a process entry's fields; an {@link IllegalArgumentException} naming
   * the field when one is bad. A field holding a reference is checked once resolved.
   */
  public static ContainerSpec of(Map<String, Object> fields) {
    String image = text(fields, "image");
    String build = text(fields, "build");
    if (image == null) {
      throw new IllegalArgumentException(
          "image is required in a container (with build, the tag the built image gets)");
    }
    boolean resolved = !hasReference(fields);
    if (resolved && !IMAGE.matcher(image).matches()) {
      throw new IllegalArgumentException("image: '" + image + "' is not an image name");
    }
    if (build != null && (build.startsWith("/") || List.of(build.split("/")).contains(".."))) {
      throw new IllegalArgumentException(
          "build: '" + build + "' must be a relative folder (no leading /, no ..)");
    }
    String network = text(fields, "network");
    if (network != null && resolved && !network.equals("host") && !network.equals("bridge")) {
      throw new IllegalArgumentException("network: '" + network + "' is neither host nor bridge");
    }
    String pullText = text(fields, "pull");
    if (pullText != null && build != null) {
      throw new IllegalArgumentException(
          "pull: not with build (the image is built on the node, from its Dockerfile)");
    }
    if (!resolved) {
      return new ContainerSpec(image, build, List.of(), List.of(), network, 0, 0, null);
    }
    return new ContainerSpec(
        image,
        build,
        ports(text(fields, "portsforwards")),
        volumes(text(fields, "volumes")),
        network,
        memory(text(fields, "memory")),
        cpus(text(fields, "cpus")),
        pull(pullText, image, build));
  }

  /** The template's word, else {@code missing} for an image naming a registry host. */
  private static PullPolicy pull(String text, String image, String build) {
    if (text != null) {
      return PullPolicy.of(text);
    }
    return build == null && ImageReference.parse(image).registry() != null
        ? PullPolicy.MISSING
        : PullPolicy.NEVER;
  }

  private static List<PortForward> ports(String text) {
    List<PortForward> ports = new ArrayList<>();
    if (text == null) {
      return ports;
    }
    for (String pair : text.trim().split("[\\s,]+")) {
      String[] parts = pair.split(":");
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "portsforwards: '" + pair + "' is not <port in the container>:<port of the node>");
      }
      ports.add(new PortForward(port(parts[0], pair), port(parts[1], pair)));
    }
    return ports;
  }

  private static int port(String text, String pair) {
    Long port = HrdConversions.toLong(text.trim());
    if (port == null || port < 1 || port > 65535) {
      throw new IllegalArgumentException("portsforwards: '" + pair + "' holds a bad port");
    }
    return port.intValue();
  }

  private static List<Mount> volumes(String text) {
    List<Mount> mounts = new ArrayList<>();
    if (text == null) {
      return mounts;
    }
    for (String entry : text.split("#")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] parts = trimmed.split(":");
      boolean readOnly = parts.length == 3 && parts[2].trim().equals("ro");
      if ((parts.length != 2 && !readOnly) || !parts[0].startsWith("/")) {
        throw new IllegalArgumentException(
            "volumes: '"
                + trimmed
                + "' is not <path in the container>:<host folder or volume name>[:ro]");
      }
      String source = parts[1].trim();
      if (!source.startsWith("/") && !NAME.matcher(source).matches()) {
        throw new IllegalArgumentException(
            "volumes: '" + source + "' is neither an absolute folder nor a volume name");
      }
      mounts.add(new Mount(parts[0].trim(), source, readOnly));
    }
    return mounts;
  }

  private static long memory(String text) {
    if (text == null) {
      return 0;
    }
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("memory: '" + text + "' is not a size such as 256m");
    }
    long shift =
        switch (m.group(2)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          default -> 0;
        };
    return Long.parseLong(m.group(1)) << shift;
  }

  private static long cpus(String text) {
    if (text == null) {
      return 0;
    }
    try {
      double cpus = Double.parseDouble(text.trim());
      if (cpus <= 0) {
        throw new NumberFormatException();
      }
      return Math.round(cpus * 1e9);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cpus: '" + text + "' is not a positive number");
    }
  }

  private static boolean hasReference(Map<String, Object> fields) {
    return FIELDS.stream()
        .map(f -> text(fields, f))
        .anyMatch(t -> t != null && !Substitution.references(t).isEmpty());
  }

  private static String text(Map<String, Object> fields, String field) {
    Object value = fields.get(field);
    String text = value == null ? null : HrdConversions.toText(value);
    return text == null || text.isBlank() ? null : text.trim();
  }
}
