package io.ays.contracts;

/**
 * What a node runs on, matched against a template's {@code platform.supported}.
 *
 * @param os e.g. {@code linux}
 * @param arch e.g. {@code amd64}
 * @param distro e.g. {@code ubuntu 22.04}; null when unknown
 */
public record Platform(String os, String arch, String distro) {

  public Platform {
    Fields.requiredText(os, "os");
    Fields.requiredText(arch, "arch");
    Fields.optionalText(distro, "distro");
  }
}
