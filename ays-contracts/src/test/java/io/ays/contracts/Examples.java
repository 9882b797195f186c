package io.ays.contracts;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One realistic event of every type, with every optional field filled, for contract tests. */
final class Examples {

  static final Instant T0 = Instant.parse("2025-05-01T10:15:30Z");
  static final String HASH = "9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d";
  static final String COMMIT = "365b2f2c1d8e9a0b7c6d5e4f3a2b1c0d9e8f7a6b";
  static final UUID RUN = UUID.fromString("7d0f5a1e-3c4b-4e8a-9f21-6b5d4c3a2e10");
  static final InstanceKey KEY = new InstanceKey("_ays", "mongodb", "main");
  static final NodeId MGMT = NodeId.of("mgmt");
  static final NodeId NODE = NodeId.of("node7");
  static final TemplateRef TEMPLATE = new TemplateRef("_ays", "mongodb", HASH);

  private Examples() {}

  /** A factory with a fixed clock, so examples are reproducible apart from ids. */
  static EventFactory factory(String service) {
    return new EventFactory("/ays/" + service, Clock.fixed(T0, ZoneOffset.UTC));
  }

  /** An example event of the type, caused by a request (except for chain starters). */
  static CloudEvent<?> eventOf(EventType type) {
    EventPayload data = payloadOf(type);
    EventFactory factory = factory(sourceOf(type));
    return switch (type) {
      case TEMPLATE_DEFINITION,
          REQUEST_INSTALL,
          REQUEST_START,
          REQUEST_STOP,
          REQUEST_RESTART,
          REQUEST_CONFIGURE,
          REQUEST_UNINSTALL,
          REQUEST_BUILD,
          REQUEST_REMOVEDATA,
          NODE_HEARTBEAT ->
          factory.create(type, data);
      default ->
          factory.causedBy(
              "0b6f3f0e-5b7c-4d0e-8a51-2f1c9d7e4a33",
              "c1a2b3d4-e5f6-4789-8abc-def012345678",
              type,
              data);
    };
  }

  static String sourceOf(EventType type) {
    if (type == EventType.MONITOR_GAVE_UP) {
      return "monitor-service";
    }
    return switch (type.channel()) {
      case TEMPLATES -> "template-registry";
      case REQUESTS -> "cli";
      case COMMANDS, SERVICE_EVENTS -> "lifecycle-coordinator";
      case RESULTS, HEALTH, NODES -> "node-executor/node7";
      case DEAD_LETTER -> "lifecycle-coordinator";
    };
  }

