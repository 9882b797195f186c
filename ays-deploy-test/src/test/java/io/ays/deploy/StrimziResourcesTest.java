package io.ays.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.deploy.KubernetesManifests.Manifest;
import io.ays.local.AysTopics;
import io.ays.local.AysTopics.TopicSpec;
import io.ays.local.KafkaAccessManifest;
import io.ays.local.TopicSetup;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Strimzi resources of deploy/k8s/strimzi are the topics and ACLs ./ays up makes: the same
 * topics, partitions and cleanup policies as ays-local's AysTopics and TopicSetup, and the same
 * principals and ACLs as deploy/kafka/acls.txt read by the same parser, for the executor nodes the
 * ays-kafka-setup Job names. A topic or rule added in one place and not the other fails here.
 */
class StrimziResourcesTest {

  private static final Path ROOT = Path.of(System.getProperty("ays.project.dir", "..")).normalize();
  private static final Path K8S = ROOT.resolve("deploy/k8s");
  private static final Path ACLS = ROOT.resolve("deploy/kafka/acls.txt");

  @Test
  void kafkaTopicsAreTheTopicsAysUpCreates() {
    Job setup = setupJob();
    List<String> nodes = Arrays.asList(argument(setup, "--nodes", null).split(","));
    int partitions =
        Integer.parseInt(
            argument(setup, "--partitions", String.valueOf(TopicSetup.DEFAULT_PARTITIONS)));
    int replicas = Integer.parseInt(argument(setup, "--replication-factor", "1"));

    Set<String> expected = new TreeSet<>();
    for (TopicSpec topic : AysTopics.forNodes(nodes)) {
      expected.add(topicLine(topic.name(), partitions, replicas, topic.cleanupPolicy()));
    }
    Set<String> declared = new TreeSet<>();
    for (Manifest topic : strimzi("KafkaTopic")) {
      Map<String, Object> spec = map(topic.content().get("spec"));
      String name = (String) spec.getOrDefault("topicName", topic.name());
      declared.add(
          topicLine(
              name,
              (Integer) spec.get("partitions"),
              (Integer) spec.get("replicas"),
              String.valueOf(map(spec.get("config")).get("cleanup.policy"))));
      assertThat(map(map(topic.content().get("metadata")).get("labels")))
          .as(topic.where())
          .containsEntry("strimzi.io/cluster", "ays");
    }
    assertThat(declared)
        .as("KafkaTopic resources (deploy/k8s/strimzi/topics.yaml) against AysTopics for " + nodes)
        .isEqualTo(expected);
  }

  @Test
  void kafkaUsersHoldExactlyTheAclsOfAclsTxt() {
    List<String> nodes = Arrays.asList(argument(setupJob(), "--nodes", null).split(","));
    KafkaAccessManifest acls = KafkaAccessManifest.read(ACLS);

    assertThat(differences(acls, nodes)).as("acls.txt against the KafkaUser resources").isEmpty();
    for (Manifest user : strimzi("KafkaUser")) {
      Map<String, Object> spec = map(user.content().get("spec"));
      assertThat(map(spec.get("authentication")))
          .as(user.where() + " authenticates as ./ays up does")
          .containsEntry("type", "scram-sha-512");
      assertThat(map(spec.get("authorization"))).containsEntry("type", "simple");
    }
    assertThat(strimzi("KafkaUser").stream().map(Manifest::name).toList())
        .as("one KafkaUser per principal")
        .containsExactlyInAnyOrderElementsOf(acls.principals(nodes));
  }

  @Test
  void aRuleAddedToAclsTxtOnlyIsFound(@TempDir Path dir) throws IOException {
    Path changed = dir.resolve("acls.txt");
    Files.writeString(
        changed, Files.readString(ACLS) + "\nays-monitor  read  topic  literal  ays.results\n");
    assertThat(differences(KafkaAccessManifest.read(changed), List.of("mgmt-node-1")))
        .singleElement()
        .asString()
        .contains("only in acls.txt")
        .contains("User:ays-monitor")
        .contains("ays.results");
  }

  // --- helpers ------------------------------------------------------------------------------

  /** Bindings of acls.txt no KafkaUser makes, and the other way round, one line each. */
  private static List<String> differences(KafkaAccessManifest acls, List<String> nodes) {
    Set<AclBinding> expected = new LinkedHashSet<>(acls.bindings(nodes));
    Set<AclBinding> declared = new LinkedHashSet<>();
    for (Manifest user : strimzi("KafkaUser")) {
      declared.addAll(bindings(user));
    }
    List<String> differences = new ArrayList<>();
    expected.stream()
        .filter(b -> !declared.contains(b))
        .forEach(b -> differences.add("only in acls.txt: " + b));
    declared.stream()
        .filter(b -> !expected.contains(b))
        .forEach(b -> differences.add("only in deploy/k8s/strimzi/users.yaml: " + b));
    return differences;
  }

  /** The ACL bindings a KafkaUser asks Strimzi's User Operator for. */
  private static List<AclBinding> bindings(Manifest user) {
    List<AclBinding> bindings = new ArrayList<>();
    Map<String, Object> authorization = map(map(user.content().get("spec")).get("authorization"));
    for (Object item : (List<?>) authorization.get("acls")) {
      Map<String, Object> rule = map(item);
      Map<String, Object> resource = map(rule.get("resource"));
      PatternType pattern =
          "prefix".equals(resource.get("patternType")) ? PatternType.PREFIXED : PatternType.LITERAL;
      AclPermissionType permission =
          "deny".equals(rule.get("type")) ? AclPermissionType.DENY : AclPermissionType.ALLOW;
      for (Object operation : (List<?>) rule.get("operations")) {
        bindings.add(
            new AclBinding(
                new ResourcePattern(
                    ResourceType.fromString(upper((String) resource.get("type"))),
                    (String) resource.get("name"),
                    pattern),
                new AccessControlEntry(
                    "User:" + user.name(),
                    (String) rule.getOrDefault("host", "*"),
                    AclOperation.fromString(upper((String) operation)),
                    permission)));
      }
    }
    return bindings;
  }

  private static List<Manifest> strimzi(String kind) {
    return KubernetesManifests.load(K8S.resolve("strimzi")).stream()
        .filter(m -> kind.equals(m.kind()))
        .toList();
  }

  private static Job setupJob() {
    return KubernetesManifests.all(KubernetesManifests.load(K8S), Job.class).stream()
        .filter(j -> j.getMetadata().getName().equals("ays-kafka-setup"))
        .findFirst()
        .orElseThrow();
  }

  /** The value after an option in the Job's arguments, or the default if it is not given. */
  private static String argument(Job job, String option, String absent) {
    List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    int at = args.indexOf(option);
    if (at < 0) {
      assertThat(absent).as("the ays-kafka-setup Job has " + option).isNotNull();
      return absent;
    }
    return args.get(at + 1);
  }

  private static String topicLine(String name, int partitions, int replicas, String policy) {
    return name + " partitions=" + partitions + " replicas=" + replicas + " cleanup=" + policy;
  }

  private static String upper(String value) {
    return value.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
