package io.ays.registry.config;

import io.quarkus.runtime.configuration.MemorySize;
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
   * 40-hex commit id instead of a branch pins that commit; {@code hosted:group/name} as the url
   * names a repository hosted by this registry).
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

  /** The git repositories this registry hosts over HTTP ({@code ays.registry.git.*}). */
  GitHosting git();

  /** Settings of git hosting. */
  interface GitHosting {

    /**
     * Where the hosted bare repositories are kept; by default {@code <work-dir>/.hosted} (a name no
     * repository domain can take, so it never meets a working copy).
     */
    Optional<Path> dir();

    /** The user of the optional shared push credential (HTTP basic); tokens work without it. */
    Optional<String> pushUser();

    /** The password of {@link #pushUser()}. */
    Optional<String> pushPassword();

    /**
     * Whether clone and fetch need the push credential too. Off by default: executors fetch {@code
     * git.export} data anonymously.
     */
    @WithDefault("false")
    boolean readRequiresCredential();

    /**
     * The largest pack one push may send; a larger one is refused and nothing of it is kept. At
     * most {@code quarkus.http.limits.max-body-size}, which bounds every request.
     */
    @WithDefault("1G")
    MemorySize maxPackSize();
  }
}
