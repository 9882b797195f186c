package io.ays.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings of the template-registry ({@code ays.registry.*}). */
@ConfigMapping(prefix = "ays.registry")
public interface RegistryConfig {

  /**
   * The metadata repositories to sync, as comma-separated {@code domain=url#branch} entries (a
   * 40-hex commit id instead of a branch pins that commit).
   */
  Optional<String> repositories();

  /** Where the working copies of the repositories are kept. */
  Path workDir();

  /** How often every repository is synced; a push or {@code POST /sync} syncs at once. */
  @WithDefault("5m")
  Duration syncInterval();

  /**
   * Whether the first sync runs at start-up ({@code true}) or waits one interval. Tests that drive
   * the first sync themselves turn it off.
   */
  @WithDefault("true")
  boolean syncOnStart();
}
