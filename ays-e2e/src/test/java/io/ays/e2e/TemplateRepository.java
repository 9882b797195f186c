package io.ays.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;

/** A real git metadata repository holding the templates a test installs. */
final class TemplateRepository {

  private TemplateRepository() {}

  /** Creates a repository at {@code dir} on branch {@code main} with {@code files} committed. */
  static Path create(Path dir, Map<String, String> files) throws Exception {
    Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call().close();
    return commit(dir, files);
  }

  /** Writes {@code files} into the repository at {@code dir} and commits them on its branch. */
  static Path commit(Path dir, Map<String, String> files) throws Exception {
    try (Git git = Git.open(dir.toFile())) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
        if (path.getParent().endsWith("hooks")
            || path.getParent().endsWith(Path.of("hooks", "mgmt"))) {
          // hooks are executables; git records the mode
          Files.setPosixFilePermissions(
              path, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("templates for the end-to-end test")
          .setAuthor("ays-e2e", "e2e@localhost")
          .setCommitter("ays-e2e", "e2e@localhost")
          .setSign(false)
          .call();
    }
    return dir;
  }

  /** A template whose process is a real HTTP server listening on the answered port. */
  static Map<String, String> helloHttp() {
    return Map.of(
        "hello-http/service.hrd",
        """
        description = 'a tiny HTTP server for the end-to-end test'
        platform.supported = linux
        process.1 =
            cmd:'python3',
            args:'-m http.server $(instance.param.port) --bind 127.0.0.1',
            ports:'$(instance.param.port)',
            timeout_start:'15',
            timeout_stop:'5',
        """,
        "hello-http/instance.hrd",
        """
        param.port = @ASK type:int default:8090 minValue:1024 maxValue:65535 descr:'port to listen on'
        """);
  }
}
