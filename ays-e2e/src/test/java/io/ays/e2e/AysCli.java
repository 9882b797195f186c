package io.ays.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ays command line's distribution (ays-cli/target/ays-cli-dist: its launcher bin/ays) run as
 * its own process against a cluster, as a person runs it; each run's output is kept in {@code
 * outputs} for a failed test's reader.
 */
final class AysCli {

  /** One finished run: its arguments, exit code and output. */
  record Run(List<String> args, int code, String out, String err) {
    @Override
    public String toString() {
      return "ays "
          + String.join(" ", args)
          + " -> "
          + code
          + "\n--- out\n"
          + out
          + "--- err\n"
          + err;
    }
  }

  private final Path projectDir;
  private final Path outputs;
  private final AysCluster ays;
  private int runs;

  AysCli(Path projectDir, Path outputs, AysCluster ays) throws Exception {
    if (!Files.isExecutable(launcher(projectDir))) {
      throw new IllegalStateException(launcher(projectDir) + " is missing: package ays-cli first");
    }
    Files.createDirectories(outputs);
    this.projectDir = projectDir;
    this.outputs = outputs;
    this.ays = ays;
  }

  /** The distribution's launcher. */
  static Path launcher(Path projectDir) {
    return projectDir.resolve("ays-cli/target/ays-cli-dist/ays-cli/bin/ays");
  }

  /** Runs {@code ays args} to its end (at most 6 minutes: a hung CLI fails the test). */
  Run run(String... args) throws Exception {
    String name = String.format("%02d-%s", ++runs, args[0]);
    List<String> command = new ArrayList<>();
    command.add(launcher(projectDir).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .put("AYS_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    builder.environment().put("AYS_CLI_JAVA_OPTS", "-Xmx128m -XX:TieredStopAtLevel=1");
    // The cluster's addresses now: a service restarted keeps its port, but read them each time.
    builder.environment().putAll(ays.cliEnvironment());
    builder.redirectOutput(outputs.resolve(name + ".out").toFile());
    builder.redirectError(outputs.resolve(name + ".err").toFile());
    Process process = builder.start();
    if (!process.waitFor(6, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("ays " + String.join(" ", args) + " did not end");
    }
    return new Run(
        List.of(args),
        process.exitValue(),
        Files.readString(outputs.resolve(name + ".out"), StandardCharsets.UTF_8),
        Files.readString(outputs.resolve(name + ".err"), StandardCharsets.UTF_8));
  }
}
