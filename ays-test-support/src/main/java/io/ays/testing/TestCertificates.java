package io.ays.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test certificate authority and the PKCS#12 key stores it signs, made with the JDK's keytool (as
 * an operator would): a trust store holding the CA, and key stores for a server (SAN localhost and
 * 127.0.0.1) or a client (its CN is the principal).
 */
public final class TestCertificates {

  public static final String PASSWORD = "test-store-password";

  private final Path dir;
  private final Path caStore;
  private final Path caCert;

  private TestCertificates(Path dir) {
    this.dir = dir;
    this.caStore = dir.resolve("ca.p12");
    this.caCert = dir.resolve("ca.pem");
  }

  /** A new CA in this folder. */
  public static TestCertificates newAuthority(Path dir) throws IOException, InterruptedException {
    TestCertificates certs = new TestCertificates(dir);
    certs.keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=ays-test-ca",
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        certs.caStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    certs.keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        certs.caStore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        certs.caCert.toString());
    return certs;
  }

  /** A trust store holding only the CA. */
  public Path trustStore() throws IOException, InterruptedException {
    Path store = dir.resolve("truststore.p12");
    if (!store.toFile().exists()) {
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          "ca",
          "-file",
          caCert.toString(),
          "-keystore",
          store.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          PASSWORD);
    }
    return store;
  }

  /** A key store with a key pair for {@code CN=<name>} signed by the CA (server and client use). */
  public Path keyStore(String name) throws IOException, InterruptedException {
    Path store = dir.resolve(name + ".p12");
    Path request = dir.resolve(name + ".csr");
    Path cert = dir.resolve(name + ".pem");
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + name,
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    keytool(
        "-certreq",
        "-alias",
        name,
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        request.toString());
    keytool(
        "-gencert",
        "-alias",
        "ca",
        "-keystore",
        caStore.toString(),
        "-storepass",
        PASSWORD,
        "-infile",
        request.toString(),
        "-outfile",
        cert.toString(),
        "-rfc",
        "-validity",
        "2",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-ext",
        "EKU=serverAuth,clientAuth");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        caCert.toString(),
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD);
    keytool(
        "-importcert",
        "-alias",
        name,
        "-file",
        cert.toString(),
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD);
    return store;
  }

  private void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
    }
  }
}
