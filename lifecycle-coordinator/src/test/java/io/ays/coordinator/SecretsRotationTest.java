package io.ays.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.secrets.SecretBox;
import io.ays.coordinator.domain.SecretValues;
import io.ays.coordinator.domain.SecretsReseal;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestSecretsKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A rotation of the key that seals secrets at rest, against the real database: the coordinator runs
 * with a new key {@code k2} and the tests' key as the old {@code k1}; an instance whose answer
 * {@code k1} sealed still opens, and the reseal seals it again with {@code k2}, after which the new
 * key alone opens it.
 */
@QuarkusTest
@TestProfile(SecretsRotationTest.Rotated.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SecretsRotationTest {

  /** The coordinator after a rotation: a new current key, the old one in the ring. */
  public static class Rotated implements QuarkusTestProfile {
    static final Path NEW_KEY = newKey();

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ays.coordinator.secrets.key-file",
          NEW_KEY.toString(),
          "ays.coordinator.secrets.key-id",
          "k2",
          "ays.coordinator.secrets.old-keys",
          "k1=" + TestSecretsKey.keyFile(),
          "ays.coordinator.secrets.reseal-at-start",
          "false");
    }

    private static Path newKey() {
      try {
        Path file = Files.createTempDirectory("ays-rotated-").resolve("secrets-k2.key");
        SecretBox.writeNewKey(file);
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Inject SecretsReseal reseal;
  @Inject SecretValues secrets;

  @Test
  void aSecretTheOldKeySealedStillOpensAndIsSealedAgainWithTheNewKey() {
    String key = "demo/rotated" + UUID.randomUUID().toString().substring(0, 8) + "/main";
    String oldSealed = TestSecretsKey.box().seal("\"pw-before\"");
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              var instance = ServiceInstanceEntity.create(InstanceKey.parse(key), "local");
              instance.answers = "{\"param.password\":\"" + oldSealed + "\",\"param.port\":80}";
            });

    assertThat(secrets.openJson(stored(key))).containsEntry("param.password", "pw-before");

    assertThat(reseal.resealAll()).isGreaterThanOrEqualTo(1);

    String after = stored(key);
    assertThat(after).doesNotContain(oldSealed).contains("enc:v2:k2:").contains("80");
    assertThat(secrets.openJson(after)).containsEntry("param.password", "pw-before");
    String resealed = after.replaceAll(".*\"param.password\":\"([^\"]+)\".*", "$1");
    assertThat(new SecretBox("k2", SecretBox.readKey(Rotated.NEW_KEY), Map.of()).open(resealed))
        .isEqualTo("\"pw-before\"");
    assertThat(reseal.resealAll()).as("nothing is left for the old key").isZero();
  }

  private static String stored(String key) {
    return QuarkusTransaction.requiringNew()
        .call(() -> ServiceInstanceEntity.<ServiceInstanceEntity>findById(key).answers);
  }
}
