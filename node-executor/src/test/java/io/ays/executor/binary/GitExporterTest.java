package io.ays.executor.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.executor.node.NodePlatform;
import io.ays.model.template.GitExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git.export against a real bare repository, reached by a file:// URL as any remote would be. */
class GitExporterTest {

  @TempDir Path tmp;
  private Path bare;
  private Path work;
  private Git git;
  private Path instanceDir;
  private GitExporter exporter;

  @BeforeEach
  void repository() throws Exception {
    bare = tmp.resolve("binary.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    work = tmp.resolve("work");
    git = Git.cloneRepository().setURI(url()).setDirectory(work.toFile()).call();
    write("root/readme.txt", "version 1");
    write("root/bin/tool.sh", "#!/bin/sh\necho tool\n");
    Files.setPosixFilePermissions(
        work.resolve("root/bin/tool.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    write("other/data.txt", "other");
    commitAndPush("first");
    git.tag().setName("v1").call();
    git.push().setPushTags().call();
    instanceDir = tmp.resolve("data/instances/demo__bin__main");
    exporter =
        new GitExporter(
            new GitCache(tmp.resolve("data/git")),
            new ExportPaths(List.of(tmp.resolve("data/var"), tmp.resolve("opt"))),
            new NodePlatform("linux", "amd64", "debian", "12"),
            new GitSources(Optional.empty(), List.of(), true, false));
  }

  @Test
  void copiesTheContentsOfAFolderWithTheExecutableBitKept() throws Exception {
    exporter.export(List.of(export("root/*", "app", false, null, null, null)), instanceDir);

    assertThat(instanceDir.resolve("app/readme.txt")).hasContent("version 1");
    assertThat(Files.isExecutable(instanceDir.resolve("app/bin/tool.sh"))).isTrue();
    assertThat(instanceDir.resolve("app/root")).doesNotExist();
  }

  @Test
  void copiesAFolderItselfToDestAndTheWholeRepositoryWithoutSource() throws Exception {
    exporter.export(
        List.of(
            export("other", "copy-of-other", false, null, null, null),
            export(null, tmp.resolve("opt/everything").toString(), false, null, null, null)),
        instanceDir);

    assertThat(instanceDir.resolve("copy-of-other/data.txt")).hasContent("other");
    assertThat(tmp.resolve("opt/everything/root/readme.txt")).hasContent("version 1");
    assertThat(tmp.resolve("opt/everything/.git")).doesNotExist();
  }

  @Test
  void fetchesAgainWhenTheBranchMovedAndKeepsATagWhereItWas() throws Exception {
    exporter.export(List.of(export("root/*", "app", false, null, null, null)), instanceDir);
    write("root/readme.txt", "version 2");
    commitAndPush("second");

    exporter.export(
        List.of(
            export("root/*", "app", false, "main", null, null),
            export("root/*", "tagged", false, null, "v1", null)),
        instanceDir);

    assertThat(instanceDir.resolve("app/readme.txt")).hasContent("version 2");
    assertThat(instanceDir.resolve("tagged/readme.txt")).hasContent("version 1");
  }

  @Test
  void checksOutARevision() throws Exception {
    String first = git.getRepository().resolve("HEAD").name();
    write("root/readme.txt", "version 2");
    commitAndPush("second");

    exporter.export(List.of(export("root/*", "pinned", false, null, null, first)), instanceDir);

    assertThat(instanceDir.resolve("pinned/readme.txt")).hasContent("version 1");
  }

  @Test
  void linksToAnUnchangingCheckoutInsteadOfCopying() throws Exception {
    exporter.export(List.of(export("root", "linked", true, null, null, null)), instanceDir);

    Path link = instanceDir.resolve("linked");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(link.resolve("readme.txt")).hasContent("version 1");
    assertThat(Files.readSymbolicLink(link).startsWith(tmp.resolve("data/git"))).isTrue();
  }

  @Test
  void aShallowCloneOfDepthOneIsEnough() throws Exception {
    write("root/readme.txt", "version 2");
    commitAndPush("second");
    GitExport shallow =
        new GitExport(
            "service.git.export.1",
            url(),
            "root/*",
            "app",
            false,
            null,
            null,
            null,
            null,
            1,
            Map.of());

    exporter.export(List.of(shallow), instanceDir);

    assertThat(instanceDir.resolve("app/readme.txt")).hasContent("version 2");
  }

  @Test
  void refusesPathsThatEscapeTheirRootNamingEntryAndField() {
    assertThatThrownBy(
            () ->
                exporter.export(
                    List.of(export("root/*", "/etc/ays-should-not-exist", false, null, null, null)),
                    instanceDir))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("git.export.1: dest '/etc/ays-should-not-exist'")
        .hasMessageContaining("outside the allowed roots");
    assertThatThrownBy(
            () ->
                exporter.export(
                    List.of(export("root/*", "../../escape", false, null, null, null)),
                    instanceDir))
        .hasMessageContaining("git.export.1: dest '../../escape' must not contain '..'");
    assertThatThrownBy(
            () ->
                exporter.export(
                    List.of(export("../outside/*", "app", false, null, null, null)), instanceDir))
        .hasMessageContaining("git.export.1: source '../outside/*'");
    assertThat(Path.of("/etc/ays-should-not-exist")).doesNotExist();
    assertThat(tmp.resolve("data/instances/escape")).doesNotExist();
  }

  @Test
  void refusesADestThroughALinkToAFolderAboveTheRoots() throws Exception {
    // The link leads to a folder that holds the roots: outside them all the same.
    Files.createDirectories(instanceDir);
    Files.createSymbolicLink(instanceDir.resolve("up"), tmp);

    assertThatThrownBy(
            () ->
                exporter.export(
                    List.of(export("root/*", "up/escaped", false, null, null, null)), instanceDir))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("git.export.1: dest 'up/escaped' is outside the allowed roots");
    assertThat(tmp.resolve("escaped")).doesNotExist();
  }

  @Test
  void anUnknownBranchIsNamed() {
    assertThatThrownBy(
            () ->
                exporter.export(
                    List.of(export("root/*", "app", false, "nope", null, null)), instanceDir))
        .hasMessageContaining("git.export.1: branch 'nope' not found in " + url());
  }

  @Test
  void skipsAnEntryForAnotherPlatform() throws Exception {
    GitExport forMac =
        new GitExport(
            "service.git.export.1",
            url(),
            "root/*",
            "app",
            false,
            "darwin",
            null,
            null,
            null,
            null,
            Map.of());

    List<String> done = exporter.export(List.of(forMac), instanceDir);

    assertThat(done).containsExactly("git.export.1: skipped, for platform darwin");
    assertThat(instanceDir.resolve("app")).doesNotExist();
  }

  private GitExport export(
      String source, String dest, boolean link, String branch, String tag, String revision) {
    return new GitExport(
        "service.git.export.1",
        url(),
        source,
        dest,
        link,
        null,
        branch,
        revision,
        tag,
        null,
        Map.of());
  }

  private String url() {
    return bare.toUri().toString();
  }

  private void write(String path, String content) throws Exception {
    Path file = work.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private void commitAndPush(String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.commit()
        .setMessage(message)
        .setAuthor("t", "t@localhost")
        .setCommitter("t", "t@localhost")
        .call();
    git.push().setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main")).call();
  }
}
