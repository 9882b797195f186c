package io.ays.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.deploy.KubernetesManifests.Manifest;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * What a cluster's workloads need beyond being well-formed: every container without privileges
 * (capabilities dropped, read-only root file system, no escalation, seccomp), every pod isolated by
 * network policies but able to reach Kafka, DNS and what it calls, and every service scraped by
 * Prometheus with a token from a Secret the operator makes.
 */
class KubernetesHardeningTest {

  private static final Path ROOT = Path.of(System.getProperty("ays.project.dir", "..")).normalize();
  private static final List<Manifest> MANIFESTS =
      KubernetesManifests.load(ROOT.resolve("deploy/k8s"));

  /** The only capability any container gets back, and why: it hands a hostPath folder over. */
  private static final Map<String, List<String>> ADDED_CAPABILITIES =
      Map.of("node-executor/data-owner", List.of("CHOWN"));

  @Test
  void everyContainerRunsWithoutPrivilegesOnAReadOnlyRootFileSystem() {
    Map<String, PodTemplateSpec> pods = podTemplates();
    assertThat(pods)
        .containsOnlyKeys(
            "template-registry",
            "lifecycle-coordinator",
            "monitor-service",
            "node-executor",
            "ays-kafka-setup");
    for (Map.Entry<String, PodTemplateSpec> pod : pods.entrySet()) {
      PodSpec spec = pod.getValue().getSpec();
      PodSecurityContext podContext = spec.getSecurityContext();
      assertThat(podContext.getRunAsNonRoot()).as(pod.getKey() + " runAsNonRoot").isTrue();
      assertThat(podContext.getSeccompProfile().getType())
          .as(pod.getKey() + " seccomp")
          .isEqualTo("RuntimeDefault");
      List<Container> containers = new ArrayList<>(spec.getContainers());
      containers.addAll(orEmpty(spec.getInitContainers()));
      for (Container container : containers) {
        String what = pod.getKey() + "/" + container.getName();
        SecurityContext context = container.getSecurityContext();
        assertThat(context).as(what + " securityContext").isNotNull();
        assertThat(context.getAllowPrivilegeEscalation()).as(what + " escalation").isFalse();
        assertThat(context.getReadOnlyRootFilesystem()).as(what + " read-only root").isTrue();
        assertThat(context.getPrivileged()).as(what + " privileged").isNotEqualTo(true);
        Capabilities capabilities = context.getCapabilities();
        assertThat(capabilities.getDrop()).as(what + " drops").containsExactly("ALL");
        assertThat(orEmpty(capabilities.getAdd()))
            .as(what + " adds")
            .containsExactlyElementsOf(ADDED_CAPABILITIES.getOrDefault(what, List.of()));
        if (Objects.equals(context.getRunAsUser(), 0L)) {
          assertThat(ADDED_CAPABILITIES).as(what + " runs as root").containsKey(what);
        }
      }
      // What the JVM writes (temporary files) goes to an emptyDir.
      Container main = spec.getContainers().get(0);
      String tmpVolume =
          main.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals("/tmp"))
              .map(m -> m.getName())
              .findFirst()
              .orElseThrow(() -> new AssertionError(pod.getKey() + " mounts nothing on /tmp"));
      Volume volume =
          spec.getVolumes().stream()
              .filter(v -> v.getName().equals(tmpVolume))
              .findFirst()
              .orElseThrow();
      assertThat(volume.getEmptyDir()).as(pod.getKey() + " /tmp").isNotNull();
      assertThat(volume.getEmptyDir().getSizeLimit())
          .as(pod.getKey() + " /tmp bounded")
          .isNotNull();
    }
  }

  @Test
  void networkPoliciesDenyByDefaultAndAllowKafkaDnsAndEachServicesCalls() {
    List<NetworkPolicy> policies = KubernetesManifests.all(MANIFESTS, NetworkPolicy.class);
    assertThat(policies)
        .anySatisfy(
            p -> {
              assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
              assertThat(p.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
              assertThat(p.getSpec().getPolicyTypes())
                  .containsExactlyInAnyOrder("Ingress", "Egress");
              assertThat(p.getSpec().getIngress()).isNullOrEmpty();
              assertThat(p.getSpec().getEgress()).isNullOrEmpty();
            });

    Map<String, PodTemplateSpec> pods = podTemplates();
    // Host-network pods are outside network policies: only the executor may be one.
    pods.forEach(
        (name, pod) ->
            assertThat(Boolean.TRUE.equals(pod.getSpec().getHostNetwork()))
                .as(name + " on the node's network")
                .isEqualTo(name.equals("node-executor")));

    Map<String, List<Integer>> egress =
        Map.of(
            "template-registry", List.of(53, 9092, 5432, 443, 22),
            "lifecycle-coordinator", List.of(53, 9092, 5432, 8083),
            "monitor-service", List.of(53, 9092, 5432),
            "ays-kafka-setup", List.of(53, 9092));
    for (Map.Entry<String, List<Integer>> expected : egress.entrySet()) {
      Map<String, String> labels = pods.get(expected.getKey()).getMetadata().getLabels();
      for (int port : expected.getValue()) {
        assertThat(allows(policies, labels, "Egress", port))
            .as(expected.getKey() + " may connect to port " + port)
            .isTrue();
      }
      // Anything else stays closed, e.g. plain HTTP out of the cluster.
      assertThat(allows(policies, labels, "Egress", 80))
          .as(expected.getKey() + " may not connect to port 80")
          .isFalse();
    }
    assertThat(
            allows(
                policies, pods.get("ays-kafka-setup").getMetadata().getLabels(), "Ingress", 8081))
        .as("the setup Job takes no connections")
        .isFalse();

    // Every Service's port is open to the pods behind it (users, executors, Prometheus).
    for (Service service : KubernetesManifests.all(MANIFESTS, Service.class)) {
      String name = service.getMetadata().getName();
      if (name.equals("node-executor")) {
        continue; // host network, see above
      }
      Map<String, String> labels = pods.get(name).getMetadata().getLabels();
      for (ServicePort port : service.getSpec().getPorts()) {
        assertThat(allows(policies, labels, "Ingress", containerPort(pods.get(name), port)))
            .as(name + " takes connections on " + port.getName())
            .isTrue();
      }
    }
  }

  @Test
  void everyServiceIsScrapedWithATokenFromASecretTheOperatorMakes() throws IOException {
    String docs = Files.readString(ROOT.resolve("docs/deploy.md"));
    Map<String, Map<String, Object>> monitors = new LinkedHashMap<>();
    for (Manifest m : MANIFESTS) {
      if ("ServiceMonitor".equals(m.kind())) {
        monitors.put(m.name(), m.content());
      }
    }
    List<Service> services = KubernetesManifests.all(MANIFESTS, Service.class);
    assertThat(monitors.keySet())
        .containsExactlyInAnyOrderElementsOf(
            services.stream().map(s -> s.getMetadata().getName()).toList());
    for (Service service : services) {
      Map<String, Object> spec = map(monitors.get(service.getMetadata().getName()).get("spec"));
      assertThat(service.getMetadata().getLabels())
          .as("ServiceMonitor " + service.getMetadata().getName() + " selects its Service")
          .containsAllEntriesOf(stringMap(map(spec.get("selector")).get("matchLabels")));
      for (Object item : (List<?>) spec.get("endpoints")) {
        Map<String, Object> endpoint = map(item);
        assertThat(service.getSpec().getPorts())
            .extracting(ServicePort::getName)
            .contains((String) endpoint.get("port"));
        assertThat(endpoint).containsEntry("path", "/q/metrics");
        Map<String, Object> authorization = map(endpoint.get("authorization"));
        assertThat(authorization).containsEntry("type", "Bearer");
        String secret = (String) map(authorization.get("credentials")).get("name");
        assertThat(MANIFESTS).noneMatch(m -> "Secret".equals(m.kind()) && secret.equals(m.name()));
        assertThat(docs)
            .as("docs/deploy.md says how to make the Secret " + secret)
            .contains("kubectl -n ays create secret generic " + secret + " ");
      }
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  /** The pod templates of the workloads, by workload name. */
  private static Map<String, PodTemplateSpec> podTemplates() {
    Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
    KubernetesManifests.all(MANIFESTS, Deployment.class)
        .forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
    KubernetesManifests.all(MANIFESTS, DaemonSet.class)
        .forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
    KubernetesManifests.all(MANIFESTS, Job.class)
        .forEach(j -> pods.put(j.getMetadata().getName(), j.getSpec().getTemplate()));
    return pods;
  }

  /**
   * Whether some policy selecting pods with these labels allows this direction on this TCP or UDP
   * port (a rule without ports allows every port). Peers are not evaluated: the manifests' comments
   * and docs/deploy.md say whom each rule admits.
   */
  private static boolean allows(
      List<NetworkPolicy> policies, Map<String, String> labels, String direction, int port) {
    for (NetworkPolicy policy : policies) {
      if (!policy.getSpec().getPolicyTypes().contains(direction)
          || !selects(policy.getSpec().getPodSelector(), labels)) {
        continue;
      }
      List<List<NetworkPolicyPort>> rules =
          direction.equals("Ingress")
              ? orEmpty(policy.getSpec().getIngress()).stream().map(r -> r.getPorts()).toList()
              : orEmpty(policy.getSpec().getEgress()).stream().map(r -> r.getPorts()).toList();
      for (List<NetworkPolicyPort> ports : rules) {
        if (ports == null
            || ports.isEmpty()
            || ports.stream().anyMatch(p -> Objects.equals(p.getPort().getIntVal(), port))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector.getMatchLabels() != null
        && !selector.getMatchLabels().entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        String value = labels.get(r.getKey());
        boolean ok =
            switch (r.getOperator()) {
              case "In" -> value != null && r.getValues().contains(value);
              case "NotIn" -> value == null || !r.getValues().contains(value);
              case "Exists" -> value != null;
              case "DoesNotExist" -> value == null;
              default -> throw new AssertionError("unknown operator " + r.getOperator());
            };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  /** The container port number a Service port targets (by name or number). */
  private static int containerPort(PodTemplateSpec pod, ServicePort port) {
    if (port.getTargetPort() == null) {
      return port.getPort();
    }
    if (port.getTargetPort().getIntVal() != null) {
      return port.getTargetPort().getIntVal();
    }
    return pod.getSpec().getContainers().stream()
        .flatMap(c -> c.getPorts().stream())
        .filter(p -> port.getTargetPort().getStrVal().equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port " + port.getTargetPort()))
        .getContainerPort();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> stringMap(Object value) {
    return (Map<String, String>) value;
  }
}
