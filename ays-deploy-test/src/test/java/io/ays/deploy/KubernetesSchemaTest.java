package io.ays.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ays.deploy.KubernetesManifests.Manifest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under deploy/k8s is what a cluster would accept, field by field: built-in kinds
 * against Kubernetes' API types (fabric8's model), custom resources against their JSON schemas, a
 * misspelt or misplaced field failing with its path. No cluster needed.
 */
class KubernetesSchemaTest {

  private static final Path K8S =
      Path.of(System.getProperty("ays.project.dir", "..")).normalize().resolve("deploy/k8s");
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  @Test
  void everyManifestMatchesTheKubernetesApiOrItsCustomResourceSchema() {
    List<Manifest> manifests = KubernetesManifests.load(K8S);
    assertThat(manifests).hasSizeGreaterThan(20);
    List<String> problems = new ArrayList<>();
    for (Manifest manifest : manifests) {
      problems.addAll(check(manifest));
    }
    assertThat(problems).as("manifests a cluster would refuse").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyManifestFileIsListedInItsFoldersKustomization() throws IOException {
    for (Path folder : List.of(K8S, K8S.resolve("strimzi"))) {
      Manifest kustomization =
          KubernetesManifests.load(folder).stream()
              .filter(m -> m.file().equals(folder.resolve("kustomization.yaml")))
              .findFirst()
              .orElseThrow();
      List<String> listed = (List<String>) kustomization.content().get("resources");
      try (Stream<Path> files = Files.list(folder)) {
        List<String> manifests =
            files
                .map(f -> f.getFileName().toString())
                .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
                .toList();
        assertThat(listed)
            .as(folder + "/kustomization.yaml")
            .containsExactlyInAnyOrderElementsOf(manifests);
      }
    }
  }

  @Test
  void aMisspeltFieldInABuiltInKindFailsWithItsPath() {
    Manifest deployment = first("Deployment", "lifecycle-coordinator");
    Map<String, Object> content = deepCopy(deployment.content());
    Map<String, Object> container = path(content, "spec", "template", "spec", "containers", 0);
    Map<String, Object> securityContext = path(container, "securityContext");
    securityContext.put("readOnlyRootFileSystem", securityContext.remove("readOnlyRootFilesystem"));

    assertThat(check(new Manifest(deployment.file(), deployment.document(), content)))
        .singleElement()
        .asString()
        .contains("20-lifecycle-coordinator.yaml")
        .contains("readOnlyRootFileSystem")
        .contains("securityContext");
  }

  @Test
  void aFieldInTheWrongPlaceFailsToo() {
    // runAsNonRoot belongs to the pod's or a container's securityContext, not to the container.
    Manifest daemonSet = first("DaemonSet", "node-executor");
    Map<String, Object> content = deepCopy(daemonSet.content());
    path(content, "spec", "template", "spec", "containers", 0).put("runAsNonRoot", true);
    assertThatThrownBy(
            () -> KubernetesManifests.typed(manifestOf(daemonSet, content), kind(daemonSet)))
        .hasMessageContaining("runAsNonRoot");
  }

  @Test
  void aMisspeltFieldInACustomResourceFailsWithItsPath() {
    Manifest user = first("KafkaUser", "ays-registry");
    Map<String, Object> content = deepCopy(user.content());
    Map<String, Object> acl = path(content, "spec", "authorization", "acls", 0);
    acl.put("operation", acl.remove("operations"));

    assertThat(check(manifestOf(user, content)))
        .anySatisfy(p -> assertThat(p).contains("users.yaml").contains("operation"));
  }

  @Test
  void anUnknownKindIsRefusedRatherThanSkipped() {
    Manifest namespace = first("Namespace", "ays");
    Map<String, Object> content = deepCopy(namespace.content());
    content.put("kind", "Namespaces");
    assertThat(check(manifestOf(namespace, content)))
        .singleElement()
        .asString()
        .contains("v1/Namespaces")
        .contains("no schema");
  }

  // --- the check ----------------------------------------------------------------------------

  /** What a cluster would refuse in this document, each naming the file, the resource and field. */
  private static List<String> check(Manifest manifest) {
    String key = manifest.apiVersion() + "/" + manifest.kind();
    Class<? extends HasMetadata> type = KubernetesManifests.BUILT_IN.get(key);
    if (type != null) {
      try {
        HasMetadata resource = KubernetesManifests.typed(manifest, type);
        return resource.getMetadata() == null || resource.getMetadata().getName() == null
            ? List.of(manifest.where() + ": no metadata.name")
            : List.of();
      } catch (IllegalArgumentException e) {
        return List.of(manifest.where() + ": " + e.getMessage());
      }
    }
    String schemaResource = KubernetesManifests.SCHEMAS.get(key);
    if (schemaResource == null) {
      return List.of(
          manifest.where() + ": " + key + " has no schema to check it against (add one)");
    }
    JsonSchema schema = SCHEMAS.getSchema(KubernetesManifests.schema(schemaResource));
    List<String> problems = new ArrayList<>();
    for (ValidationMessage message : schema.validate(KubernetesManifests.json(manifest))) {
      problems.add(manifest.where() + ": " + message.getMessage());
    }
    return problems;
  }

  // --- helpers ------------------------------------------------------------------------------

  private static Manifest first(String kind, String name) {
    return KubernetesManifests.load(K8S).stream()
        .filter(m -> kind.equals(m.kind()) && name.equals(m.name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " under " + K8S));
  }

  private static Manifest manifestOf(Manifest original, Map<String, Object> content) {
    return new Manifest(original.file(), original.document(), content);
  }

  private static Class<? extends HasMetadata> kind(Manifest manifest) {
    return KubernetesManifests.BUILT_IN.get(manifest.apiVersion() + "/" + manifest.kind());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, deepCopyValue(v)));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object deepCopyValue(Object value) {
    if (value instanceof Map<?, ?> m) {
      return deepCopy((Map<String, Object>) m);
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(deepCopyValue(v)));
      return copy;
    }
    return value;
  }

  /** Walks maps by key and lists by index; the value found must be a mapping. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> path(Map<String, Object> root, Object... steps) {
    Object at = root;
    for (Object step : steps) {
      at =
          step instanceof Integer i
              ? ((List<Object>) at).get(i)
              : ((Map<String, Object>) at).get(step);
    }
    return (Map<String, Object>) at;
  }
}