  /** The compiler insists on a case per type: a new type cannot go without an example. */
  static EventPayload payloadOf(EventType type) {
    return switch (type) {
      case TEMPLATE_DEFINITION -> templateDefinition();
      case REQUEST_INSTALL -> installRequest();
      case REQUEST_START, REQUEST_STOP, REQUEST_UNINSTALL, REQUEST_BUILD, REQUEST_REMOVEDATA ->
          ServiceRequest.of(KEY, null, "maintenance window");
      case REQUEST_RESTART ->
          ServiceRequest.of(KEY, NODE, "restart after crash (exit 137), attempt 2 of 10");
      case REQUEST_CONFIGURE ->
          new ServiceRequest(
              "_ays",
              "mongodb",
              "main",
              NODE,
              Map.of("param.port", 27018),
              true,
              true,
              false,
              null,
              null);
      case COMMAND_PHASE -> command();
      case RESULT_PHASE -> result();
      case RUN_ACCEPTED ->
          new RunAccepted(
              RUN,
              KEY,
              RequestAction.INSTALL,
              "0b6f3f0e-5b7c-4d0e-8a51-2f1c9d7e4a33",
              NODE,
              HASH,
              List.of(
                  new PlanStep(0, MGMT, ExecutionRole.MANAGEMENT, Phase.INIT),
                  new PlanStep(1, NODE, ExecutionRole.NODE, Phase.CONFIGURE),
                  new PlanStep(2, NODE, ExecutionRole.NODE, Phase.START)));
      case RUN_STEP_STARTED ->
          new StepStarted(RUN, KEY, 9, NODE, ExecutionRole.NODE, Phase.START, 1, commandId(), 60);
      case RUN_STEP_FINISHED ->
          new StepFinished(
              RUN,
              KEY,
              9,
              NODE,
              Phase.START,
              2,
              StepOutcome.TIMED_OUT,
              false,
              137,
              "ports 27017 never opened within 60 s",
              "[initandlisten] waiting for connections\n",
              60_000L,
              true);
      case RUN_FINISHED ->
          new RunFinished(
              RUN,
              KEY,
              RequestAction.INSTALL,
              RunOutcome.FAILED,
              "start failed after 3 attempts: ports 27017 never opened within 60 s",
              9,
              Phase.START,
              185_000L);
      case REQUEST_REJECTED ->
          new RequestRejected(
              KEY.toString(),
              "0b6f3f0e-5b7c-4d0e-8a51-2f1c9d7e4a33",
              "ays.request.install.v1",
              "2 answers missing or invalid",
              List.of(
                  new Problem("data.answers[\"param.port\"]", "must be at most 65535, was 70000"),
                  new Problem("data.answers[\"param.dbpath\"]", "required (no default)")));
      case INSTANCE_STATE ->
          new InstanceStateChanged(
              KEY,
              NODE,
              InstanceState.STARTING,
              InstanceState.FAILED,
              RUN,
              "ports 27017 never opened within 60 s");
      case MONITOR_GAVE_UP ->
          new MonitorGaveUp(
              KEY,
              NODE,
              10,
              "gave up after 10 consecutive restarts (limit 10); the instance is FAILED until a"
                  + " person starts it again; last crash: exit 137 (process.1)",
              T0);
      case HEALTH_REPORT ->
          new HealthReport(
              KEY,
              NODE,
              HealthStatus.DOWN,
              HealthSource.PROCESS_EXIT,
              "process.1",
              4711L,
              137,
              "mongod exited with 137 (killed by signal 9)",
              "Out of memory: Killed process 4711 (mongod)\n",
              T0);
      case NODE_HEARTBEAT ->
          new NodeHeartbeat(
              NODE,
              "0.1.0",
              new Platform("linux", "amd64", "debian 12"),
              new Capacity(2, 25_769_803_776L, 4),
              3,
              Instant.parse("2025-05-01T08:00:00Z"),
              T0,
              10,
              "http://node-7.example:8083",
              1);
      case DEAD_LETTER ->
          DeadLetter.of(
              "ays.requests",
              0,
              1234L,
              "_ays/mongodb/main",
              "lifecycle-coordinator",
              "type: unknown event type 'ays.request.instal.v1'; did you mean"
                  + " 'ays.request.install.v1'?",
              "0b6f3f0e-5b7c-4d0e-8a51-2f1c9d7e4a33",
              "ays.request.instal.v1",
              "{\"specversion\":\"1.0\",\"type\":\"ays.request.instal.v1\"}",
              T0,
              Map.of("content-type", "application/cloudevents+json; charset=UTF-8"));
    };
  }

  static TemplateDefinition templateDefinition() {
    Map<String, TemplateFile> files = new LinkedHashMap<>();
    files.put(
        "actions_node.py", TemplateFile.text("def check_up(self):\n    return True\n", false));
    files.put("hooks/start", TemplateFile.text("#!/bin/sh\nexec ./bin/mongod\n", true));
    files.put("cfg/logo.bin", TemplateFile.of(new byte[] {(byte) 0xff, 0x00, (byte) 0xfe}, false));
    return new TemplateDefinition(
        "_ays",
        "mongodb",
        HASH,
        "https://github.com/jumpscale7/ays_jumpscale7",
        COMMIT,
        files,
        "process.1 =\n    cmd:'./bin/mongod',\n    ports:'27017',\n",
        "param.port = @ASK type:int default:27017 descr:'MONGODB: port'\n",
        T0);
  }

  static ServiceRequest installRequest() {
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("param.port", 27017);
    answers.put("param.dbpath", "/opt/mongodb/data");
    answers.put("param.replication", false);
    answers.put("param.tags", List.of("db", "primary"));
    return new ServiceRequest(
        "_ays", "mongodb", "main", NODE, answers, false, false, false, HASH, "first install");
  }

  static PhaseCommand command() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("instance.param.port", 27017);
    config.put("service.process.1", Map.of("cmd", "./bin/mongod", "ports", "27017"));
    return new PhaseCommand(
        commandId(),
        RUN,
        9,
        1,
        KEY,
        NODE,
        ExecutionRole.NODE,
        Phase.CHECK_UP,
        TEMPLATE,
        config,
        60,
        Instant.parse("2025-05-01T10:25:30Z"));
  }

  static PhaseResult result() {
    return PhaseResult.of(
        command(),
        PhaseOutcome.SUCCEEDED,
        0,
        true,
        "port 27017 accepts connections",
        "checking 127.0.0.1:27017... open\n",
        T0,
        42L);
  }

  static String commandId() {
    return PhaseCommand.commandIdOf(RUN, 9, 1);
  }
}
