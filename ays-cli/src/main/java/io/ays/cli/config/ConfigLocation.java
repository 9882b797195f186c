package io.ays.cli.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the config file is: {@code $AYS_CONFIG}, else {@code $XDG_CONFIG_HOME/ays/config.yaml},
 * else {@code ~/.config/ays/config.yaml}.
 */
public final class ConfigLocation {

  private ConfigLocation() {}

  public static Path of(Map<String, String> env) {
    String named = env.get("AYS_CONFIG");
    if (named != null && !named.isBlank()) {
      return Path.of(named.strip());
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg.strip())
            : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("ays").resolve("config.yaml");
  }
}
