package io.ays.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACL set of AYS's principals (deploy/kafka/acls.txt): one rule a line, {@code principal
 * operation resource-type pattern-type name}, where {@code {node}} stands for each executor node's
 * id. Every rule allows; what no rule allows is refused by the broker.
 *
 * <p>Public for the deploy tests, which check the Strimzi KafkaUser resources of deploy/k8s against
 * the same rules.
 */
public final class KafkaAccessManifest {

  static final String NODE = "{node}";

  record Rule(
      int line,
      String principal,
      AclOperation operation,
      ResourceType resourceType,
      PatternType patternType,
      String name) {}

  private final List<Rule> rules;

  private KafkaAccessManifest(List<Rule> rules) {
    this.rules = rules;
  }

  public static KafkaAccessManifest read(Path file) {
    try {
      return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ACL manifest " + file, e);
    }
  }

  static KafkaAccessManifest parse(String source, List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+");
      String where = source + " line " + (i + 1);
      if (f.length != 5) {
        throw new IllegalArgumentException(
            where
                + ": expected 'principal operation resource-type pattern-type name', got: "
                + line);
      }
      rules.add(
          new Rule(
              i + 1,
              f[0],
              choose(
                  where,
                  "operation",
                  f[1],
                  AclOperation.class,
                  Set.of("read", "write", "create", "describe")),
              choose(where, "resource-type", f[2], ResourceType.class, Set.of("topic", "group")),
              choose(where, "pattern-type", f[3], PatternType.class, Set.of("literal", "prefixed")),
              f[4]));
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException(source + ": no rules");
    }
    return new KafkaAccessManifest(List.copyOf(rules));
  }

  private static <E extends Enum<E>> E choose(
      String where, String field, String value, Class<E> type, Set<String> allowed) {
    String v = value.toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new IllegalArgumentException(
          where + ": " + field + " '" + value + "' is not one of " + allowed);
    }
    return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
  }

  /** The principals the rules name, for these nodes, in the manifest's order. */
  public Set<String> principals(List<String> nodes) {
    Set<String> principals = new LinkedHashSet<>();
    for (Rule rule : rules) {
      for (String node : nodesOf(rule, nodes)) {
        principals.add(KafkaCredentials.checked(rule.principal().replace(NODE, node)));
      }
    }
    return principals;
  }

  /** The ACL bindings the rules make, for these nodes. */
  public List<AclBinding> bindings(List<String> nodes) {
    List<AclBinding> bindings = new ArrayList<>();
    for (Rule rule : rules) {
      for (String node : nodesOf(rule, nodes)) {
        bindings.add(
            new AclBinding(
                new ResourcePattern(
                    rule.resourceType(), rule.name().replace(NODE, node), rule.patternType()),
                new AccessControlEntry(
                    "User:" + rule.principal().replace(NODE, node),
                    "*",
                    rule.operation(),
                    AclPermissionType.ALLOW)));
      }
    }
    return bindings;
  }

  /** A rule about {node} is made once per node; any other rule once. */
  private static List<String> nodesOf(Rule rule, List<String> nodes) {
    boolean perNode = rule.principal().contains(NODE) || rule.name().contains(NODE);
    return perNode ? nodes : List.of("");
  }
}
