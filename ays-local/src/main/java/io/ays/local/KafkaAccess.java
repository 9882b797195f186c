package io.ays.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;

/**
 * Gives AYS's principals their access on a broker, as the admin: for every principal of the ACL
 * manifest (deploy/kafka/acls.txt) a SCRAM-SHA-512 credential (its client settings file is made in
 * the credentials folder if missing, see {@link KafkaCredentials}) and the manifest's ACLs.
 * Idempotent: run again, it keeps the passwords and adds only what is missing.
 *
 * <p>Usage: {@code KafkaAccess --bootstrap HOST:PORT --admin-config FILE --manifest FILE
 * --credentials-dir DIR [--nodes local,n2] [--make-missing-credentials false] [--tls-ca CA.pem]}:
 * with {@code false} the folder is only read (e.g. Secrets mounted read-only) and a principal
 * without a file is an error; with {@code --tls-ca} the files it writes reach the broker over TLS
 * ({@link KafkaTransport}). Prints the principals, never a password.
 */
public final class KafkaAccess {

  private static final Set<String> OPTIONS =
      Set.of(
          "bootstrap",
          "admin-config",
          "manifest",
          "credentials-dir",
          "nodes",
          "make-missing-credentials",
          "tls-ca");

  private final Admin admin;
  private final KafkaCredentials credentials;

  KafkaAccess(Admin admin, KafkaCredentials credentials) {
    this.admin = admin;
    this.credentials = credentials;
  }

  public static void main(String[] args) {
    try {
      CommandLine cl = CommandLine.parse("KafkaAccess", args, OPTIONS);
      KafkaAccessManifest manifest = KafkaAccessManifest.read(Path.of(cl.require("manifest")));
      List<String> nodes = nodes(cl.get("nodes", "local"));
      Properties props =
          TopicSetup.adminProperties(
              cl.require("bootstrap"), Path.of(cl.require("admin-config")), "ays-kafka-access");
      // Making SCRAM credentials costs the broker CPU (8192 iterations each): on a busy machine a
      // request can take longer than the short timeouts that suit waiting for the broker.
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "60000");
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "180000");
      KafkaCredentials credentials =
          new KafkaCredentials(
              Path.of(cl.require("credentials-dir")),
              flag(cl.get("make-missing-credentials", "true"), "make-missing-credentials"),
              KafkaTransport.of(cl));
      try (Admin admin = Admin.create(props)) {
        new KafkaAccess(admin, credentials).apply(manifest, nodes);
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      System.err.println("Kafka access setup failed: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }

  static boolean flag(String value, String option) {
    return switch (value.strip()) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "--" + option + ": true or false, got '" + value + "'");
    };
  }

  static List<String> nodes(String list) {
    List<String> nodes =
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("--nodes: give at least one node id");
    }
    return nodes;
  }

  /** Makes the credentials and ACLs of the manifest's principals for these nodes. */
  void apply(KafkaAccessManifest manifest, List<String> nodes)
      throws ExecutionException, InterruptedException {
    Set<String> principals = manifest.principals(nodes);
    ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192);
    admin
        .alterUserScramCredentials(
            principals.stream()
                .<UserScramCredentialAlteration>map(
                    p -> new UserScramCredentialUpsertion(p, info, credentials.ensure(p)))
                .toList())
        .all()
        .get();
    List<AclBinding> bindings = manifest.bindings(nodes);
    admin.createAcls(bindings).all().get();
    System.out.printf(
        "  Kafka principals %s: credentials in %s, %d ACLs%n",
        String.join(", ", principals),
        credentials.fileOf(principals.iterator().next()).getParent(),
        bindings.size());
  }
}
