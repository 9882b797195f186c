package io.ays.local;

import io.ays.contracts.kafka.KafkaClientConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SCRAM-SHA-512 credentials of AYS's Kafka principals, one Kafka client settings file each
 * ({@code <dir>/<principal>.properties}, mode 0600): the file a service, the command line or kcat
 * is given as {@code AYS_KAFKA_CLIENT_CONFIG}. A missing file is made with a random password; an
 * existing one is kept, so its password survives {@code ./ays down && ./ays up}. Passwords are
 * never printed. The file also says how to reach the broker ({@link KafkaTransport}): in the clear,
 * or over TLS trusting the local CA; an existing file is brought to the transport asked for, so
 * {@code AYS_KAFKA_TLS} can be switched on and off again.
 *
 * <p>Usage: {@code KafkaCredentials --dir DIR --principal NAME [--tls-ca CA.pem]} makes the file if
 * missing.
 */
public final class KafkaCredentials {

  static final String MECHANISM = "SCRAM-SHA-512";

  private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern PASSWORD = Pattern.compile("password=\"([^\"]*)\"");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final boolean makeMissing;
  private final KafkaTransport transport;

  /** Credentials in this folder, in the clear; a missing principal's file is made. */
  KafkaCredentials(Path dir) {
    this(dir, true, KafkaTransport.PLAINTEXT);
  }

  /**
   * Credentials in this folder, for this transport; with {@code makeMissing} false every file must
   * be there already (mounted from Secrets, read-only) and nothing is written, the transport
   * included.
   */
  KafkaCredentials(Path dir, boolean makeMissing, KafkaTransport transport) {
    this.dir = dir;
    this.makeMissing = makeMissing;
    this.transport = transport;
  }

  public static void main(String[] args) {
    try {
      CommandLine cl =
          CommandLine.parse("KafkaCredentials", args, Set.of("dir", "principal", "tls-ca"));
      KafkaCredentials credentials =
          new KafkaCredentials(Path.of(cl.require("dir")), true, KafkaTransport.of(cl));
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
   * librdkafka file is (re)made from it when missing; both are brought to the transport. Without
   * {@code makeMissing}, only read.
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
    useTransport(file, transport.javaKeys(), transport.javaSettings());
    String password = passwordIn(file);
    Path librdkafka = librdkafkaFileOf(principal);
    if (!Files.exists(librdkafka)) {
      write(librdkafka, librdkafkaSettings(principal, password));
    }
    useTransport(librdkafka, transport.librdkafkaKeys(), transport.librdkafkaSettings());
    return password;
  }

  /**
   * Replaces the transport's settings in a client settings file (after its leading comments),
   * keeping every other line; the file is replaced whole, still mode 0600, only if it changes.
   */
  private static void useTransport(Path file, List<String> keys, List<String> settings) {
    try {
      List<String> lines = Files.readAllLines(file);
      List<String> kept = new ArrayList<>();
      for (String line : lines) {
        int eq = line.indexOf('=');
        if (eq < 0 || !keys.contains(line.substring(0, eq).strip())) {
          kept.add(line);
        }
      }
      int at = 0;
      while (at < kept.size() && kept.get(at).startsWith("#")) {
        at++;
      }
      kept.addAll(at, settings);
      if (kept.equals(lines)) {
        return;
      }
      Path next = file.resolveSibling(file.getFileName() + ".next");
      Files.deleteIfExists(next);
      write(next, String.join("\n", kept) + "\n");
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the Kafka credentials " + file, e);
    }
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
        + "sasl.mechanisms="
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
