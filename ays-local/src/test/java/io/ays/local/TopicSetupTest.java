package io.ays.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.testing.KafkaBroker;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopicSetupTest {

  private static KafkaBroker broker;
  private static Admin admin;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start();
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() {
    admin.close();
    broker.close();
  }

  @Test
  void createsEveryTopicWithItsCleanupPolicyAndIsSafeToRunAgain() throws Exception {
    TopicSetup setup = new TopicSetup(admin, 3, (short) 1);
    List<AysTopics.TopicSpec> topics = AysTopics.forNodes(List.of("local", "n2"));

    setup.ensure(topics);
    setup.ensure(topics);

    Map<String, TopicDescription> described =
        admin
            .describeTopics(topics.stream().map(AysTopics.TopicSpec::name).toList())
            .allTopicNames()
            .get();
    assertThat(described).containsKeys("ays.templates", "ays.commands.local", "ays.commands.n2");
    assertThat(described.get("ays.requests").partitions()).hasSize(3);
    assertThat(cleanupPolicy("ays.templates")).isEqualTo("compact");
    assertThat(cleanupPolicy("ays.nodes")).isEqualTo("compact");
    assertThat(cleanupPolicy("ays.requests")).isEqualTo("delete");
  }

  @Test
  void correctsTheCleanupPolicyOfAnExistingTopicAndKeepsItsPartitions() throws Exception {
    admin.createTopics(List.of(new NewTopic("ays.nodes.fixme", 1, (short) 1))).all().get();
    awaitVisible("ays.nodes.fixme");
    TopicSetup setup = new TopicSetup(admin, 3, (short) 1);

    setup.ensure(List.of(new AysTopics.TopicSpec("ays.nodes.fixme", true)));

    assertThat(cleanupPolicy("ays.nodes.fixme")).isEqualTo("compact");
    assertThat(
            admin
                .describeTopics(List.of("ays.nodes.fixme"))
                .allTopicNames()
                .get()
                .get("ays.nodes.fixme")
                .partitions())
        .hasSize(1);
  }

  private static void awaitVisible(String topic) throws Exception {
    for (int i = 0; i < 100 && !admin.listTopics().names().get().contains(topic); i++) {
      Thread.sleep(100);
    }
  }

  private static String cleanupPolicy(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin
        .describeConfigs(List.of(resource))
        .all()
        .get()
        .get(resource)
        .get(TopicConfig.CLEANUP_POLICY_CONFIG)
        .value();
  }
}
