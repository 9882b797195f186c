package io.ays.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The monitor's REST API as a test reads it. */
final class MonitorApi {

  private MonitorApi() {}

  /** The health of {@code key}; fails if it is unknown. */
  static JsonPath health(String key) {
    Response response = given().get("/health/" + key);
    assertThat(response.statusCode()).as("GET /health/" + key).isEqualTo(200);
    return response.jsonPath();
  }

  /** The history kinds of {@code key}, oldest first. */
  static List<String> historyKinds(String key) {
    List<String> newestFirst =
        given().get("/health/" + key + "/history").then().statusCode(200).extract().path("kind");
    List<String> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }
}
