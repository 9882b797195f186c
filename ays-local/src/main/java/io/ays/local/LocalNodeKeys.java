package io.ays.local;

import io.ays.contracts.NodeId;
import io.ays.contracts.secrets.NodeKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Makes a node's key pair for the secrets commands carry ({@code ./ays up} for the local node,
 * {@code ./ays node-credentials <node>} for others): the private key (mode 0600) for that node's
 * executor, the public key as {@code <node>.pub} in the directory the coordinator reads node keys
 * from. An existing private key is kept, and its public key written again. Prints paths, never a
 * key.
 */
public final class LocalNodeKeys {

  private LocalNodeKeys() {}

  public static void main(String[] args) {
    CommandLine line =
        CommandLine.parse("LocalNodeKeys", args, Set.of("node", "private-key", "public-dir"));
    String node = NodeId.of(line.require("node")).value();
    Path privateKey = Path.of(line.require("private-key"));
    Path publicKey = NodeKeys.publicKeyFile(Path.of(line.require("public-dir")), node);
    if (Files.exists(privateKey)) {
      // fails with the file's name if it holds no key
      NodeKeys.writePublicKey(NodeKeys.readPrivateKey(privateKey).generatePublicKey(), publicKey);
      System.out.println("node key of " + node + " kept: " + privateKey + ", public " + publicKey);
      return;
    }
    NodeKeys.writeNewPair(privateKey, publicKey);
    System.out.println(
        "node key of " + node + " made: " + privateKey + " (mode 0600), public " + publicKey);
  }
}
