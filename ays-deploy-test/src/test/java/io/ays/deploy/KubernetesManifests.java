package io.ays.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes manifests under deploy/k8s, read as a cluster would read them: built-in kinds as
 * fabric8's Kubernetes API model with unknown fields refused, custom resources (Strimzi, Prometheus
 * Operator) against the JSON schemas in src/test/resources/k8s-schemas.
 */
final class KubernetesManifests {

  /** One YAML document of a manifest file: where it is, and what it says. */
  record Manifest(Path file, int document, Map<String, Object> content) {

    String kind() {
      return (String) content.get("kind");
    }

    String apiVersion() {
      return (String) content.get("apiVersion");
    }

    @SuppressWarnings("unchecked")
    String name() {
      Object metadata = content.get("metadata");
      return metadata instanceof Map<?, ?> m
          ? (String) ((Map<String, Object>) m).get("name")
          : null;
    }

    /** How a failure names this document: file, document number, kind and name. */
    String where() {
      return file.getFileName() + " (document " + document + ", " + kind() + "/" + name() + ")";
    }
  }

  /** Built-in kinds, by apiVersion and kind, as fabric8 types. */
  static final Map<String, Class<? extends HasMetadata>> BUILT_IN =
      Map.of(
          "v1/Namespace", Namespace.class,
          "v1/ConfigMap", ConfigMap.class,
          "v1/Service", Service.class,
          "apps/v1/Deployment", Deployment.class,
          "apps/v1/DaemonSet", DaemonSet.class,
          "batch/v1/Job", Job.class,
          "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

  /** Custom resources and kustomize's file, by apiVersion and kind, as JSON schema resources. */
  static final Map<String, String> SCHEMAS =
      Map.of(
          "kafka.strimzi.io/v1beta2/KafkaTopic", "k8s-schemas/kafkatopic.schema.json",
          "kafka.strimzi.io/v1beta2/KafkaUser", "k8s-schemas/kafkauser.schema.json",
          "monitoring.coreos.com/v1/ServiceMonitor", "k8s-schemas/servicemonitor.schema.json",
          "kustomize.config.k8s.io/v1beta1/Kustomization", "k8s-schemas/kustomization.schema.json");

  /**
   * Reads JSON into fabric8's types refusing unknown fields. fabric8 keeps unknown fields in each
   * type's "additionalProperties" (a Jackson any-setter), so a misspelt field would be kept, not
   * refused: the modifier removes the any-setters, and FAIL_ON_UNKNOWN_PROPERTIES then names the
   * field and its path.
   */
  static final ObjectMapper STRICT =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .registerModule(
              new SimpleModule("no-any-setter")
                  .setDeserializerModifier(
                      new BeanDeserializerModifier() {
                        @Override
                        public BeanDeserializerBuilder updateBuilder(
                            DeserializationConfig config,
                            BeanDescription description,
                            BeanDeserializerBuilder builder) {
                          builder.setAnySetter(null);
                          return builder;
                        }
                      }));

  private KubernetesManifests() {}

  /** Every document of every YAML file under the folder, in file order. */
  @SuppressWarnings("unchecked")
  static List<Manifest> load(Path dir) {
    List<Manifest> manifests = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        int document = 0;
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Object doc : yaml.loadAll(Files.readString(file))) {
          document++;
          if (!(doc instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(
                file + " document " + document + ": not a mapping but " + doc);
          }
          manifests.add(new Manifest(file, document, (Map<String, Object>) doc));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return manifests;
  }

  /** The document as its fabric8 type; IllegalArgumentException names an unknown field. */
  static <T extends HasMetadata> T typed(Manifest manifest, Class<T> type) {
    return STRICT.convertValue(manifest.content(), type);
  }

  /** The built-in kinds of the list, typed. */
  static <T extends HasMetadata> List<T> all(List<Manifest> manifests, Class<T> type) {
    return manifests.stream()
        .filter(m -> BUILT_IN.get(m.apiVersion() + "/" + m.kind()) == type)
        .map(m -> typed(m, type))
        .toList();
  }

  static JsonNode json(Manifest manifest) {
    return STRICT.valueToTree(manifest.content());
  }

  static InputStream schema(String resource) {
    InputStream in = KubernetesManifests.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + resource);
    }
    return in;
  }
}
