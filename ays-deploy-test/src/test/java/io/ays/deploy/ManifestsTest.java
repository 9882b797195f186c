package io.ays.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks the files under deploy/ without Docker or Kubernetes: every YAML file parses, the compose
 * file and the Kubernetes manifests are complete and consistent with each other and with the
 * Dockerfiles, and docs/deploy.md documents every environment variable they or the services use.
 */
class ManifestsTest {

  private static final Path ROOT = Path.of(System.getProperty("ays.project.dir", "..")).normalize();
  private static final Path DEPLOY = ROOT.resolve("deploy");
  private static final List<String> SERVICES =
      List.of("template-registry", "lifecycle-coordinator", "node-executor", "monitor-service");

  @Test
  void everyYamlFileUnderDeployParses() throws IOException {
    List<Path> files = yamlFiles(DEPLOY);
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    for (Path file : files) {
      List<Object> docs = load(file);
      assertThat(docs).as(file + " has documents").isNotEmpty().doesNotContainNull();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeRunsKafkaPostgresTopicsTheFourServicesAndTwoExecutors() throws IOException {
    Map<String, Object> compose =
        (Map<String, Object>) load(DEPLOY.resolve("compose/compose.yaml")).get(0);
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services)
        .containsKeys(
            "kafka",
            "postgres",
            "kafka-setup",
            "template-registry",
            "lifecycle-coordinator",
            "node-executor-1",
            "node-executor-2",
            "monitor-service");

    // Every image comes from .env, and .env defines it.
    Map<String, String> env = dotEnv(DEPLOY.resolve("compose/.env"));
    Pattern imageVar = Pattern.compile("\\$\\{([A-Z0-9_]+)(:-[^}]*)?}");
    for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
      String image = (String) service.getValue().get("image");
      Matcher m = imageVar.matcher(image);
      assertThat(m.matches()).as(service.getKey() + " image from .env: " + image).isTrue();
      assertThat(env).as(".env").containsKey(m.group(1));
    }

    // Two executors with distinct node ids, and the topics job creates both command topics.
    String node1 = executorNode(services.get("node-executor-1"), env);
    String node2 = executorNode(services.get("node-executor-2"), env);
    assertThat(node1).isNotEqualTo(node2);
    String setupCommand =
        resolve(String.join(" ", (List<String>) services.get("kafka-setup").get("command")), env);
    assertThat(setupCommand).startsWith("setup ").contains("--nodes " + node1 + "," + node2);
    Map<String, Object> coordinatorEnv =
        (Map<String, Object>) services.get("lifecycle-coordinator").get("environment");
    assertThat(resolve((String) coordinatorEnv.get("AYS_MANAGEMENT_NODE"), env)).isEqualTo(node1);

    // Data lives in named volumes that are declared.
    Map<String, Object> volumes = (Map<String, Object>) compose.get("volumes");
    for (String service : List.of("kafka", "postgres", "node-executor-1", "node-executor-2")) {
      List<String> mounts = (List<String>) services.get(service).get("volumes");
      assertThat(mounts).as(service + " volumes").isNotEmpty();
      for (String mount : mounts) {
        assertThat(volumes).containsKey(mount.substring(0, mount.indexOf(':')));
      }
    }
    // Services that need the database get its URL and the credentials.
    for (String service :
        List.of("template-registry", "lifecycle-coordinator", "monitor-service")) {
      Map<String, Object> e = (Map<String, Object>) services.get(service).get("environment");
      assertThat(e).as(service).containsKeys("AYS_KAFKA_BOOTSTRAP", "AYS_DB_URL", "AYS_DB_USER");
      assertThat((List<String>) services.get(service).get("env_file"))
          .as(service + " gets AYS_DB_PASSWORD from the secrets folder")
          .singleElement()
          .satisfies(f -> assertThat(f).contains("AYS_SECRETS_DIR").endsWith("/db.env"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeRunsKafkaSecuredAndEachServiceAsItsOwnPrincipalFromASecret() throws IOException {
    Map<String, Object> compose =
        (Map<String, Object>) load(DEPLOY.resolve("compose/compose.yaml")).get(0);
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose.get("services");
    Map<String, String> env = dotEnv(DEPLOY.resolve("compose/.env"));
    Map<String, Map<String, Object>> secrets =
        (Map<String, Map<String, Object>>) compose.get("secrets");

    // The broker gets its admin principal from a secret (the image refuses to start without it).
    Map<String, Object> kafkaEnv = (Map<String, Object>) services.get("kafka").get("environment");
    assertThat(kafkaEnv).containsEntry("KAFKA_ADMIN_CONFIG", "/run/secrets/ays-admin.properties");
    assertThat(secretTargets(services.get("kafka"), secrets, env))
        .containsEntry("ays-admin.properties", "kafka/ays-admin.properties");

    // Each service and executor: its own principal's settings as kafka.properties.
    Map<String, String> principals =
        Map.of(
            "template-registry", "ays-registry",
            "lifecycle-coordinator", "ays-coordinator",
            "monitor-service", "ays-monitor",
            "node-executor-1", "node-" + executorNode(services.get("node-executor-1"), env),
            "node-executor-2", "node-" + executorNode(services.get("node-executor-2"), env));
    for (Map.Entry<String, String> p : principals.entrySet()) {
      Map<String, Object> service = services.get(p.getKey());
      Map<String, Object> e = (Map<String, Object>) service.get("environment");
      assertThat(e)
          .as(p.getKey())
          .containsEntry("AYS_KAFKA_CLIENT_CONFIG", "/run/secrets/kafka.properties");
      assertThat(secretTargets(service, secrets, env))
          .as(p.getKey() + " secrets")
          .containsEntry("kafka.properties", "kafka/" + p.getValue() + ".properties");
    }

    // The setup job has every principal of the ACL set, to give each its credential.
    Map<String, String> setupSecrets = secretTargets(services.get("kafka-setup"), secrets, env);
    for (String principal : aclPrincipals(List.of("node-1", "node-2"))) {
      assertThat(setupSecrets)
          .as("kafka-setup has the credentials of " + principal)
          .containsEntry(principal + ".properties", "kafka/" + principal + ".properties");
    }
    assertThat(setupSecrets).containsKey("ays-admin.properties");

    // Every secret is a file of the secrets folder that deploy/make-secrets.sh makes.
    String script = Files.readString(DEPLOY.resolve("make-secrets.sh"));
    for (Map.Entry<String, Map<String, Object>> secret : secrets.entrySet()) {
      String file = resolve((String) secret.getValue().get("file"), env);
      assertThat(file).as(secret.getKey()).startsWith("./secrets/");
      String name = Path.of(file).getFileName().toString();
      if (file.startsWith("./secrets/kafka/")) {
        // Made per principal: the node principals in a loop over --nodes.
        name = name.startsWith("node-") ? "\"node-$node\"" : name.replace(".properties", "");
      }
      if (file.startsWith("./secrets/node-keys/")) {
        // Made per node in a loop over --nodes.
        name = "node-keys/$1.key";
      }
      assertThat(script).as("make-secrets.sh makes " + file).contains(name);
    }
    assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains("deploy/compose/secrets/");
  }

  @Test
  @SuppressWarnings("unchecked")
  void composePortsAndHostNetworkFilesFitComposeYaml() throws IOException {
    Map<String, Map<String, Object>> services = composeServices("compose.yaml");
    Map<String, Map<String, Object>> published = composeServices("compose.ports.yaml");
    Map<String, Map<String, Object>> hostNetwork = composeServices("compose.host-network.yaml");
    Map<String, String> env = dotEnv(DEPLOY.resolve("compose/.env"));

    // "docker compose up" in deploy/compose publishes the ports; compose.yaml itself has none, so
    // that the host-network file can use it (Docker refuses published ports on the host network).
    assertThat(env).containsEntry("COMPOSE_FILE", "compose.yaml:compose.ports.yaml");
    services.forEach(
        (name, service) ->
            assertThat(service).as(name + " in compose.yaml").doesNotContainKey("ports"));
    assertThat(services).containsKeys(published.keySet().toArray(String[]::new));
    assertThat(hostNetwork.keySet())
        .as("every service on the host network (or none)")
        .containsExactlyInAnyOrderElementsOf(services.keySet());
    hostNetwork.forEach(
        (name, service) -> assertThat(service.get("network_mode")).as(name).isIn("host", "none"));

    // Kafka's EXTERNAL listener is the published one, advertised as the host's side of it.
    Map<String, Object> kafkaEnv = (Map<String, Object>) services.get("kafka").get("environment");
    String externalPort = (String) kafkaEnv.get("KAFKA_EXTERNAL_PORT");
    assertThat((List<String>) published.get("kafka").get("ports"))
        .containsExactly("127.0.0.1:${KAFKA_HOST_PORT:-9092}:" + externalPort);
    assertThat(kafkaEnv)
        .containsEntry("KAFKA_EXTERNAL_ADVERTISED", "127.0.0.1:${KAFKA_HOST_PORT:-9092}");
    assertThat((Map<String, Object>) hostNetwork.get("kafka").get("environment"))
        .containsEntry("KAFKA_EXTERNAL_PORT", "${KAFKA_HOST_PORT:-9092}");

    // The host-network file repeats the setup job's command with the broker's address only.
    List<String> setup = (List<String>) services.get("kafka-setup").get("command");
    List<String> hostSetup = (List<String>) hostNetwork.get("kafka-setup").get("command");
    int bootstrap = setup.indexOf("--bootstrap") + 1;
    assertThat(setup.get(bootstrap)).isEqualTo("kafka:9092");
    assertThat(hostSetup.get(bootstrap)).isEqualTo("127.0.0.1:${AYS_KAFKA_PORT:-9094}");
    List<String> rest = new ArrayList<>(hostSetup);
    rest.set(bootstrap, setup.get(bootstrap));
    assertThat(rest).as("compose.host-network.yaml's kafka-setup command").isEqualTo(setup);
  }

  @Test
  void noCommittedFileUnderDeployHoldsAPasswordOrKafkaWithoutSasl() throws IOException {
    // A literal value (or default, ${X:-value}) for anything named *password*, a JAAS password
    // that is not a shell variable, or a Secret resource with data.
    Pattern literalPassword =
        Pattern.compile(
            "(?m)^[^#\\n]*?(?<![A-Za-z0-9_])([A-Z][A-Z0-9_]*PASSWORD|sasl\\.password"
                + "|ssl\\.[a-z.]*password)\\s*[=:]\\s*[\"']?(?![$?%\"'\\\\\\s]|$)(\\S+)");
    Pattern jaasPassword = Pattern.compile("password=\\\\?\"(?![$\\\\])[^\"]+\"");
    Pattern plaintextKafka =
        Pattern.compile(
            "(?m)^[^#\\n]*((?<!SASL_)PLAINTEXT(?![A-Za-z_])|security\\.protocol=SSL\\b|:SSL\\b)");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(DEPLOY)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String text = Files.readString(file);
        String name = DEPLOY.relativize(file).toString();
        literalPassword
            .matcher(text)
            .results()
            .forEach(m -> found.add(name + ": " + m.group(1) + " has a value"));
        jaasPassword.matcher(text).results().forEach(m -> found.add(name + ": JAAS password"));
        if (!name.equals("kafka/acls.txt")) {
          plaintextKafka
              .matcher(text)
              .results()
              .forEach(m -> found.add(name + ": Kafka without SASL: " + m.group(1)));
        }
        if (name.startsWith("k8s/") && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
          for (Object doc : load(file)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> resource = (Map<String, Object>) doc;
            if ("Secret".equals(resource.get("kind"))
                && (resource.containsKey("data") || resource.containsKey("stringData"))) {
              found.add(name + ": a Secret with values");
            }
          }
        }
      }
    }
    assertThat(found).as("secrets or unauthenticated Kafka committed under deploy/").isEmpty();
    // The broker image has no listener without SASL, and needs its admin credentials.
    String entrypoint = Files.readString(DEPLOY.resolve("images/kafka/entrypoint.sh"));
    assertThat(entrypoint)
        .contains("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer")
        .contains("allow.everyone.if.no.acl.found=false")
        .contains("KAFKA_ADMIN_CONFIG");
  }

  @Test
  @SuppressWarnings("unchecked")
  void kubernetesManifestsAreCompleteAndConsistent() throws IOException {
    Map<String, Map<String, Object>> byKindAndName = new HashMap<>();
    for (Path file : yamlFiles(DEPLOY.resolve("k8s"))) {
      if (file.getFileName().toString().equals("kustomization.yaml")) {
        continue;
      }
      for (Object doc : load(file)) {
        Map<String, Object> resource = (Map<String, Object>) doc;
        assertThat(resource).as(file.toString()).containsKeys("apiVersion", "kind", "metadata");
        Map<String, Object> metadata = (Map<String, Object>) resource.get("metadata");
        byKindAndName.put(resource.get("kind") + "/" + metadata.get("name"), resource);
      }
    }
    assertThat(byKindAndName)
        .containsKeys(
            "Namespace/ays",
            "Deployment/template-registry",
            "Deployment/lifecycle-coordinator",
            "Deployment/monitor-service",
            "DaemonSet/node-executor",
            "Service/template-registry",
            "Service/lifecycle-coordinator",
            "Service/monitor-service",
            "ConfigMap/ays-config",
            "Job/ays-kafka-setup");
    String docs = Files.readString(ROOT.resolve("docs/deploy.md"));

    for (Map.Entry<String, Map<String, Object>> entry : byKindAndName.entrySet()) {
      String kind = entry.getKey().substring(0, entry.getKey().indexOf('/'));
      if (!kind.equals("Deployment") && !kind.equals("DaemonSet")) {
        continue;
      }
      Map<String, Object> spec = (Map<String, Object>) entry.getValue().get("spec");
      Map<String, Object> template = (Map<String, Object>) spec.get("template");
      Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
      Map<String, Object> labels =
          (Map<String, Object>) ((Map<String, Object>) template.get("metadata")).get("labels");
      assertThat(labels)
          .as(entry.getKey() + " selector matches its pods")
          .containsAllEntriesOf(
              (Map<String, Object>)
                  ((Map<String, Object>) spec.get("selector")).get("matchLabels"));
      assertThat(((Map<String, Object>) podSpec.get("securityContext")).get("runAsNonRoot"))
          .isEqualTo(true);
      for (Map<String, Object> container : (List<Map<String, Object>>) podSpec.get("containers")) {
        String what = entry.getKey() + " container " + container.get("name");
        assertThat(SERVICES).as(what).contains((String) container.get("name"));
        assertThat((String) container.get("image"))
            .startsWith("ays/" + container.get("name") + ":");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
          Map<String, Object> httpGet =
              (Map<String, Object>) ((Map<String, Object>) container.get(probe)).get("httpGet");
          assertThat((String) httpGet.get("path")).as(what + " " + probe).startsWith("/q/health/");
        }
        Map<String, Object> resources = (Map<String, Object>) container.get("resources");
        assertThat((Map<String, Object>) resources.get("requests")).containsKeys("cpu", "memory");
        // Every ConfigMap or Secret referenced exists, and holds the keys referenced.
        for (Map<String, Object> from :
            (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
          if (from.containsKey("configMapRef")) {
            assertThat(byKindAndName).containsKey("ConfigMap/" + name(from.get("configMapRef")));
          } else {
            assertSecretMadeByTheOperator(name(from.get("secretRef")), byKindAndName, docs);
          }
        }
        for (Map<String, Object> var :
            (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
          Map<String, Object> valueFrom = (Map<String, Object>) var.get("valueFrom");
          if (valueFrom != null && valueFrom.containsKey("configMapKeyRef")) {
            Map<String, Object> ref = (Map<String, Object>) valueFrom.get("configMapKeyRef");
            Map<String, Object> data =
                (Map<String, Object>) byKindAndName.get("ConfigMap/" + ref.get("name")).get("data");
            assertThat(data).as(what + " " + var.get("name")).containsKey((String) ref.get("key"));
          }
        }
      }
    }

    // Every Secret a pod mounts is made by the operator as docs/deploy.md says; each service's
    // Kafka principal is its own.
    Map<String, String> kafkaSecrets =
        Map.of(
            "Deployment/template-registry", "ays-kafka-ays-registry",
            "Deployment/lifecycle-coordinator", "ays-kafka-ays-coordinator",
            "Deployment/monitor-service", "ays-kafka-ays-monitor",
            "DaemonSet/node-executor", "ays-kafka-executors",
            "Job/ays-kafka-setup", "ays-kafka-credentials");
    for (Map.Entry<String, String> entry : kafkaSecrets.entrySet()) {
      List<String> mounted = new ArrayList<>();
      Map<String, Object> podSpec =
          (Map<String, Object>)
              ((Map<String, Object>)
                      ((Map<String, Object>) byKindAndName.get(entry.getKey()).get("spec"))
                          .get("template"))
                  .get("spec");
      for (Map<String, Object> volume : (List<Map<String, Object>>) podSpec.get("volumes")) {
        if (volume.containsKey("secret")) {
          String secret = (String) ((Map<String, Object>) volume.get("secret")).get("secretName");
          assertSecretMadeByTheOperator(secret, byKindAndName, docs);
          mounted.add(secret);
        }
      }
      assertThat(mounted).as(entry.getKey()).contains(entry.getValue());
    }
    assertThat(
            (Map<String, Object>)
                ((Map<String, Object>) byKindAndName.get("ConfigMap/ays-config")).get("data"))
        .containsEntry("AYS_KAFKA_CLIENT_CONFIG", "/etc/ays/kafka/kafka.properties");
    assertThat(Files.readString(DEPLOY.resolve("k8s/30-node-executor.yaml")))
        .contains("name: AYS_KAFKA_CREDENTIALS_DIR");

    // The DaemonSet's node id comes from the node's name (downward API).
    String daemonSet = Files.readString(DEPLOY.resolve("k8s/30-node-executor.yaml"));
    assertThat(daemonSet).contains("name: AYS_NODE_NAME").contains("fieldPath: spec.nodeName");

    // Services select the pods of their Deployment and target the http port.
    for (String service :
        List.of("template-registry", "lifecycle-coordinator", "monitor-service")) {
      Map<String, Object> spec =
          (Map<String, Object>) byKindAndName.get("Service/" + service).get("spec");
      assertThat((Map<String, Object>) spec.get("selector"))
          .containsEntry("app.kubernetes.io/name", service);
    }

    // kustomization.yaml names every manifest.
    Map<String, Object> kustomization =
        (Map<String, Object>) load(DEPLOY.resolve("k8s/kustomization.yaml")).get(0);
    for (Object resource : (List<Object>) kustomization.get("resources")) {
      assertThat(DEPLOY.resolve("k8s").resolve((String) resource)).exists();
    }
  }

  @Test
  void everyServiceImageIsNonRootHealthCheckedAndTakesItsBaseAsABuildArgument() throws IOException {
    for (String service : SERVICES) {
      String dockerfile = Files.readString(DEPLOY.resolve("images/" + service + "/Dockerfile"));
      assertThat(dockerfile)
          .as(service)
          .contains("ARG BASE_IMAGE=")
          .contains("FROM ${BASE_IMAGE}")
          .containsPattern("(?m)^USER 10001")
          .containsPattern("(?ms)^HEALTHCHECK .*/q/health/ready")
          .contains("quarkus-run.jar");
    }
    assertThat(Files.readString(DEPLOY.resolve("images/node-executor/Dockerfile")))
        .contains("python3");
  }

  @Test
  void theShellScriptsParse() throws Exception {
    for (String script :
        List.of(
            "ci/prepare-docker.sh",
            "images/kafka/entrypoint.sh",
            "images/postgres/entrypoint.sh")) {
      Process bash =
          new ProcessBuilder("bash", "-n", DEPLOY.resolve(script).toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(bash.getInputStream().readAllBytes());
      assertThat(bash.waitFor()).as(script + ": " + output).isZero();
    }
    assertThat(DEPLOY.resolve("ci/prepare-docker.sh")).isExecutable();
  }

  @Test
  void docsDeployListEveryEnvironmentVariable() throws IOException {
    String docs = Files.readString(ROOT.resolve("docs/deploy.md"));
    Set<String> variables = new LinkedHashSet<>();
    Pattern reference = Pattern.compile("\\$\\{(AYS_[A-Z0-9_]+)");
    for (String service : SERVICES) {
      String properties =
          Files.readString(ROOT.resolve(service + "/src/main/resources/application.properties"));
      reference.matcher(properties).results().forEach(m -> variables.add(m.group(1)));
    }
    assertThat(variables).contains("AYS_KAFKA_BOOTSTRAP", "AYS_DB_URL", "AYS_NODE_ID");
    variables.addAll(dotEnv(DEPLOY.resolve("compose/.env")).keySet());
    Pattern key =
        Pattern.compile("(?m)^\\s+-?\\s*(?:name: )?((?:AYS|KAFKA|POSTGRES|JAVA)_[A-Z0-9_]+)\\b");
    for (Path file : yamlFiles(DEPLOY)) {
      key.matcher(Files.readString(file)).results().forEach(m -> variables.add(m.group(1)));
    }
    List<String> missing = new ArrayList<>();
    for (String variable : variables) {
      if (!docs.contains("`" + variable + "`")) {
        missing.add(variable);
      }
    }
    assertThat(missing).as("variables not documented in docs/deploy.md").isEmpty();
  }

  // --- helpers ---------------------------------------------------------------------------

  /** A Secret the manifests use but do not hold, with the command that makes it documented. */
  private static void assertSecretMadeByTheOperator(
      String secret, Map<String, Map<String, Object>> resources, String docs) {
    assertThat(resources)
        .as("Secret " + secret + " committed")
        .doesNotContainKey("Secret/" + secret);
    assertThat(docs)
        .as("docs/deploy.md says how to make the Secret " + secret)
        .contains("kubectl -n ays create secret generic " + secret + " ");
  }

  /** target file name -> the secret's file under the secrets folder, of a compose service. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> secretTargets(
      Map<String, Object> service,
      Map<String, Map<String, Object>> secrets,
      Map<String, String> env) {
    Map<String, String> targets = new HashMap<>();
    for (Object entry : (List<Object>) service.getOrDefault("secrets", List.of())) {
      String source;
      String target;
      if (entry instanceof String name) {
        source = name;
        target = name;
      } else {
        Map<String, Object> longForm = (Map<String, Object>) entry;
        source = (String) longForm.get("source");
        target = resolve((String) longForm.get("target"), env);
      }
      assertThat(secrets).as("secret " + source + " is declared").containsKey(source);
      String file = resolve((String) secrets.get(source).get("file"), env);
      targets.put(target, file.substring(file.indexOf("/secrets/") + "/secrets/".length()));
    }
    return targets;
  }

  /** The principals of deploy/kafka/acls.txt for these nodes. */
  private static Set<String> aclPrincipals(List<String> nodes) throws IOException {
    Set<String> principals = new LinkedHashSet<>();
    for (String line : Files.readAllLines(DEPLOY.resolve("kafka/acls.txt"))) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String principal = trimmed.split("\\s+")[0];
      if (principal.contains("{node}")) {
        nodes.forEach(n -> principals.add(principal.replace("{node}", n)));
      } else {
        principals.add(principal);
      }
    }
    return principals;
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  private static List<Object> load(Path file) throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Object> docs = new ArrayList<>();
    for (Object doc : yaml.loadAll(Files.readString(file))) {
      docs.add(doc);
    }
    return docs;
  }

  private static Map<String, String> dotEnv(Path file) throws IOException {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.trim();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        int eq = trimmed.indexOf('=');
        env.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
      }
    }
    return env;
  }

  /** Resolves ${VAR}, ${VAR:-default} and ${VAR:?message} against .env, as compose does. */
  private static String resolve(String value, Map<String, String> env) {
    Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::[-?]([^}]*))?}").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = env.getOrDefault(m.group(1), m.group(2) == null ? "" : m.group(2));
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> composeServices(String file) throws IOException {
    Map<String, Object> compose =
        (Map<String, Object>) load(DEPLOY.resolve("compose/" + file)).get(0);
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  @SuppressWarnings("unchecked")
  private static String executorNode(Map<String, Object> service, Map<String, String> env) {
    Map<String, Object> e = (Map<String, Object>) service.get("environment");
    return resolve((String) e.get("AYS_NODE_ID"), env);
  }

  @SuppressWarnings("unchecked")
  private static String name(Object ref) {
    return (String) ((Map<String, Object>) ref).get("name");
  }
}
