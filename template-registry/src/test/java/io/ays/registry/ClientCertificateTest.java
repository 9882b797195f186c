package io.ays.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestCertificates;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;

/**
 * Client certificates on the registry's real HTTPS port (docs/security.md, "Client certificates"):
 * a certificate its trust store vouches for authenticates, with the roles the role file gives its
 * CN; one from another CA gets nothing; a bearer token works over HTTPS without a certificate.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(ClientCertificateProfile.class)
class ClientCertificateTest {

  /** What {@link #status} answers when the server ends the TLS handshake. */
  private static final int HANDSHAKE_REFUSED = -1;

  @TestHTTPResource(value = "/", tls = true)
  URI https;

  @Test
  void aCertificateMappedToPublisherMaySync() throws Exception {
    HttpClient publisher =
        client(ClientCertificateProfile.trustedClient(ClientCertificateProfile.PUBLISHER));

    assertThat(status(publisher, post("sync"))).isEqualTo(200);
  }

  @Test
  void aCertificateMappedToViewerReadsButMayNotSync() throws Exception {
    HttpClient viewer =
        client(ClientCertificateProfile.trustedClient(ClientCertificateProfile.VIEWER));

    assertThat(status(viewer, get("templates"))).isEqualTo(200);
    assertThat(status(viewer, post("sync"))).isEqualTo(403);
  }

  @Test
  void aTrustedCertificateWhoseNameIsNotMappedHasNoRole() throws Exception {
    HttpClient unmapped =
        client(ClientCertificateProfile.trustedClient(ClientCertificateProfile.UNMAPPED));

    assertThat(status(unmapped, get("templates"))).isEqualTo(403);
  }

  @Test
  void aCertificateFromAnUntrustedAuthorityIsRefusedThoughItsNameIsMappedToAdmin()
      throws Exception {
    HttpClient intruder = client(ClientCertificateProfile.untrustedClient());

    // The client presents it whatever CAs the server asks for (AlwaysPresenting): the server must
    // refuse it itself.
    assertThat(status(intruder, post("sync"))).isEqualTo(HANDSHAKE_REFUSED);
    assertThat(status(intruder, get("templates"))).isEqualTo(HANDSHAKE_REFUSED);
  }

  @Test
  void aBearerTokenWorksOverHttpsWithoutACertificate() throws Exception {
    HttpClient noCertificate = client(null);
    assertThat(https.getScheme()).isEqualTo("https");

    assertThat(status(noCertificate, get("templates"))).as("no credential").isEqualTo(401);
    assertThat(
            status(
                noCertificate,
                post("sync").header("Authorization", TestTokens.bearer("publisher"))))
        .isEqualTo(200);
    assertThat(
            status(
                noCertificate, post("sync").header("Authorization", TestTokens.bearer("viewer"))))
        .isEqualTo(403);
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(https.resolve(path)).GET();
  }

  private HttpRequest.Builder post(String path) {
    return HttpRequest.newBuilder(https.resolve(path)).POST(HttpRequest.BodyPublishers.noBody());
  }

  private static int status(HttpClient client, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (SSLException refused) {
      return HANDSHAKE_REFUSED;
    } catch (IOException e) {
      if (e.getCause() instanceof SSLException) {
        return HANDSHAKE_REFUSED;
      }
      throw e;
    }
  }

  /**
   * A client trusting the registry's CA that presents the certificate in {@code keyStore} (none if
   * null) whatever CAs the server names as acceptable, so an untrusted certificate does reach it.
   */
  private static HttpClient client(Path keyStore) throws IOException, GeneralSecurityException {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(load(ClientCertificateProfile.trustStore()));
    KeyManager[] keys = null;
    if (keyStore != null) {
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      KeyStore store = load(keyStore);
      factory.init(store, TestCertificates.PASSWORD.toCharArray());
      keys = new KeyManager[] {new AlwaysPresenting((X509KeyManager) factory.getKeyManagers()[0])};
    }
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys, trust.getTrustManagers(), null);
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).build();
  }

  private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, TestCertificates.PASSWORD.toCharArray());
    }
    return store;
  }

  /** Offers one client certificate, even to a server that asks for another CA's. */
  private static final class AlwaysPresenting extends X509ExtendedKeyManager {

    private final X509KeyManager keys;
    private final String alias;

    AlwaysPresenting(X509KeyManager keys) {
      this.keys = keys;
      // The test key stores hold one key pair (an EC key), beside their CA's certificate.
      this.alias = keys.getClientAliases("EC", null)[0];
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return alias;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return alias;
    }

    @Override
    public X509Certificate[] getCertificateChain(String name) {
      return keys.getCertificateChain(name);
    }

    @Override
    public PrivateKey getPrivateKey(String name) {
      return keys.getPrivateKey(name);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {alias};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
