package io.ays.executor.container;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.ays.model.template.ContainerSpec;
import io.ays.model.template.ContainerSpec.PullPolicy;
import io.ays.model.template.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes sure a container's image is on the node's engine: it is there already, or pulled from its
 * registry by the engine as the entry's {@code pull} says ({@link ContainerSpec.PullPolicy}: by
 * default only an image naming a registry host, and only when missing), or built from a folder
 * holding a Dockerfile: one of the instance's folder (put there by {@code git.export}), else one of
 * the template's own folder. Registry credentials are the engine client's (the Docker config file
 * of the executor's user, as {@code docker login} writes it), never the template's. The build
 * context must stay inside that folder (no {@code ..}, no symbolic link at all) and below a size
 * limit, since all of it is sent to the engine. It is rebuilt only when the context changed: the
 * image carries the context's digest.
 */
public final class ContainerImages {

  private static final long BUILD_TIMEOUT_MINUTES = 10;

  private final DockerEngine engine;
  private final long maxContextBytes;
  private final Duration pullTimeout;

  public ContainerImages(DockerEngine engine, long maxContextBytes, Duration pullTimeout) {
    this.engine = engine;
    this.maxContextBytes = maxContextBytes;
    this.pullTimeout = pullTimeout;
  }

  /**
   * Ensures {@code spec}'s image exists, pulling or building it if the spec says so.
   *
   * @return what was done (found, pulled, built), for the executor's log
   * @throws ContainerException naming the field when the image is missing or cannot be pulled or
   *     built
   */
  public String ensure(String label, ContainerSpec spec, Path instanceDir, Path templateDir) {
    if (spec.build() == null) {
      PullPolicy pull = spec.pull() == null ? PullPolicy.NEVER : spec.pull();
      if (pull == PullPolicy.ALWAYS
          || (pull == PullPolicy.MISSING && inspect(spec.image()).isEmpty())) {
        return pull(label, spec.image());
      }
      if (inspect(spec.image()).isEmpty()) {
        throw new ContainerException(
            label
                + ": image '"
                + spec.image()
                + "' is not on this node's container engine, and pull is 'never' (the default for"
                + " an image that names no registry host): load it there (docker load / docker"
                + " build), give build: a folder holding a Dockerfile, or pull:'missing'");
      }
      return "image " + spec.image() + " found";
    }
    Path context =
        Files.isDirectory(instanceDir.resolve(spec.build()))
            ? context(label, spec.build(), instanceDir)
            : context(label, spec.build(), templateDir);
    String digest = digest(label, context);
    Optional<InspectImageResponse> existing = inspect(spec.image());
    if (existing.isPresent()
        && existing.get().getConfig() != null
        && existing.get().getConfig().getLabels() != null
        && digest.equals(
            existing.get().getConfig().getLabels().get(ContainerLabels.CONTEXT_DIGEST))) {
      return "image " + spec.image() + " up to date";
    }
    try {
      engine
          .client()
          .buildImageCmd(context.toFile())
          .withTags(Set.of(spec.image()))
          .withLabels(Map.of(ContainerLabels.CONTEXT_DIGEST, digest))
          .withPull(false)
          .exec(new BuildImageResultCallback())
          .awaitImageId(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (RuntimeException e) {
      throw new ContainerException(
          label
              + ": building image '"
              + spec.image()
              + "' from build:'"
              + spec.build()
              + "' failed: "
              + e.getMessage());
    }
    return "image " + spec.image() + " built";
  }

  /** Has the engine pull {@code image} from its registry, within the pull timeout. */
  private String pull(String label, String image) {
    ImageReference reference = ImageReference.parse(image);
    String what =
        label + ": pulling image '" + image + "' from registry " + reference.registryOrHub();
    PullImageCmd command =
        reference.digest() != null
            ? engine.client().pullImageCmd(reference.repository() + "@" + reference.digest())
            // A pull without a tag would fetch every tag of the repository.
            : engine.client().pullImageCmd(reference.repository()).withTag(reference.tag());
    PullImageResultCallback callback = new PullImageResultCallback();
    try {
      command.exec(callback);
      if (!callback.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        closeQuietly(callback);
        throw new ContainerException(
            what
                + ": not done within "
                + pullTimeout.toSeconds()
                + " s (ays.executor.container.pull-timeout)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(callback);
      throw new ContainerException(what + ": interrupted");
    } catch (ContainerException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ContainerException(what + " failed: " + e.getMessage());
    }
    if (inspect(image).isEmpty()) {
      throw new ContainerException(what + ": the engine reports no error, yet has no such image");
    }
    return "image " + image + " pulled from " + reference.registryOrHub();
  }

  private static void closeQuietly(PullImageResultCallback callback) {
    try {
      callback.close();
    } catch (IOException e) {
      // Ending the pull's stream: nothing else to do.
    }
  }

  private Optional<InspectImageResponse> inspect(String image) {
    try {
      return Optional.of(engine.client().inspectImageCmd(image).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** The build folder, checked: inside {@code folder}, holding a Dockerfile. */
  private static Path context(String label, String build, Path folder) {
    Path root = folder.toAbsolutePath().normalize();
    Path context = root.resolve(build).normalize();
    if (!context.startsWith(root)) {
      throw new ContainerException(label + ": build: '" + build + "' leads out of " + root);
    }
    if (!Files.isRegularFile(context.resolve("Dockerfile"), LinkOption.NOFOLLOW_LINKS)) {
      throw new ContainerException(
          label
              + ": build: '"
              + build
              + "' holds no Dockerfile (neither in the instance's folder nor in the template's: "
              + context
              + ")");
    }
    return context;
  }

  /**
   * The digest of every file's path and content; refuses a symbolic link (it could lead out of the
   * folder) and a context larger than the limit.
   */
  private String digest(String label, Path context) {
    try (Stream<Path> walk = Files.walk(context)) {
      List<Path> paths = walk.sorted().toList();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long total = 0;
      byte[] buffer = new byte[8192];
      for (Path path : paths) {
        if (Files.isSymbolicLink(path)) {
          throw new ContainerException(
              label + ": build: " + context.relativize(path) + " is a symbolic link; refused");
        }
        sha.update(context.relativize(path).toString().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        total += Files.size(path);
        if (total > maxContextBytes) {
          throw new ContainerException(
              label
                  + ": build: the context is larger than "
                  + maxContextBytes
                  + " bytes (ays.executor.container.max-build-context)");
        }
        try (InputStream in = Files.newInputStream(path)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new ContainerException(label + ": build: cannot read " + context + ": " + e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
