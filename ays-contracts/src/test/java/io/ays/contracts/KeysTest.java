package io.ays.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {

  @Test
  void instanceKeyParsesAndFormatsTheThreeParts() {
    InstanceKey key = InstanceKey.parse("_ays/node.ssh/web-1");

    assertThat(key).isEqualTo(new InstanceKey("_ays", "node.ssh", "web-1"));
    assertThat(key.toString()).isEqualTo("_ays/node.ssh/web-1");
    assertThat(key.template()).isEqualTo(TemplateKey.parse("_ays/node.ssh"));
    assertThat(InstanceKey.of("_ays", "mongodb").instance()).isEqualTo("main");
  }

  @Test
  void instanceKeyErrorsSayWhatIsWrong() {
    assertThatThrownBy(() -> InstanceKey.parse("_ays/mongodb"))
        .hasMessage(
            "'_ays/mongodb' is not an instance key: expected domain/name/instance (3 parts), found"
                + " 2");
    assertThatThrownBy(() -> InstanceKey.parse("_ays/mongo db/main"))
        .hasMessageStartingWith(
            "'_ays/mongo db/main' is not an instance key: name: 'mongo db' is not valid: letters, digits");
    assertThatThrownBy(() -> new InstanceKey("_ays", "mongodb", ""))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("instance"))
        .hasMessage("instance: must not be empty");
    assertThatThrownBy(() -> new InstanceKey(null, "mongodb", "main"))
        .hasMessage("domain: required");
  }

  @ParameterizedTest
  @ValueSource(strings = {".hidden", "-rf", "a/b", "a b", "ü", ""})
  void namePartsRefuseWhatWouldBreakFoldersAndCommandLines(String part) {
    assertThatThrownBy(() -> new InstanceKey("_ays", part, "main"))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageStartingWith("name: ");
  }

  @Test
  void namePartsAreLimitedInLength() {
    assertThat(new InstanceKey("d", "n".repeat(100), "main").name()).hasSize(100);
    assertThatThrownBy(() -> new InstanceKey("d", "n".repeat(101), "main"))
        .hasMessageContaining("at most 100 characters");
  }

  @Test
  void nodeIdsAreSafeInTopicNames() {
    assertThat(NodeId.of("node-7_a").value()).isEqualTo("node-7_a");
    assertThatThrownBy(() -> NodeId.of("node.example.com"))
        .hasMessageStartingWith("'node.example.com' is not a node id: lower-case letters");
    assertThatThrownBy(() -> NodeId.of("Node7")).hasMessageContaining("is not a node id");
    assertThatThrownBy(() -> NodeId.of("x".repeat(64))).hasMessageContaining("at most 63");
  }

  @Test
  void topicsHaveTheDocumentedDefaultsAndOneCommandTopicPerNode() {
    Topics topics = Topics.defaults();

    assertThat(topics.requests()).isEqualTo("ays.requests");
    assertThat(topics.topicOf(Channel.SERVICE_EVENTS)).isEqualTo("ays.service-events");
    assertThat(topics.commandsTopicFor("node7")).isEqualTo("ays.commands.node7");
    assertThat(topics.commandsTopicFor(NodeId.of("mgmt"))).isEqualTo("ays.commands.mgmt");
    assertThatThrownBy(() -> topics.commandsTopicFor("../x")).hasMessageContaining("not a node id");
    assertThatThrownBy(() -> topics.topicOf(Channel.COMMANDS))
        .hasMessageContaining("commandsTopicFor");
  }

  @Test
  void configuredTopicNamesAreChecked() {
    assertThatThrownBy(() -> new Topics("t", "r", "c.", "res", "ev", "h", "n", "dead letter"))
        .hasMessageStartingWith("deadLetter: 'dead letter' is not valid");
  }

  @Test
  void templateRefsNeedASha256() {
    assertThatThrownBy(() -> new TemplateRef("_ays", "mongodb", "abc"))
        .hasMessage("contentHash: 'abc' is not valid: 64 lower-case hex digits (SHA-256)");
  }
}
