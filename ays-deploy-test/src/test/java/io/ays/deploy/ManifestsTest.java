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
            "topics",
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
    String topicsCommand =
        resolve(String.join(" ", (List<String>) services.get("topics").get("command")), env);
    assertThat(topicsCommand).contains("--nodes " + node1 + "," + node2);
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
      assertThat(e)
          .as(service)
          .containsKeys("AYS_KAFKA_BOOTSTRAP", "AYS_DB_URL", "AYS_DB_USER", "AYS_DB_PASSWORD");
    }
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
            "Secret/ays-db");

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
            assertThat(byKindAndName).containsKey("Secret/" + name(from.get("secretRef")));
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
  private static String executorNode(Map<String, Object> service, Map<String, String> env) {
    Map<String, Object> e = (Map<String, Object>) service.get("environment");
    return resolve((String) e.get("AYS_NODE_ID"), env);
  }

  @SuppressWarnings("unchecked")
  private static String name(Object ref) {
    return (String) ((Map<String, Object>) ref).get("name");
  }
}
