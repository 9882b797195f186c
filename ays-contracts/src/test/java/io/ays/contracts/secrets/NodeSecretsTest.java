package io.ays.contracts.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSecretsTest {

  @TempDir Path dir;

  @Test
  void aValueSealedForANodeOpensOnlyWithThatNodesKeyAndLabel() {
    var nodeA = NodeKeys.generate();
    var nodeB = NodeKeys.generate();
    String sealed =
        NodeSecrets.seal("s3cr3t-ü", "node-a", "instance.password", nodeA.generatePublicKey());

    assertThat(sealed).startsWith(NodeSecrets.PREFIX).doesNotContain("s3cr3t");
    assertThat(NodeSecrets.open(sealed, "node-a", "instance.password", nodeA))
        .isEqualTo("s3cr3t-ü");
    assertThatThrownBy(() -> NodeSecrets.open(sealed, "node-b", "instance.password", nodeB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not open with the key of node node-b");
    assertThatThrownBy(() -> NodeSecrets.open(sealed, "node-b", "instance.password", nodeA))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeSecrets.open(sealed, "node-a", "instance.other", nodeA))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aChangedOrCutValueIsRefusedNotOpenedToGarbage() {
    var key = NodeKeys.generate();
    String sealed = NodeSecrets.seal("value", "n1", "k", key.generatePublicKey());
    char last = sealed.charAt(sealed.length() - 3);
    String changed =
        sealed.substring(0, sealed.length() - 3)
            + (last == 'A' ? 'B' : 'A')
            + sealed.substring(sealed.length() - 2);

    assertThatThrownBy(() -> NodeSecrets.open(changed, "n1", "k", key))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeSecrets.open(NodeSecrets.PREFIX + "AAAA", "n1", "k", key))
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> NodeSecrets.open("clear", "n1", "k", key))
        .hasMessageContaining("not a value sealed for a node");
  }

  @Test
  void keyFilesRoundTripAndThePrivateOneIsOwnerOnly() throws Exception {
    Path privateFile = dir.resolve("keys/node.key");
    Path publicFile = NodeKeys.publicKeyFile(dir.resolve("nodes"), "n7");
    NodeKeys.writeNewPair(privateFile, publicFile);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile)))
        .isEqualTo("rw-------");
    String sealed = NodeSecrets.seal("x", "n7", "k", NodeKeys.readPublicKey(publicFile));
    assertThat(NodeSecrets.open(sealed, "n7", "k", NodeKeys.readPrivateKey(privateFile)))
        .isEqualTo("x");
    Files.writeString(dir.resolve("bad.pub"), "bm90IGEga2V5\n");
    assertThatThrownBy(() -> NodeKeys.readPublicKey(dir.resolve("bad.pub")))
        .hasMessageContaining("bad.pub")
        .hasMessageContaining("32 bytes");
  }
}
