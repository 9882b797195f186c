package io.ays.local;

import io.ays.contracts.kafka.KafkaClientConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SCRAM-SHA-512 credentials of AYS's Kafka principals, one Kafka client settings file each
 * ({@code <dir>/<principal>.properties}, mode 0600): the file a service, the command line or kcat
 * is given as {@code AYS_KAFKA_CLIENT_CONFIG}. A missing file is made with a random password; an
 * existing one is kept, so its password survives {@code ./ays down && ./ays up}. Passwords are
 * never printed.
 *
 * <p>Usage: {@code KafkaCredentials --dir DIR --principal NAME} makes the file if missing.
 */
public final class KafkaCredentials {

  static final String MECHANISM = "SCRAM-SHA-512";
  static final String PROTOCOL = "SASL_PLAINTEXT";

  private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern PASSWORD = Pattern.compile("password=\"([^\"]*)\"");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final boolean makeMissing;

  /** Credentials in this folder; a missing principal's file is made. */
  KafkaCredentials(Path dir) {
    this(dir, true);
  }

  /**
   * Credentials in this folder; with {@code makeMissing} false every file must be there already
   * (mounted from Secrets, read-only) and nothing is written.
   */
  KafkaCredentials(Path dir, boolean makeMissing) {
    this.dir = dir;
    this.makeMissing = makeMissing;
  }

  public static void main(String[] args) {
    try {
      CommandLine cl = CommandLine.parse("KafkaCredentials", args, Set.of("dir", "principal"));
      KafkaCredentials credentials = new KafkaCredentials(Path.of(cl.require("dir")));
      String principal = cl.require("principal");
      credentials.ensure(principal);
      System.out.println(
          "Kafka credentials of " + principal + ": " + credentials.fileOf(principal));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  /** The client settings file of a principal (made or not). */
  Path fileOf(String principal) {
    return dir.resolve(checked(principal) + ".properties");
  }

  /**
   * The same credentials for librdkafka clients such as kcat ({@code kcat -F <file>}), which know
   * {@code sasl.username} and {@code sasl.password} but not Java's {@code sasl.jaas.config}.
   */
  Path librdkafkaFileOf(String principal) {
    return dir.resolve(checked(principal) + ".librdkafka.properties");
  }

  /**
   * The principal's password, from its file, made first (random, mode 0600) if missing; its
   * librdkafka file is (re)made from it when missing. Without {@code makeMissing}, only read.
   */
  String ensure(String principal) {
    Path file = fileOf(principal);
    if (!makeMissing) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "no Kafka credentials file "
                + file
                + " for the principal "
                + principal
                + " (every principal's file must be given)");
      }
      return passwordIn(file);
    }
    if (!Files.exists(file)) {
      write(file, javaClientSettings(principal, newPassword()));
    }
    String password = passwordIn(file);
    Path librdkafka = librdkafkaFileOf(principal);
    if (!Files.exists(librdkafka)) {
      write(librdkafka, librdkafkaSettings(principal, password));
    }
    return password;
  }

  /** The password in a client settings file's {@code sasl.jaas.config}. */
  static String passwordIn(Path file) {
    String jaas = KafkaClientConfig.read(file).properties().get("sasl.jaas.config");
    Matcher m = jaas == null ? null : PASSWORD.matcher(jaas);
    if (m == null || !m.find() || m.group(1).isEmpty()) {
      throw new IllegalArgumentException(file + ": sasl.jaas.config holds no password=\"...\"");
    }
    return m.group(1);
  }

  static String checked(String principal) {
    if (!PRINCIPAL.matcher(principal).matches()) {
      throw new IllegalArgumentException(
          "Kafka principal '"
              + principal
              + "': letters, digits, '.', '_' and '-' (starting with a letter or digit)");
    }
    return principal;
  }

  /** 32 random bytes in hex: no character that a properties or JAAS file would need escaped. */
  private static String newPassword() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String javaClientSettings(String principal, String password) {
    return "# Kafka client settings of the AYS principal "
        + principal
        + " (docs/security.md, \"Kafka\"); keep it mode 0600.\n"
        + "security.protocol="
        + PROTOCOL
        + "\n"
        + "sasl.mechanism="
        + MECHANISM
        + "\n"
        + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
        + " username=\""
        + principal
        + "\" password=\""
        + password
        + "\";\n";
  }

  private static String librdkafkaSettings(String principal, String password) {
    return "# librdkafka (kcat -F) settings of the AYS principal "
        + principal
        + " (docs/security.md, \"Kafka\"); keep it mode 0600.\n"
        + "security.protocol="
        + PROTOCOL
        + "\nsasl.mechanisms="
        + MECHANISM
        + "\nsasl.username="
        + principal
        + "\nsasl.password="
        + password
        + "\n";
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Kafka credentials " + file, e);
    }
  }
}
