package io.ays.executor.binary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The executor's copies of binary-data repositories, under {@code <data dir>/git/}: each URL is
 * cloned once (bare) and fetched again when an export asks for it, and each commit used is written
 * out once as a plain folder ({@code trees/<commit>}) that never changes afterwards, so linking to
 * it is safe even when another instance later uses another revision.
 */
public final class GitCache {

  private static final List<RefSpec> REFS =
      List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));

  private final Path root;

  public GitCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** What to check out: at most one of revision, tag, branch (in that precedence); none: HEAD. */
  public record Ref(String revision, String tag, String branch, Integer depth) {}

  /**
   * The folder holding {@code ref} of {@code url}, fetching first (a revision already in the cache
   * is not fetched again).
   *
   * @param entry names the export in errors
   */
  public Path tree(String entry, String url, Ref ref) {
    Path dir = root.resolve(folderName(url));
    Path bare = dir.resolve("repo.git");
    synchronized (lockFor(dir)) {
      try (Git git = open(entry, url, bare, ref)) {
        Repository repo = git.getRepository();
        ObjectId commit = ref.revision() == null ? null : resolve(repo, ref.revision());
        if (commit == null) {
          fetch(entry, url, git, ref);
          commit = commit(entry, url, repo, ref);
        }
        Path tree = dir.resolve("trees").resolve(commit.name());
        if (!Files.isDirectory(tree)) {
          write(entry + ": url '" + url + "'", repo, commit, tree);
        }
        return tree;
      } catch (IOException e) {
        throw new ExportException(entry + ": cannot read the repository " + url + ": " + e, e);
      }
    }
  }

  private static Git open(String entry, String url, Path bare, Ref ref) throws IOException {
    if (Files.isDirectory(bare)) {
      return Git.open(bare.toFile());
    }
    Files.createDirectories(bare.getParent());
    Path staging = Files.createTempDirectory(bare.getParent(), ".clone-");
    try {
      var clone = Git.cloneRepository().setURI(url).setBare(true).setDirectory(staging.toFile());
      if (ref.depth() != null && ref.depth() > 0) {
        clone.setDepth(ref.depth());
      }
      clone.call().close();
    } catch (GitAPIException | RuntimeException e) {
      deleteTree(staging);
      throw new ExportException(entry + ": url '" + url + "': cannot clone: " + e.getMessage(), e);
    }
    Files.move(staging, bare, StandardCopyOption.ATOMIC_MOVE);
    return Git.open(bare.toFile());
  }

  private static void fetch(String entry, String url, Git git, Ref ref) {
    try {
      FetchCommand fetch = git.fetch().setRemote(url).setRefSpecs(REFS).setRemoveDeletedRefs(true);
      if (ref.depth() != null && ref.depth() > 0) {
        fetch.setDepth(ref.depth());
      }
      fetch.call();
    } catch (GitAPIException | RuntimeException e) {
      throw new ExportException(entry + ": url '" + url + "': cannot fetch: " + e.getMessage(), e);
    }
  }

  private static ObjectId commit(String entry, String url, Repository repo, Ref ref)
      throws IOException {
    String field;
    String wanted;
    String expression;
    if (ref.revision() != null) {
      field = "revision";
      wanted = ref.revision();
      expression = wanted;
    } else if (ref.tag() != null) {
      field = "tag";
      wanted = ref.tag();
      expression = Constants.R_TAGS + wanted;
    } else if (ref.branch() != null) {
      field = "branch";
      wanted = ref.branch();
      expression = Constants.R_HEADS + wanted;
    } else {
      field = "url";
      wanted = url;
      expression = Constants.HEAD;
    }
    ObjectId commit = resolve(repo, expression);
    if (commit == null) {
      throw new ExportException(entry + ": " + field + " '" + wanted + "' not found in " + url);
    }
    return commit;
  }

  private static ObjectId resolve(Repository repo, String expression) {
    try {
      ObjectId id = repo.resolve(expression + "^{commit}");
      return id != null && repo.getObjectDatabase().has(id) ? id : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Writes the commit's files to {@code target} (staged, then moved in place in one step), after
   * checking every path of the tree ({@link TreeEntries}): a refused tree writes nothing.
   */
  private static void write(String where, Repository repo, ObjectId commitId, Path target)
      throws IOException {
    List<TreeEntries.Entry> entries;
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(commitId);
      entries = TreeEntries.read(repo, commit.getTree(), where + " (" + commitId.name() + ")");
    }
    Files.createDirectories(target.getParent());
    Path staging = Files.createTempDirectory(target.getParent(), ".tree-");
    try {
      for (TreeEntries.Entry entry : entries) {
        Path file = staging.resolve(entry.path());
        Files.createDirectories(file.getParent());
        if (entry.mode() == FileMode.SYMLINK) {
          Files.createSymbolicLink(file, Path.of(entry.linkTarget()));
          continue;
        }
        try (InputStream in = repo.open(entry.objectId()).openStream()) {
          Files.copy(in, file);
        }
        if (entry.mode() == FileMode.EXECUTABLE_FILE) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    } catch (IOException | RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
      deleteTree(staging);
    }
  }

  /** A readable, collision-free folder name per URL. */
  static String folderName(String url) {
    String readable =
        url.replaceFirst("^[a-zA-Z+]+://", "")
            .replaceAll("[^A-Za-z0-9._-]+", "_")
            .toLowerCase(Locale.ROOT);
    if (readable.length() > 60) {
      readable = readable.substring(readable.length() - 60);
    }
    return readable + "-" + sha256(url).substring(0, 12);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final java.util.concurrent.ConcurrentHashMap<Path, Object> LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** One fetch per repository at a time; different repositories proceed in parallel. */
  private static Object lockFor(Path dir) {
    return LOCKS.computeIfAbsent(dir, d -> new Object());
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
