package io.ays.coordinator.config;

import io.ays.contracts.NodeId;
import io.ays.contracts.secrets.NodeKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * The nodes' public keys, from the directory the operator gives the coordinator ({@code
 * ays.coordinator.secrets.node-keys}), read when a command needs one: the only place the
 * coordinator learns a node's key from (never a message).
 */
@ApplicationScoped
public class NodePublicKeys {

  static final String PROPERTY = "ays.coordinator.secrets.node-keys";

  /** A node has no usable key: the message says which node, and how to register one. */
  public static final class MissingNodeKey extends RuntimeException {
    MissingNodeKey(String message) {
      super(message);
    }
  }

  private final Optional<Path> directory;

  public NodePublicKeys(CoordinatorConfig config) {
    this.directory = config.secrets().nodeKeys();
  }

  /**
   * The public key of {@code node}.
   *
   * @throws MissingNodeKey naming the node and where its key belongs, if there is none or it cannot
   *     be read
   */
  public X25519PublicKeyParameters of(NodeId node) {
    String how =
        "secret values are sent to a node only sealed with its own key, never in clear; make the"
            + " node's key pair with ./ays node-credentials "
            + node.value()
            + " (or io.ays.local.LocalNodeKeys) and put its public key";
    if (directory.isEmpty()) {
      throw new MissingNodeKey(
          "node "
              + node.value()
              + " has no public key: "
              + how
              + " in the directory that "
              + PROPERTY
              + " (env AYS_NODE_KEYS_DIR) names, which is not set; docs/security.md, \"Secrets on"
              + " the bus\"");
    }
    Path file = NodeKeys.publicKeyFile(directory.get(), node.value());
    if (!Files.exists(file)) {
      throw new MissingNodeKey(
          "node "
              + node.value()
              + " has no public key: "
              + how
              + " at "
              + file
              + "; docs/security.md, \"Secrets on the bus\"");
    }
    try {
      return NodeKeys.readPublicKey(file);
    } catch (IllegalArgumentException e) {
      throw new MissingNodeKey("the public key of node " + node.value() + ": " + e.getMessage());
    }
  }
}
