package io.ays.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Which instances make `ays status` exit 1: those that should run and do not. */
class StatusProblemTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runningAndUpIsFine() throws Exception {
    assertThat(StatusCommand.problem(json("{\"state\":\"RUNNING\"}"), json("{\"status\":\"UP\"}")))
        .isNull();
  }

  @Test
  void runningButDownIsAProblemWithTheMonitorsMessage() throws Exception {
    assertThat(
            StatusCommand.problem(
                json("{\"state\":\"RUNNING\"}"),
                json("{\"status\":\"DOWN\",\"lastMessage\":\"process.1 exited with 137\"}")))
        .isEqualTo("down: process.1 exited with 137");
  }

  @Test
  void aFailedRunOrAMonitorThatGaveUpIsAProblem() throws Exception {
    assertThat(StatusCommand.problem(json("{\"state\":\"FAILED\"}"), null))
        .isEqualTo("last run failed");
    assertThat(
            StatusCommand.problem(
                json("{\"state\":\"RUNNING\"}"),
                json("{\"status\":\"DOWN\",\"failed\":true,\"failedReason\":\"10 restarts\"}")))
        .isEqualTo("monitor gave up: 10 restarts");
  }

  @Test
  void stoppedOnPurposeOrNotYetReportedIsNot() throws Exception {
    assertThat(
            StatusCommand.problem(json("{\"state\":\"STOPPED\"}"), json("{\"status\":\"DOWN\"}")))
        .isNull();
    assertThat(StatusCommand.problem(json("{\"state\":\"RUNNING\"}"), null)).isNull();
    assertThat(
            StatusCommand.problem(
                json("{\"state\":\"RUNNING\"}"), json("{\"status\":\"UNKNOWN\"}")))
        .isNull();
  }

  @Test
  void portsAreShownOrSaidUnknown() {
    assertThat(PortsResolver.format(java.util.Optional.of(java.util.List.of(8090, 8443))))
        .isEqualTo("8090,8443");
    assertThat(PortsResolver.format(java.util.Optional.of(java.util.List.of()))).isEqualTo("-");
    assertThat(PortsResolver.format(java.util.Optional.empty())).isEqualTo("?");
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
