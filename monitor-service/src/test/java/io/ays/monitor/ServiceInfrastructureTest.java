package io.ays.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ays.messaging.ProcessedMessages;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ServiceInfrastructureTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @Inject ProcessedMessages processedMessages;

  @Test
  void answersHealthWhenDatabaseAndBrokerAreUp() {
    given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void remembersProcessedMessagesInItsOwnSchema() {
    String id = UUID.randomUUID().toString();
    boolean first =
        QuarkusTransaction.requiringNew().call(() -> processedMessages.markProcessed("test", id));
    boolean again =
        QuarkusTransaction.requiringNew().call(() -> processedMessages.markProcessed("test", id));
    assertThat(first).isTrue();
    assertThat(again).isFalse();
    assertThat(processedMessages.isProcessed("test", id)).isTrue();
  }
}
