package io.ays.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.contracts.secrets.NodeKeys;
import io.ays.contracts.secrets.NodeSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ays up} and {@code ./ays node-credentials} make a node's key pair once, then keep it.
 */
class LocalNodeKeysTest {

  @Test
  void makesAnOwnerOnlyPrivateKeyAndItsPublicKeyForTheCoordinatorOnceThenKeepsThem(
      @TempDir Path home) throws Exception {
    Path privateKey = home.resolve("keys/node-n7.key");
    Path publicDir = home.resolve("keys/nodes");
    String[] args = {
      "--node", "n7", "--private-key", privateKey.toString(), "--public-dir", publicDir.toString()
    };

    LocalNodeKeys.main(args);
    String first = Files.readString(privateKey);
    Files.delete(publicDir.resolve("n7.pub"));
    LocalNodeKeys.main(args);

    assertThat(Files.readString(privateKey)).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)))
        .isEqualTo("rw-------");
    String sealed =
        NodeSecrets.seal("x", "n7", "k", NodeKeys.readPublicKey(publicDir.resolve("n7.pub")));
    assertThat(NodeSecrets.open(sealed, "n7", "k", NodeKeys.readPrivateKey(privateKey)))
        .isEqualTo("x");
  }

  @Test
  void refusesANodeIdThatCouldBeAPath(@TempDir Path home) {
    assertThatThrownBy(
            () ->
                LocalNodeKeys.main(
                    new String[] {
                      "--node",
                      "../x",
                      "--private-key",
                      home.resolve("k").toString(),
                      "--public-dir",
                      home.toString()
                    }))
        .hasMessageContaining("../x");
  }
}
