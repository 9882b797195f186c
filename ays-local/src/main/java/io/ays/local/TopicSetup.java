package io.ays.local;

import io.ays.contracts.kafka.KafkaClientConfig;
import io.ays.local.AysTopics.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the AYS topics on a running broker, idempotently: a missing topic is created, an existing
 * one keeps its partitions and only gets its cleanup policy corrected.
 *
 * <p>Usage: {@code TopicSetup --bootstrap 127.0.0.1:9092 [--client-config admin.properties]
 * [--nodes local,n2] [--partitions 3] [--replication-factor 1] [--timeout-seconds 60]}; {@code
 * --client-config} is a Kafka client settings file with the admin's credentials (docs/security.md,
 * "Kafka"). Exit code 0 when every topic exists.
 */
public final class TopicSetup {

  /** Partitions of a topic it creates unless --partitions says otherwise. */
  public static final int DEFAULT_PARTITIONS = 3;

  private static final Set<String> OPTIONS =
      Set.of(
          "bootstrap",
          "client-config",
          "nodes",
          "partitions",
          "replication-factor",
          "timeout-seconds");

  private final Admin admin;
  private final int partitions;
  private final short replicationFactor;

  TopicSetup(Admin admin, int partitions, short replicationFactor) {
    this.admin = admin;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
  }

  public static void main(String[] args) {
    try {
      CommandLine cl = CommandLine.parse("TopicSetup", args, OPTIONS);
      String bootstrap = cl.require("bootstrap");
      List<String> nodes =
          Arrays.stream(cl.get("nodes", "local").split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .toList();
      Duration timeout = Duration.ofSeconds(cl.getInt("timeout-seconds", 60));
      int partitions = cl.getInt("partitions", DEFAULT_PARTITIONS);
      short replicationFactor = (short) cl.getInt("replication-factor", 1);
      String clientConfig = cl.get("client-config", "");
      Properties props =
          adminProperties(
              bootstrap, clientConfig.isBlank() ? null : Path.of(clientConfig), "ays-topic-setup");
      try (Admin admin = Admin.create(props)) {
        TopicSetup setup = new TopicSetup(admin, partitions, replicationFactor);
        setup.awaitBroker(bootstrap, timeout);
        setup.ensure(AysTopics.forNodes(nodes));
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      System.err.println("topic setup failed: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }

  /**
   * An admin client's settings: the client settings file's (credentials), if any, then the address
   * and short timeouts.
   */
  static Properties adminProperties(String bootstrap, Path clientConfig, String clientId) {
    Properties props = new Properties();
    if (clientConfig != null) {
      props.putAll(KafkaClientConfig.read(clientConfig).properties());
    }
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    return props;
  }

  /** Waits until the broker answers metadata requests, or fails after the timeout. */
  void awaitBroker(String bootstrap, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        last = e;
        Thread.sleep(500);
      }
    }
    throw new IllegalStateException(
        "Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds() + " s", last);
  }

  /** Creates what is missing and corrects the cleanup policy of what exists. */
  void ensure(List<TopicSpec> topics) throws Exception {
    Set<String> existing = admin.listTopics().names().get();
    List<TopicSpec> toCreate = new ArrayList<>();
    List<TopicSpec> toCheck = new ArrayList<>();
    for (TopicSpec topic : topics) {
      (existing.contains(topic.name()) ? toCheck : toCreate).add(topic);
    }
    // A topic created since the listing (e.g. auto-created by a client) is checked instead.
    toCheck.addAll(create(toCreate));
    correctCleanupPolicies(toCheck);
  }

  /** Creates the topics; returns those that turned out to exist already. */
  private List<TopicSpec> create(List<TopicSpec> topics) throws InterruptedException {
    List<TopicSpec> alreadyThere = new ArrayList<>();
    if (topics.isEmpty()) {
      return alreadyThere;
    }
    List<NewTopic> newTopics =
        topics.stream()
            .map(
                t ->
                    new NewTopic(t.name(), partitions, replicationFactor)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, t.cleanupPolicy())))
            .toList();
    var results = admin.createTopics(newTopics).values();
    for (TopicSpec topic : topics) {
      try {
        results.get(topic.name()).get();
        System.out.printf(
            "  topic %-22s created (%s, %d partitions)%n",
            topic.name(), topic.cleanupPolicy(), partitions);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "could not create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
        }
        alreadyThere.add(topic);
      }
    }
    return alreadyThere;
  }

  private void correctCleanupPolicies(List<TopicSpec> topics) throws Exception {
    if (topics.isEmpty()) {
      return;
    }
    List<ConfigResource> resources =
        topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
    for (TopicSpec topic : topics) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
      ConfigEntry policy = configs.get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG);
      if (policy != null && topic.cleanupPolicy().equals(policy.value())) {
        System.out.printf("  topic %-22s exists%n", topic.name());
        continue;
      }
      AlterConfigOp set =
          new AlterConfigOp(
              new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy()),
              AlterConfigOp.OpType.SET);
      admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all().get();
      System.out.printf(
          "  topic %-22s exists, cleanup.policy set to %s%n", topic.name(), topic.cleanupPolicy());
    }
  }
}
