package io.ays.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One compose project of deploy/compose, driven through the compose command-line tool (Debian's
 * docker-compose 1.29, or the docker compose plugin): up, exec, logs, down. Its environment (the
 * settings .env would give, the secrets folder, the ports) is passed to every call, never printed:
 * compose resolves the secrets folder from it.
 */
final class ComposeProject {

  /** A finished command: its exit code and its output (stdout and stderr, merged). */
  record Result(int exitCode, String output) {}

  private final List<String> cli;
  private final String name;
  private final Path directory;
  private final List<String> files;
  private final Map<String, String> environment;

  /**
   * @param cli the compose tool, e.g. [docker-compose] or [docker, compose]
   * @param name the project name: prefix of its containers, volumes and networks
   * @param directory the folder of the compose files (relative paths in them start there)
   * @param files the compose files, in order (later ones override)
   * @param environment what the files' ${...} take, over .env
   */
  ComposeProject(
      List<String> cli,
      String name,
      Path directory,
      List<String> files,
      Map<String, String> environment) {
    this.cli = List.copyOf(cli);
    this.name = name;
    this.directory = directory;
    this.files = List.copyOf(files);
    this.environment = Map.copyOf(environment);
  }

  /**
   * The compose tool of this machine: Debian's docker-compose if installed (what CI installs), else
   * the docker compose plugin; null if neither answers.
   */
  static List<String> findCli() {
    for (List<String> candidate :
        List.of(List.of("docker-compose"), List.of("docker", "compose"))) {
      List<String> version = new ArrayList<>(candidate);
      version.add("version");
      try {
        if (run(version, Map.of(), Path.of("."), Duration.ofSeconds(30)).exitCode() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // not installed: try the next
      }
    }
    return null;
  }

  String name() {
    return name;
  }

  /** Runs {@code <cli> -p <name> -f ... <args>} in the compose folder; fails on a non-zero exit. */
  Result compose(Duration timeout, String... args) throws IOException {
    Result result = composeMayFail(timeout, args);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "compose "
              + String.join(" ", args)
              + " exited "
              + result.exitCode()
              + ":\n"
              + tail(result.output(), 60));
    }
    return result;
  }

  /** As {@link #compose}, returning a non-zero exit instead of failing. */
  Result composeMayFail(Duration timeout, String... args) throws IOException {
    List<String> command = new ArrayList<>(cli);
    command.add("-p");
    command.add(name);
    for (String file : files) {
      command.add("-f");
      command.add(file);
    }
    command.addAll(List.of(args));
    return run(command, environment, directory, timeout);
  }

  /** Runs a command in the running container of a service (no TTY), as the image's user. */
  Result exec(String service, String... command) throws IOException {
    List<String> args = new ArrayList<>(List.of("exec", "-T", service));
    args.addAll(List.of(command));
    return composeMayFail(Duration.ofSeconds(60), args.toArray(String[]::new));
  }

  /**
   * Every container of the project (those compose started, whatever their state), as service name
   * to "state health exit-code", e.g. {@code running healthy 0} or {@code exited unhealthy 2}.
   */
  Map<String, String> states() throws IOException {
    Result ids =
        run(
            List.of(
                "docker", "ps", "-a", "-q", "--filter", "label=com.docker.compose.project=" + name),
            Map.of(),
            directory,
            Duration.ofSeconds(30));
    Map<String, String> states = new LinkedHashMap<>();
    for (String id : ids.output().strip().split("\\s+")) {
      if (id.isBlank()) {
        continue;
      }
      Result inspect =
          run(
              List.of(
                  "docker",
                  "inspect",
                  "--format",
                  "{{index .Config.Labels \"com.docker.compose.service\"}} {{.State.Status}}"
                      + " {{if .State.Health}}{{.State.Health.Status}}{{else}}-{{end}}"
                      + " {{.State.ExitCode}}",
                  id),
              Map.of(),
              directory,
              Duration.ofSeconds(30));
      String[] fields = inspect.output().strip().split(" ", 2);
      if (fields.length == 2) {
        states.put(fields[0], fields[1]);
      }
    }
    return states;
  }

  /** The services whose container is neither running healthy nor a job that exited 0. */
  List<String> failingServices() throws IOException {
    List<String> failing = new ArrayList<>();
    for (Map.Entry<String, String> state : states().entrySet()) {
      String s = state.getValue();
      // A job's container keeps the health status of its image's HEALTHCHECK when it exits.
      boolean fine =
          s.startsWith("running healthy") || (s.startsWith("exited ") && s.endsWith(" 0"));
      if (!fine) {
        failing.add(state.getKey() + " (" + s + ")");
      }
    }
    return failing;
  }

  /**
   * What to read after a failure: every container's state and the log tails of the services that
   * are not healthy (of all, if every one is), each line of the report starting with {@code tag}.
   */
  String failureReport(String tag) {
    StringBuilder report = new StringBuilder();
    try {
      Map<String, String> states = states();
      report.append(tag).append("containers of ").append(name).append(": ").append(states);
      List<String> failing = failingServices();
      List<String> services =
          failing.isEmpty()
              ? List.copyOf(states.keySet())
              : failing.stream().map(s -> s.substring(0, s.indexOf(' '))).toList();
      for (String service : services) {
        report
            .append('\n')
            .append(tag)
            .append("---- ")
            .append(service)
            .append(failing.isEmpty() ? "" : " (failing)")
            .append(" ----\n")
            .append(logs(service, failing.isEmpty() ? 40 : 150));
      }
    } catch (IOException | RuntimeException e) {
      report.append('\n').append(tag).append("could not read the compose logs: ").append(e);
    }
    return report.toString();
  }

  /** The last lines of a service's log. */
  String logs(String service, int lines) throws IOException {
    return composeMayFail(
            Duration.ofSeconds(60), "logs", "--no-color", "--tail", String.valueOf(lines), service)
        .output();
  }

  /**
   * What is left of the project in Docker: containers, volumes and networks labelled with its name
   * (empty after {@code down -v}).
   */
  List<String> leftovers() throws IOException {
    List<String> left = new ArrayList<>();
    String label = "label=com.docker.compose.project=" + name;
    for (List<String> list :
        List.of(
            List.of("docker", "ps", "-a", "--format", "container {{.Names}}", "--filter", label),
            List.of("docker", "volume", "ls", "--format", "volume {{.Name}}", "--filter", label),
            List.of(
                "docker", "network", "ls", "--format", "network {{.Name}}", "--filter", label))) {
      Result result = run(list, Map.of(), directory, Duration.ofSeconds(30));
      if (result.exitCode() != 0) {
        left.add(String.join(" ", list) + " failed: " + result.output().strip());
      }
      result.output().lines().filter(l -> !l.isBlank()).forEach(left::add);
    }
    return left;
  }

  private static Result run(
      List<String> command, Map<String, String> environment, Path directory, Duration timeout)
      throws IOException {
    Path output = Files.createTempFile("compose-", ".out");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
          throw new IllegalStateException(
              String.join(" ", command.subList(0, Math.min(command.size(), 6)))
                  + "... did not finish within "
                  + timeout
                  + ":\n"
                  + tail(Files.readString(output, StandardCharsets.UTF_8), 40));
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
