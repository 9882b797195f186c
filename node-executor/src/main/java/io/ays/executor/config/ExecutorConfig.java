package io.ays.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of a node-executor ({@code ays.executor.*}). */
@ConfigMapping(prefix = "ays.executor")
public interface ExecutorConfig {

  /** This node's id: the executor consumes {@code ays.commands.<node-id>}. */
  @WithDefault("local")
  String nodeId();

  /** Where the executor keeps its state, template files, service folders and logs. */
  Path dataDir();

  /** How often a heartbeat goes to {@code ays.nodes}. */
  @WithDefault("10s")
  Duration heartbeatInterval();

  /** How often the {@code monitor} check of every running instance is reported. */
  @WithDefault("10s")
  Duration monitorInterval();

  /**
   * How long one {@code monitor} action may take (a hook or a Python method is killed after it);
   * one that does not answer in time reports the instance DOWN.
   */
  @WithDefault("30s")
  Duration monitorTimeout();

  /** How long a command waits for its template version to arrive on {@code ays.templates}. */
  @WithDefault("15s")
  Duration templateWait();

  /** The most actions run at once (different instances); one instance's phases never overlap. */
  @WithDefault("8")
  int maxConcurrentActions();

  /**
   * Folders outside the data folder where {@code git.export.N} may write ({@code dest}), e.g.
   * {@code /opt}. The instance's own folder and the data folder are always allowed.
   */
  Optional<List<Path>> exportRoots();

  /**
   * Tests only: a file that makes the first service start hold between the launch and the record of
   * its pid (LaunchPausePoint); unset everywhere else.
   */
  @WithName("test.pause-after-launch")
  Optional<Path> testPauseAfterLaunch();

  /** A process log larger than this is rotated (copied to {@code .1} and truncated). */
  @WithDefault("10485760")
  long logMaxBytes();

  /** How many rotated logs ({@code .1} ... {@code .N}) are kept per process. */
  @WithDefault("3")
  int logKeep();

  /**
   * The largest build context (the {@code build:} folder of a container entry, sent whole to the
   * container engine) in bytes; a larger one fails start naming this setting.
   */
  @WithName("container.max-build-context")
  @WithDefault("67108864")
  long containerMaxBuildContext();

  /**
   * How long pulling a container entry's image from its registry may take before start fails naming
   * the image, the registry and this setting.
   */
  @WithName("container.pull-timeout")
  @WithDefault("5M")
  Duration containerPullTimeout();

  /**
   * The folder whose {@code config.json} holds the credentials for pulling from private registries
   * ({@code auths} entries, as {@code docker --config <folder> login} writes them; credential
   * helpers are not read). Default: {@code $DOCKER_CONFIG}, else {@code ~/.docker} of the
   * executor's user. Credentials never come from a template or an answer.
   */
  @WithName("container.registry-config")
  Optional<Path> containerRegistryConfig();

  /**
   * The base URL at which the coordinator reaches this executor's HTTP API (to read service logs),
   * sent in every heartbeat; default {@code http://localhost:<quarkus.http.port>}, right when the
   * coordinator runs on the same machine. In containers, the executor's service name.
   */
  Optional<String> advertisedUrl();

  /** Where {@code git.export.N} may fetch from (docs/security.md, "Binary-data sources"). */
  GitExport gitExport();

  /** The allowed sources of binary data ({@code ays.executor.git-export.*}). */
  interface GitExport {

    /**
     * The registry's git hosting, e.g. {@code http://template-registry:8081/git/}: every repository
     * under it may be exported, whatever its address.
     */
    Optional<String> registry();

    /**
     * More URL prefixes that may be exported from, comma-separated, e.g. {@code
     * https://github.com/acme/,ssh://git@git.example.com/bin/}; a URL is allowed if it is one of
     * them or below one (whole path segments).
     */
    Optional<List<String>> allowedUrls();

    /** Whether {@code file://} URLs and local paths may be exported from (tests, one machine). */
    @WithDefault("false")
    boolean allowFile();

    /**
     * Whether an allowed URL's host may be at a loopback, private, link-local or multicast address
     * (the registry's hosting always may).
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();
  }

  /** How each service is kept with what it starts (docs/operations.md, "Containment"). */
  ContainmentConfig containment();

  /** Cgroup or session containment of services ({@code ays.executor.containment.*}). */
  interface ContainmentConfig {

    /**
     * The cgroup under which each service gets one of its own, below a level per node: absolute, or
     * relative to where the cgroup2 file system is mounted (found in /proc/self/mountinfo).
     */
    @WithDefault("ays")
    String cgroupParent();

    /**
     * Use the fallback (the service's session and descendants) even where cgroups would work: a way
     * out if a node's cgroups are managed by something else.
     */
    @WithDefault("false")
    boolean forceSession();
  }

  /** The Python interpreter that runs {@code actions_*.py}. */
  @WithDefault("python3")
  String python();

  /** Which commands this node runs (docs/security.md, "Signed commands"). */
  Signing signing();

  /** How this node receives secret values (docs/security.md, "Secrets on the bus"). */
  Secrets secrets();

  /** This node's own key for secrets ({@code ays.executor.secrets.*}). */
  interface Secrets {

    /**
     * The node's X25519 private key (base64, mode 0600): the coordinator seals every secret value
     * of a command for this node with its public key. None: commands carrying secrets fail.
     */
    Optional<Path> nodeKeyFile();
  }

  /** The keys this node trusts ({@code ays.executor.signing.*}). */
  interface Signing {

    /**
     * The coordinator's public keys this node accepts commands from, each {@code <key id>=<path>}
     * of an X.509 SubjectPublicKeyInfo PEM file, comma-separated; two during a key rotation. None:
     * every command is refused.
     */
    Optional<List<String>> trustedKeys();
  }
}
