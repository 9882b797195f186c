package io.ays.registry.git;

import io.ays.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The bare git repositories the registry hosts, one folder per {@link HostedRepositoryName} under
 * {@code ays.registry.git.dir}. Creates, opens and lists them; serving them over HTTP is {@link
 * GitHostingServlet}'s job.
 */
@ApplicationScoped
public class HostedRepositories {

  /** The branch a new repository's HEAD names; a first push of another branch moves it there. */
  static final String INITIAL_BRANCH = "master";

  private final Path root;

  @Inject
  public HostedRepositories(RegistryConfig config) {
    this(config.git().dir().orElseGet(() -> config.workDir().resolve(".hosted")));
  }

  HostedRepositories(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The folder that holds every hosted repository. */
  public Path root() {
    return root;
  }

  /** The bare repository folder of {@code name} (which may not exist yet). */
  public Path directory(HostedRepositoryName name) {
    Path dir = root.resolve(name.relativeDir()).normalize();
    // The name rules already forbid escaping; this keeps it true if the rules ever loosen.
    if (!dir.startsWith(root)) {
      throw new HostedRepositoryName.InvalidRepositoryNameException(
          "repository name '" + name + "' leads outside the hosting folder");
    }
    return dir;
  }

  public boolean exists(HostedRepositoryName name) {
    return Files.isRegularFile(directory(name).resolve("HEAD"));
  }

  /** Opens an existing repository; the caller closes it. */
  public Optional<Repository> open(HostedRepositoryName name) {
    if (!exists(name)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new FileRepositoryBuilder()
              .setGitDir(directory(name).toFile())
              .setMustExist(true)
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open hosted repository " + name, e);
    }
  }

  /**
   * Creates an empty bare repository.
   *
   * @throws IllegalStateException if it exists already (the message says so)
   */
  public synchronized HostedRepository create(HostedRepositoryName name) {
    if (exists(name)) {
      throw new IllegalStateException("repository " + name + " exists already");
    }
    initBare(name);
    return describe(name);
  }

  /** Opens {@code name}, creating it empty first if needed (a first push); the caller closes it. */
  public synchronized Repository openOrCreate(HostedRepositoryName name) {
    if (!exists(name)) {
      initBare(name);
    }
    return open(name).orElseThrow();
  }

  /** Every hosted repository, by name. */
  public List<HostedRepository> list() {
    List<HostedRepository> found = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return found;
    }
    try (Stream<Path> paths = Files.walk(root, 2)) {
      paths
          .filter(p -> p.getFileName().toString().endsWith(".git"))
          .filter(p -> Files.isRegularFile(p.resolve("HEAD")))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .forEach(
              relative -> {
                try {
                  found.add(describe(HostedRepositoryName.parse(relative)));
                } catch (HostedRepositoryName.InvalidRepositoryNameException e) {
                  // a folder put there by hand under a name we would not serve: not listed
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list hosted repositories under " + root, e);
    }
    return found;
  }

  /** What a listing shows of {@code name}. */
  public HostedRepository describe(HostedRepositoryName name) {
    try (Repository repo = open(name).orElseThrow()) {
      Map<String, String> branches = new TreeMap<>();
      for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        branches.put(ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId().name());
      }
      Ref head = repo.exactRef(Constants.HEAD);
      String headBranch =
          head != null && head.isSymbolic()
              ? Repository.shortenRefName(head.getTarget().getName())
              : null;
      return new HostedRepository(name.toString(), "git/" + name, headBranch, branches);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read hosted repository " + name, e);
    }
  }

  /**
   * Points HEAD at an existing branch if the branch it names has none: a repository whose first
   * push was {@code main} then clones with a checkout instead of an empty work tree.
   */
  static void headToExistingBranch(Repository repo) throws IOException {
    Ref head = repo.exactRef(Constants.HEAD);
    if (head == null || head.getObjectId() != null) {
      return;
    }
    List<Ref> branches = repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS);
    if (branches.isEmpty()) {
      return;
    }
    Ref target =
        branches.stream()
            .filter(r -> r.getName().equals(Constants.R_HEADS + "main"))
            .findFirst()
            .orElse(branches.get(0));
    RefUpdate update = repo.updateRef(Constants.HEAD);
    update.disableRefLog();
    update.link(target.getName());
  }

  private void initBare(HostedRepositoryName name) {
    Path dir = directory(name);
    try {
      Files.createDirectories(dir);
      try (Git ignored =
          Git.init()
              .setBare(true)
              .setGitDir(dir.toFile())
              .setInitialBranch(INITIAL_BRANCH)
              .call()) {
        // created; nothing else to do
      }
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException("cannot create hosted repository " + name + ": " + e, e);
    }
  }
}
