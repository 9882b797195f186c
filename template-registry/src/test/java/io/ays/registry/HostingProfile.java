package io.ays.registry;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A registry that hosts git repositories under a fresh folder, with a push credential and a 20 MiB
 * pack limit, and reads two of its metadata repositories from hosted repositories ({@code meta} and
 * {@code lib}).
 */
public class HostingProfile implements QuarkusTestProfile {

  public static final String USER = "publisher";
  public static final String PASSWORD = "s3cret-for-tests";
  // Above the 12 MiB push of GitHostingTest, below its 24 MiB one.
  public static final String MAX_PACK_SIZE = "20M";
  public static final Path HOSTED_DIR =
      Path.of("target/test-hosted-" + UUID.randomUUID()).toAbsolutePath();

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "ays.registry.repositories",
        "meta=hosted:meta/templates#master, lib=hosted:lib/templates.git#master",
        "ays.registry.git.dir",
        HOSTED_DIR.toString(),
        "ays.registry.git.push-user",
        USER,
        "ays.registry.git.push-password",
        PASSWORD,
        "ays.registry.sync-interval",
        "1h",
        "ays.registry.sync-on-start",
        "false",
        "ays.registry.git.max-pack-size",
        MAX_PACK_SIZE);
  }
}
