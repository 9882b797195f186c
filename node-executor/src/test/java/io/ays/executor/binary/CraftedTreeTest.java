package io.ays.executor.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.executor.node.NodePlatform;
import io.ays.model.template.GitExport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * git.export of trees crafted with JGit's low-level API, in a real bare repository reached by a
 * file:// URL: names and links that git itself never writes are refused naming the path, before
 * anything is written, in the cache or at the dest.
 */
class CraftedTreeTest {

  @TempDir Path tmp;
  private Path bare;
  private Repository repo;
  private Path instanceDir;
  private GitExporter exporter;

  @BeforeEach
  void repository() throws Exception {
    bare = tmp.resolve("crafted.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    repo = Git.open(bare.toFile()).getRepository();
    instanceDir = tmp.resolve("data/instances/demo__bin__main");
    exporter =
        new GitExporter(
            new GitCache(tmp.resolve("data/git")),
            new ExportPaths(List.of(tmp.resolve("data/var"))),
            new NodePlatform("linux", "amd64", "debian", "12"),
            new GitSources(Optional.empty(), List.of(), true, false));
  }

  @Test
  void aDotDotNameIsRefused() throws Exception {
    ObjectId escape = tree(Map.of("escape.txt", blob("pwned")));
    commit(tree(Map.of("ok.txt", blob("fine"), "a", tree(Map.of("..", escape)))));
    assertRefused("a/..");
  }

  @Test
  void aNameWithASlashIsRefused() throws Exception {
    commit(tree(Map.of("ok.txt", blob("fine"), "x/../../../pwned", blob("pwned"))));
    assertRefused("x/../../../pwned");
  }

  @Test
  void aDotGitEntryIsRefused() throws Exception {
    ObjectId hooks = tree(Map.of("post-checkout", blob("#!/bin/sh\ntouch /tmp/pwned\n")));
    commit(tree(Map.of("ok.txt", blob("fine"), ".GIT", tree(Map.of("hooks", hooks)))));
    assertRefused(".GIT");
  }

  @Test
  void aLinkOutOfTheTreeIsRefused() throws Exception {
    commit(tree(Map.of("ok.txt", blob("fine"), "up", link("../../../../outside"))));
    assertRefused("up");
  }

  @Test
  void anAbsoluteLinkIsRefused() throws Exception {
    commit(tree(Map.of("ok.txt", blob("fine"), "etc", link("/etc"))));
    assertRefused("etc");
  }

  @Test
  void aLinkThatLeavesTheTreeThroughAnotherLinkIsRefused() throws Exception {
    // Read as text, "here/../x" stays inside; on disk "here" is the tree itself and ".." its
    // parent.
    ObjectId sub = tree(Map.of("here", link(".."), "out", link("here/../../secret")));
    commit(tree(Map.of("ok.txt", blob("fine"), "sub", sub)));
    assertRefused("sub/out");
  }

  @Test
  void anEntryNamedTwiceIsRefused() throws Exception {
    // A link "lib" and a folder "lib": writing lib/x would go through the link.
    commit(
        tree(
            Map.of("ok.txt", blob("fine"), "lib", link("sub")),
            "lib",
            tree(Map.of("x", blob("pwned")))));
    assertRefused("lib");
  }

  @Test
  void linksInsideTheTreeAreWritten() throws Exception {
    ObjectId lib = tree(Map.of("libx.so.1", blob("elf"), "libx.so", link("libx.so.1")));
    commit(tree(Map.of("lib", lib, "bin", tree(Map.of("libs", link("../lib"))))));

    exporter.export(List.of(export()), instanceDir);

    assertThat(instanceDir.resolve("app/bin/libs/libx.so")).hasContent("elf");
  }

  private void assertRefused(String path) throws Exception {
    assertThatThrownBy(() -> exporter.export(List.of(export()), instanceDir))
        .isInstanceOf(ExportException.class)
        .hasMessageStartingWith("git.export.1: url '" + url() + "'")
        .hasMessageContaining("refused the path '" + path + "' of the tree");
    assertThat(instanceDir).as("nothing at the dest").doesNotExist();
    assertThat(
            filesBelow(tmp.resolve("data")).stream().filter(p -> p.toString().contains("/trees/")))
        .as("no tree written or left half-written in the cache")
        .isEmpty();
    assertThat(
            filesBelow(tmp).stream()
                .filter(p -> !p.startsWith(bare))
                .map(p -> p.getFileName().toString()))
        .as("nothing from the tree anywhere outside the repository")
        .doesNotContain("escape.txt", "pwned", "post-checkout", "x/../../../pwned");
  }

  /**
   * Every path below {@code root}. JGit may run an automatic gc in the background after a fetch,
   * whose lock files come and go while the tree is walked: a file gone meanwhile is skipped.
   */
  private static List<Path> filesBelow(Path root) throws IOException {
    List<Path> paths = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            paths.add(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            paths.add(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
    return paths;
  }

  private GitExport export() {
    return new GitExport(
        "service.git.export.1", url(), null, "app", false, null, null, null, null, null, Map.of());
  }

  private String url() {
    return bare.toUri().toString();
  }

  private ObjectId blob(String content) throws Exception {
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId id = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
      inserter.flush();
      return id;
    }
  }

  /** A link's blob, tagged so that {@link #tree} writes it with the link mode. */
  private ObjectId link(String target) throws Exception {
    ObjectId id = blob(target);
    links.add(id);
    return id;
  }

  private final java.util.Set<ObjectId> links = new java.util.HashSet<>();

  private ObjectId tree(Map<String, ObjectId> entries) throws Exception {
    return tree(entries, null, null);
  }

  /** A tree of {@code entries}, plus one more entry appended after them (a duplicate name). */
  private ObjectId tree(Map<String, ObjectId> entries, String extraName, ObjectId extra)
      throws Exception {
    TreeFormatter formatter = new TreeFormatter();
    entries.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> formatter.append(e.getKey(), mode(e.getValue()), e.getValue()));
    if (extraName != null) {
      formatter.append(extraName, mode(extra), extra);
    }
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId id = inserter.insert(formatter);
      inserter.flush();
      return id;
    }
  }

  private FileMode mode(ObjectId id) {
    try {
      int type = repo.open(id).getType();
      if (type == Constants.OBJ_TREE) {
        return FileMode.TREE;
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return links.contains(id) ? FileMode.SYMLINK : FileMode.REGULAR_FILE;
  }

  private void commit(ObjectId tree) throws Exception {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    PersonIdent who = new PersonIdent("t", "t@localhost");
    commit.setAuthor(who);
    commit.setCommitter(who);
    commit.setMessage("crafted");
    ObjectId id;
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      id = inserter.insert(commit);
      inserter.flush();
    }
    RefUpdate update = repo.updateRef("refs/heads/main");
    update.setNewObjectId(id);
    update.setForceUpdate(true);
    assertThat(update.update()).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED);
  }
}
