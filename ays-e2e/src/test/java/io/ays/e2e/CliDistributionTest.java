package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line's distribution as a person unpacks it: the launcher runs, and the completion
 * script and the man pages picocli generated at package time cover every command the launcher
 * lists. No cluster: a few seconds.
 */
class CliDistributionTest {

  private final Path projectDir = Path.of(System.getProperty("ays.project.dir"));
  private final Path dist = projectDir.resolve("ays-cli/target/ays-cli-dist/ays-cli");

  @Test
  void theLauncherRunsAndCompletionAndManPagesCoverEveryCommand() throws Exception {
    assertThat(projectDir.resolve("ays-cli/target/ays-cli-dist.tar.gz")).isRegularFile();
    assertThat(dist.resolve("bin/ays")).isExecutable();

    String help = launch("--help");
    List<String> commands = new ArrayList<>();
    Matcher line =
        Pattern.compile("(?m)^  ([a-z-]+) ").matcher(help.substring(help.indexOf("Commands:")));
    while (line.find()) {
      commands.add(line.group(1));
    }
    assertThat(commands).contains("install", "status", "dead-letters", "trace");

    String completion = Files.readString(dist.resolve("completion/ays"), StandardCharsets.UTF_8);
    List<String> manPages;
    try (Stream<Path> files = Files.list(dist.resolve("man"))) {
      manPages = files.map(p -> p.getFileName().toString()).toList();
    }
    assertThat(manPages).contains("ays.adoc", "ays-dead-letters-replay.adoc");
    for (String command : commands) {
      assertThat(completion).as("completion of %s", command).contains(command);
      assertThat(manPages).as("man page of %s", command).contains("ays-" + command + ".adoc");
    }
    assertThat(Files.readString(dist.resolve("man/ays-runs.adoc"), StandardCharsets.UTF_8))
        .contains("--step-output")
        .contains("--output");
  }

  private String launch(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(dist.resolve("bin/ays").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .put("AYS_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
