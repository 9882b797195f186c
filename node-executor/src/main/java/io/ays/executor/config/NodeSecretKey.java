package io.ays.executor.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.EventJson;
import io.ays.contracts.secrets.NodeKeys;
import io.ays.contracts.secrets.NodeSecrets;
import io.ays.contracts.signing.SigningKeys;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.jboss.logging.Logger;

/**
 * This node's private key for secrets: opens the values the coordinator sealed for this node in a
 * command, and seals what the executor keeps on disk about running instances. Read at startup; a
 * key file that is set but cannot be read stops the executor; none leaves it running, failing the
 * commands that carry secrets. The key is never logged.
 */
@ApplicationScoped
@Startup
public class NodeSecretKey {

  private static final Logger LOG = Logger.getLogger(NodeSecretKey.class);
  static final String PROPERTY = "ays.executor.secrets.node-key-file";

  private final String nodeId;
  private final Optional<X25519PrivateKeyParameters> key;
  private final ObjectMapper json = EventJson.newObjectMapper();

  @Inject
  public NodeSecretKey(ExecutorConfig config) {
    this(config.nodeId(), config.secrets().nodeKeyFile());
  }

  public NodeSecretKey(String nodeId, Optional<Path> keyFile) {
    this.nodeId = nodeId;
    this.key = keyFile.map(NodeSecretKey::load);
    if (key.isEmpty()) {
      LOG.warnf(
          "no node key (%s, env AYS_NODE_KEY_FILE): commands that carry secret values will fail",
          PROPERTY);
    }
  }

  private static X25519PrivateKeyParameters load(Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalStateException(PROPERTY + ": cannot read " + file);
    }
    if (!SigningKeys.ownerOnly(file)) {
      LOG.warnf("%s: %s is readable by others than its owner; make it mode 0600", PROPERTY, file);
    }
    try {
      return NodeKeys.readPrivateKey(file);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(PROPERTY + ": " + e.getMessage(), e);
    }
  }

  /** Whether this node has a key. */
  public boolean present() {
    return key.isPresent();
  }

  /**
   * A command's configuration with every value sealed for this node opened (each holds its value's
   * JSON, labelled with its configuration key).
   *
   * @throws IllegalArgumentException naming the key and the reason if a value cannot be opened
   */
  public Map<String, Object> open(Map<String, Object> config) {
    if (config.values().stream().noneMatch(NodeSecrets::isSealed)) {
      return config;
    }
    Map<String, Object> open = new TreeMap<>(config);
    for (Map.Entry<String, Object> entry : open.entrySet()) {
      if (NodeSecrets.isSealed(entry.getValue())) {
        entry.setValue(readJson(entry.getKey(), open(entry.getKey(), (String) entry.getValue())));
      }
    }
    return open;
  }

  /** {@code clear} sealed for this node itself under {@code label}; clear if it has no key. */
  public String sealForSelf(String label, String clear) {
    return key.map(k -> NodeSecrets.seal(clear, nodeId, label, k.generatePublicKey()))
        .orElse(clear);
  }

  /**
   * The clear text of what {@link #sealForSelf} wrote (a text that was not sealed as it is).
   *
   * @throws IllegalArgumentException if it was sealed and does not open with this node's key
   */
  public String openFromSelf(String label, String text) {
    return NodeSecrets.isSealed(text) ? open(label, text) : text;
  }

  private String open(String label, String sealed) {
    X25519PrivateKeyParameters k =
        key.orElseThrow(
            () ->
                new IllegalArgumentException(
                    label
                        + " is a secret sealed for node "
                        + nodeId
                        + ", but this executor has no node key: set "
                        + PROPERTY
                        + " (env AYS_NODE_KEY_FILE) to the private key whose public key the"
                        + " coordinator has for "
                        + nodeId));
    try {
      return NodeSecrets.open(sealed, nodeId, label, k);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(label + ": " + e.getMessage());
    }
  }

  private Object readJson(String label, String text) {
    try {
      return json.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(label + ": a sealed value is not JSON");
    }
  }
}
