package io.ays.coordinator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.secrets.SecretBox;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretValuesTest {

  private static final String SECRET = "Zq7-wL9!x";
  private final SecretValues secrets =
      new SecretValues(new SecretBox(SecretBox.newKey()), new JsonMaps(new ObjectMapper()));
  private final Map<String, Object> answers =
      Map.of("param.password", SECRET, "param.port", 8080, "param.pin", 4711);
  private final Set<String> keys = Set.of("param.password", "param.pin");

  @Test
  void storedAnswersHoldNoSecretInClearAndOpenWithTheirTypes() {
    String stored = secrets.sealedAnswers(answers, keys);
    assertThat(stored).doesNotContain(SECRET).doesNotContain("4711").contains("8080");
    assertThat(secrets.openJson(stored)).isEqualTo(answers);
    assertThat(secrets.sameAnswers(answers, stored)).isTrue();
    assertThat(secrets.sameAnswers(Map.of("param.password", "other"), stored)).isFalse();
  }

  @Test
  void aConfigValueAnAnswerWasSubstitutedIntoIsSealedWhole() {
    Map<String, Object> config =
        Map.of(
            "instance.param.password",
            SECRET,
            "service.process.1",
            Map.of("args", "--password '" + SECRET + "'", "cmd", "app"),
            "service.url",
            "http://example/",
            "instance.param.pin",
            4711);
    List<String> clear = secrets.clearSecrets(secrets.seal(answers, keys), keys);
    assertThat(clear).containsExactlyInAnyOrder(SECRET, "4711");
    String stored = secrets.sealedConfig(config, clear);
    assertThat(stored).doesNotContain(SECRET).doesNotContain("4711").contains("http://example/");
    assertThat(secrets.openJson(stored)).isEqualTo(config);
  }

  @Test
  void sealedValuesAndSecretKeysAreMaskedForShow() {
    Map<String, Object> sealed = secrets.seal(answers, Set.of("param.password"));
    assertThat(SecretValues.mask(sealed, Set.of()))
        .containsEntry("param.password", "***")
        .containsEntry("param.port", 8080);
    assertThat(SecretValues.mask(answers, keys))
        .containsEntry("param.password", "***")
        .containsEntry("param.pin", "***")
        .containsEntry("param.port", 8080);
  }
}
