package io.ays.coordinator.domain;

import io.ays.contracts.NodeId;
import io.ays.contracts.secrets.NodeSecrets;
import io.ays.contracts.secrets.SecretBox;
import io.ays.model.hrd.AskSchema;
import io.ays.model.hrd.ShellText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Secret answers at rest and on show: sealed (encrypted) where answers and configurations are
 * stored, opened only where the clear value is needed (planning, the command for the node), masked
 * as {@value SecretBox#MASK} wherever they are shown. A sealed value holds the JSON of the value,
 * so that it opens with its type (a number, a list, a process definition).
 */
@ApplicationScoped
public class SecretValues {

  private final SecretBox box;
  private final JsonMaps json;

  public SecretValues(SecretBox box, JsonMaps json) {
    this.box = box;
    this.json = json;
  }

  /** {@code answers} as stored: the values of {@code secretKeys} sealed. */
  public String sealedAnswers(Map<String, Object> answers, Set<String> secretKeys) {
    return json.write(seal(answers, secretKeys));
  }

  /** {@code answers} with the values of {@code secretKeys} sealed (an already sealed one kept). */
  public Map<String, Object> seal(Map<String, Object> answers, Set<String> secretKeys) {
    Map<String, Object> sealed = new TreeMap<>(answers);
    sealed.replaceAll(
        (key, value) ->
            value != null
                    && !SecretBox.isSealed(value)
                    && secretKeys.contains(AskSchema.normalise(key))
                ? sealValue(value)
                : value);
    return sealed;
  }

  /**
   * A resolved configuration as stored: every value that holds the clear text of a secret (the
   * answer's own {@code instance.*} key, or a value the answer was substituted into) sealed whole.
   */
  public String sealedConfig(Map<String, Object> config, Collection<String> clearSecrets) {
    // Compared with the JSON of each value: a secret as JSON writes it, quotes and escapes left
    // out; and as substitution quoted it for the shell (a ' in it becomes '\''), so that a value
    // it reached that way is found too.
    List<String> secrets =
        clearSecrets.stream()
            .filter(s -> !s.isEmpty())
            .flatMap(s -> Stream.of(s, quotedInside(s)).distinct())
            .map(s -> json.writeValue(s))
            .map(s -> s.substring(1, s.length() - 1))
            .toList();
    Map<String, Object> sealed = new TreeMap<>(config);
    sealed.replaceAll(
        (key, value) ->
            value != null
                    && !SecretBox.isSealed(value)
                    && secrets.stream().anyMatch(s -> json.writeValue(value).contains(s))
                ? sealValue(value)
                : value);
    return json.write(sealed);
  }

  /** {@code secret} as one shell word holds it, without the word's outer quotes. */
  private static String quotedInside(String secret) {
    String word = ShellText.quote(secret);
    return word.substring(1, word.length() - 1);
  }

  /** Whether clear {@code answers} are the stored ones (whose secrets are sealed). */
  public boolean sameAnswers(Map<String, Object> answers, String stored) {
    return json.write(answers).equals(json.write(openJson(stored)));
  }

  /** The clear values of the secret answers in {@code answers} (sealed ones opened). */
  public List<String> clearSecrets(Map<String, Object> answers, Set<String> secretKeys) {
    return answers.entrySet().stream()
        .filter(e -> e.getValue() != null && secretKeys.contains(AskSchema.normalise(e.getKey())))
        .map(e -> String.valueOf(open(e.getValue())))
        .toList();
  }

  /** Stored JSON (answers or a configuration) with every sealed value opened. */
  public Map<String, Object> openJson(String text) {
    return open(json.read(text));
  }

  /**
   * A stored configuration as sent to {@code node}: every value sealed at rest is opened and sealed
   * again for that node alone ({@link NodeSecrets}, labelled with its key), the others as they are.
   * The node's key is asked for only if there is a secret to carry.
   */
  public Map<String, Object> forNode(
      String stored, NodeId node, Supplier<X25519PublicKeyParameters> nodeKey) {
    Map<String, Object> values = new TreeMap<>(json.read(stored));
    if (values.values().stream().noneMatch(SecretBox::isSealed)) {
      return values;
    }
    X25519PublicKeyParameters key = nodeKey.get();
    values.replaceAll(
        (name, value) ->
            SecretBox.isSealed(value)
                ? NodeSecrets.seal(box.open((String) value), node.value(), name, key)
                : value);
    return values;
  }

  /**
   * Stored JSON (answers or a configuration) with every value an older key sealed sealed again with
   * the current key; empty if every sealed value is already the current key's.
   */
  public java.util.Optional<String> resealed(String stored) {
    if (stored == null) {
      return java.util.Optional.empty();
    }
    Map<String, Object> values = new TreeMap<>(json.read(stored));
    boolean changed = false;
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      if (SecretBox.isSealed(entry.getValue()) && !box.isCurrent((String) entry.getValue())) {
        entry.setValue(box.seal(box.open((String) entry.getValue())));
        changed = true;
      }
    }
    return changed ? java.util.Optional.of(json.write(values)) : java.util.Optional.empty();
  }

  /** {@code values} with every sealed value opened. */
  public Map<String, Object> open(Map<String, Object> values) {
    Map<String, Object> open = new LinkedHashMap<>(values);
    open.replaceAll((key, value) -> open(value));
    return open;
  }

  private Object open(Object value) {
    return SecretBox.isSealed(value) ? json.readValue(box.open((String) value)) : value;
  }

  private String sealValue(Object value) {
    return box.seal(json.writeValue(value));
  }

  /** {@code values} as shown: sealed values and the values of {@code secretKeys} masked. */
  public static Map<String, Object> mask(Map<String, Object> values, Set<String> secretKeys) {
    Map<String, Object> masked = new TreeMap<>(values);
    masked.replaceAll(
        (key, value) ->
            SecretBox.isSealed(value) || secretKeys.contains(AskSchema.normalise(key))
                ? SecretBox.MASK
                : value);
    return masked;
  }
}
