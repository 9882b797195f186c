package io.ays.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.cli.AysCommand;
import io.ays.cli.Endpoints;
import io.ays.cli.ExitCodes;
import io.ays.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Named contexts of the config file: made and chosen with {@code ays config}, used by every
 * command, below flags and environment variables, with secrets only in private files. No service
 * needed.
 */
class ContextsTest {

  @TempDir Path dir;

  private final Map<String, String> env = new HashMap<>();
  private Path tokenFile;
  private Path kafkaConfig;

  @BeforeEach
  void files() throws IOException {
    env.put("AYS_CONFIG", dir.resolve("config.yaml").toString());
    env.put("AYS_HOME", dir.resolve("no-ays-home").toString());
    tokenFile = secret("prod.token", "prod-token-value\n");
    kafkaConfig =
        secret(
            "prod-kafka.properties",
            "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                + " required username=\"ays-operator\" password=\"kafka-secret\";\n");
  }

  @Test
  void aContextMadeAndChosenWithAysConfigGivesEveryCommandItsAddressesAndSecrets() {
    assertThat(
            run(
                    "config",
                    "set-context",
                    "prod",
                    "--kafka",
                    "kafka.example.org:9094",
                    "--kafka-config",
                    kafkaConfig.toString(),
                    "--coordinator",
                    "https://ays.example.org/coordinator/",
                    "--registry",
                    "https://ays.example.org/registry",
                    "--monitor",
                    "https://ays.example.org/monitor",
                    "--token-file",
                    tokenFile.toString())
                .code)
        .isZero();
    assertThat(run("config", "use-context", "prod").code).isZero();
    assertThat(run("config", "current-context").out).isEqualTo("prod\n");
    assertThat(run("config", "get-contexts").out)
        .containsPattern("\\*\\s+prod\\s+kafka.example.org:9094");

    AysCommand status = parse("status");
    Endpoints endpoints = status.endpoints();
    assertThat(endpoints.kafka()).isEqualTo("kafka.example.org:9094");
    assertThat(endpoints.coordinator()).hasToString("https://ays.example.org/coordinator");
    assertThat(endpoints.registry()).hasToString("https://ays.example.org/registry");
    assertThat(endpoints.monitor()).hasToString("https://ays.example.org/monitor");
    assertThat(endpoints.kafkaClientConfig()).isEqualTo(kafkaConfig);
    assertThat(status.token().value()).contains("prod-token-value");
  }

  @Test
  void everyConfigCommandHasHelp() {
    for (String command :
        new String[] {
          "get-contexts", "current-context", "use-context", "set-context", "delete-context", "view"
        }) {
      Run help = run("config", command, "--help");
      assertThat(help.code).as(command).isZero();
      assertThat(help.out).as(command).contains("Usage: ays config " + command);
    }
  }

  @Test
  void aFlagBeatsItsEnvironmentVariableWhichBeatsTheContextWhichBeatsTheDefaults() {
    run(
        "config",
        "set-context",
        "prod",
        "--coordinator",
        "https://context:1",
        "--registry",
        "https://context:2",
        "--kafka",
        "context:9092");
    run("config", "use-context", "prod");
    env.put("AYS_COORDINATOR_URL", "http://env:1");
    env.put("AYS_KAFKA_BOOTSTRAP", "env:9092");

    Endpoints fromEnv = parse("status").endpoints();
    assertThat(fromEnv.coordinator()).hasToString("http://env:1");
    assertThat(fromEnv.kafka()).isEqualTo("env:9092");
    assertThat(fromEnv.registry()).hasToString("https://context:2");
    assertThat(fromEnv.monitor()).hasToString("http://127.0.0.1:8084");

    Endpoints fromFlag = parse("status", "--coordinator", "http://flag:1").endpoints();
    assertThat(fromFlag.coordinator()).hasToString("http://flag:1");

    // No context at all: the defaults of ./ays up.
    env.remove("AYS_COORDINATOR_URL");
    env.remove("AYS_KAFKA_BOOTSTRAP");
    run("config", "delete-context", "prod");
    Endpoints defaults = parse("status").endpoints();
    assertThat(defaults.kafka()).isEqualTo("127.0.0.1:9092");
    assertThat(defaults.coordinator()).hasToString("http://127.0.0.1:8082");
  }

  @Test
  void contextChoosesAnotherContextForOneCommandAndAnUnknownOneIsNamed() {
    run("config", "set-context", "local");
    run("config", "set-context", "staging", "--coordinator", "https://staging:8082");
    run("config", "use-context", "local");

    assertThat(parse("status", "--context", "staging").endpoints().coordinator())
        .hasToString("https://staging:8082");
    env.put("AYS_CONTEXT", "staging");
    assertThat(parse("status").endpoints().coordinator()).hasToString("https://staging:8082");

    Run unknown = run("--context", "prdo", "status");
    assertThat(unknown.code).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err).contains("no context 'prdo'").contains("local, staging");
  }

  @Test
  void aSecretFileOthersCanReadIsRefusedWhenSetAndWhenUsed() throws IOException {
    Path open = dir.resolve("open.token");
    Files.writeString(open, "t");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    Run refused = run("config", "set-context", "prod", "--token-file", open.toString());
    assertThat(refused.code).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err).contains(open.toString()).contains("chmod 600");
    assertThat(Files.exists(dir.resolve("config.yaml"))).isFalse();

    run("config", "set-context", "prod", "--token-file", tokenFile.toString());
    run("config", "use-context", "prod");
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r-----"));
    Run used = run("status");
    assertThat(used.code).isEqualTo(ExitCodes.USAGE);
    assertThat(used.err).contains("context 'prod' token-file").contains("chmod 600");
  }

  @Test
  void theConfigFileIsPrivateAndViewNamesSecretFilesWithoutTheirContent() throws IOException {
    run(
        "config",
        "set-context",
        "prod",
        "--token-file",
        tokenFile.toString(),
        "--kafka-config",
        kafkaConfig.toString());
    Path config = dir.resolve("config.yaml");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");

    Run view = run("config", "view");
    assertThat(view.out)
        .contains("prod:")
        .contains("token-file: " + tokenFile)
        .contains("kafka-config: " + kafkaConfig)
        .doesNotContain("prod-token-value")
        .doesNotContain("kafka-secret");
    assertThat(Files.readString(config)).doesNotContain("prod-token-value");
  }

  @Test
  void aTokenWrittenIntoTheFileIsRefusedWithItsLineAndNotEchoed() throws IOException {
    Files.writeString(
        dir.resolve("config.yaml"),
        "current-context: prod\ncontexts:\n  prod:\n    kafka: k:9092\n    token: s3cr3t\n");
    Run run = run("status");
    assertThat(run.code).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err)
        .contains("config.yaml line 5")
        .contains("'contexts.prod.token' is not a setting")
        .contains("token-file")
        .doesNotContain("s3cr3t");
  }

  // --- helpers ------------------------------------------------------------------------------

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private AysCommand parse(String... args) {
    CommandLine cli = Main.commandLine(env);
    cli.parseArgs(args);
    return cli.getCommand();
  }

  private Path secret(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
