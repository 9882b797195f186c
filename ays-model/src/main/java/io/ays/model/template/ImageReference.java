package io.ays.model.template;

import java.util.Locale;
import java.util.Optional;

/**
 * An image name taken apart the way Docker reads it: {@code 127.0.0.1:5000/ays-examples/hello:1} is
 * the repository {@code ays-examples/hello} of the registry {@code 127.0.0.1:5000}, tag {@code 1}.
 * The first part of the name is a registry host only when it holds a {@code .} or a {@code :} or is
 * {@code localhost}; otherwise the name is one of Docker Hub's ({@code docker.io}).
 *
 * @param registry the registry host (with its port) the name gives, or null when it names none
 * @param repository the name without its tag or digest, registry host included
 * @param tag the tag, {@code latest} when the name gives neither tag nor digest; null with a digest
 * @param digest the digest after {@code @}, or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  /** The registry an image name without a host comes from, as Docker names it. */
  public static final String DOCKER_HUB = "docker.io";

  /** Reads an image name; it is not checked here (ContainerSpec does). */
  public static ImageReference parse(String image) {
    String name = image;
    String digest = null;
    int at = name.indexOf('@');
    if (at >= 0) {
      digest = name.substring(at + 1);
      name = name.substring(0, at);
    }
    String tag = null;
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      tag = name.substring(colon + 1);
      name = name.substring(0, colon);
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    int slash = name.indexOf('/');
    String first = slash < 0 ? null : name.substring(0, slash);
    String registry =
        first != null
                && (first.contains(".")
                    || first.contains(":")
                    || first.toLowerCase(Locale.ROOT).equals("localhost"))
            ? first
            : null;
    return new ImageReference(registry, name, tag, digest);
  }

  /** The registry the image would be pulled from: the one named, else Docker Hub. */
  public String registryOrHub() {
    return Optional.ofNullable(registry).orElse(DOCKER_HUB);
  }
}
