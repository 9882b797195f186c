package io.ays.registry;

import io.ays.testing.TestCertificates;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A registry with client certificates turned on the way an operator does it (the settings of
 * docs/operations.md): its own certificate and trust store from a test CA, and a role file mapping
 * {@value #PUBLISHER} to publisher, {@value #VIEWER} to viewer and {@value #INTRUDER} (whose
 * certificate a CA the registry does not trust signed) to admin.
 */
public class ClientCertificateProfile implements QuarkusTestProfile {

  static final String PUBLISHER = "ci-publisher";
  static final String VIEWER = "grafana-viewer";
  static final String UNMAPPED = "nobody-mapped";
  static final String INTRUDER = "intruder";

  // The profile and the test class may live in different class loaders: the folder of this run is
  // handed over through a system property, so both see the same certificates.
  private static final String DIR_PROPERTY = "ays.test.client-certificates";

  /** The folder holding this run's certificates, made on first use. */
  static synchronized Path certificates() {
    String made = System.getProperty(DIR_PROPERTY);
    if (made != null) {
      return Path.of(made);
    }
    try {
      Path dir =
          Files.createDirectories(
              Path.of("target", "client-certificates-" + UUID.randomUUID()).toAbsolutePath());
      TestCertificates trusted =
          TestCertificates.newAuthority(Files.createDirectories(dir.resolve("trusted")));
      trusted.trustStore();
      for (String name : new String[] {"localhost", PUBLISHER, VIEWER, UNMAPPED}) {
        trusted.keyStore(name);
      }
      TestCertificates.newAuthority(Files.createDirectories(dir.resolve("stranger")))
          .keyStore(INTRUDER);
      Files.writeString(
          dir.resolve("certificate-roles.properties"),
          PUBLISHER + "=publisher\n" + VIEWER + "=viewer\n" + INTRUDER + "=admin\n");
      System.setProperty(DIR_PROPERTY, dir.toString());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The trust store holding the registry's CA (what a client needs to trust the registry). */
  static Path trustStore() {
    return certificates().resolve("trusted").resolve("truststore.p12");
  }

  /** The registry's own certificate (CN and SAN localhost), signed by its CA. */
  static Path serverKeyStore() {
    return certificates().resolve("trusted").resolve("localhost.p12");
  }

  /** The key store of a client certificate signed by the registry's CA. */
  static Path trustedClient(String name) {
    return certificates().resolve("trusted").resolve(name + ".p12");
  }

  /** The key store of {@value #INTRUDER}, signed by a CA the registry does not trust. */
  static Path untrustedClient() {
    return certificates().resolve("stranger").resolve(INTRUDER + ".p12");
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    Path dir = certificates();
    return Map.of(
        "quarkus.tls.key-store.p12.path",
        serverKeyStore().toString(),
        "quarkus.tls.key-store.p12.password",
        TestCertificates.PASSWORD,
        "quarkus.tls.trust-store.p12.path",
        trustStore().toString(),
        "quarkus.tls.trust-store.p12.password",
        TestCertificates.PASSWORD,
        "AYS_HTTP_CERTIFICATE_ROLES",
        dir.resolve("certificate-roles.properties").toString(),
        "ays.registry.sync-interval",
        "1h",
        "ays.registry.sync-on-start",
        "false");
  }
}
