package io.ays.model.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The container form of {@code process.N} as the registry reads it from a template. */
class ContainerSpecTest {

  @Test
  void aContainerEntryIsReadWithTheOriginalsFormats() {
    Template t =
        Template.fromHrd(
            "demo",
            "web",
            """
            process.1 =
                image:'demo/web:1',
                portsforwards:'80:8080 22:8022',
                volumes:'/data:web-data # /etc/web:/srv/web',
                memory:'256m',
                cpus:'0.5',
            """,
            null);
    assertThat(t.problems()).isEmpty();
    ProcessSpec process = t.processes().get(0);
    assertThat(process.startedByAys()).as("no cmd: the image's own command").isTrue();
    ContainerSpec spec = process.container().orElseThrow();
    assertThat(spec.image()).isEqualTo("demo/web:1");
    assertThat(spec.ports())
        .containsExactly(
            new ContainerSpec.PortForward(80, 8080), new ContainerSpec.PortForward(22, 8022));
    assertThat(spec.volumes())
        .containsExactly(
            new ContainerSpec.Mount("/data", "web-data"),
            new ContainerSpec.Mount("/etc/web", "/srv/web"));
    assertThat(spec.volumes().get(0).namedVolume()).isTrue();
    assertThat(spec.memoryBytes()).isEqualTo(256L << 20);
    assertThat(spec.nanoCpus()).isEqualTo(500_000_000L);
  }

  @Test
  void theExampleContainerTemplateIsValid() throws java.io.IOException {
    Template t =
        new TemplateLoader()
            .load("examples", java.nio.file.Path.of("../examples/templates/hello-container"));
    assertThat(t.problems()).isEmpty();
    assertThat(t.processes().get(0).container())
        .get()
        .extracting(ContainerSpec::build)
        .isEqualTo("docker");
    assertThat(t.files()).containsKey("docker/Dockerfile");
  }

  @Test
  void aMountEndingWithRoIsReadOnly() {
    Template t =
        Template.fromHrd(
            "demo",
            "web",
            "process.1 =\n    image:'demo/web:1',\n    volumes:'/etc/keys:/srv/keys:ro # /data:data',\n",
            null);
    assertThat(t.problems()).isEmpty();
    assertThat(t.processes().get(0).container().orElseThrow().volumes())
        .containsExactly(
            new ContainerSpec.Mount("/etc/keys", "/srv/keys", true),
            new ContainerSpec.Mount("/data", "data", false));
    assertThat(problem("image:'demo/web:1',\n    volumes:'/etc/keys:/srv/keys:rw'"))
        .contains("volumes: '/etc/keys:/srv/keys:rw' is not <path in the container>:<host folder");
  }

  /**
   * The container node example: resolved with the answers ./ays install gives, it is an executor
   * container on the host network named after the instance, its credentials mounted read-only.
   */
  @Test
  void theContainerNodeTemplateResolvesToAnExecutorContainerNamedAfterTheInstance()
      throws java.io.IOException {
    Template t =
        new TemplateLoader()
            .load("examples", java.nio.file.Path.of("../examples/templates/node.container"));
    assertThat(t.problems()).isEmpty();
    assertThat(t.recipe().getString("category", "app")).isEqualTo("node");
    ResolvedInstance web1 =
        new InstanceResolver()
            .resolve(t, "web1", java.util.Map.of("param.credentials", "/srv/ays/nodes/web1"));
    assertThat(web1.problems()).isEmpty();
    ProcessSpec process = web1.processes().get(0);
    ContainerSpec spec = process.container().orElseThrow();
    assertThat(spec.image()).isEqualTo("ays/node-executor:dev");
    assertThat(spec.network()).isEqualTo("host");
    assertThat(spec.volumes())
        .containsExactly(
            new ContainerSpec.Mount("/etc/ays/node", "/srv/ays/nodes/web1", true),
            new ContainerSpec.Mount("/var/lib/ays/executor", "executor", false));
    assertThat(process.ports()).containsExactly(8190);
    assertThat(process.env())
        .containsEntry("AYS_NODE_ID", "web1")
        .containsEntry("AYS_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
        .containsEntry("AYS_TRUSTED_KEYS", "local-1=/etc/ays/node/signing.pub.pem")
        .containsEntry("AYS_HTTP_PORT", "8190")
        .containsEntry("AYS_EXECUTOR_GIT_EXPORT_REGISTRY", "http://127.0.0.1:8081/git/");
    assertThat(
            new InstanceResolver()
                .resolve(t, "web1", java.util.Map.of("param.credentials", "relative"))
                .problems())
        .as("the credentials folder must be absolute")
        .isNotEmpty();
  }

  @Test
  void aHostProcessHasNoContainer() {
    Template t = Template.fromHrd("demo", "web", "process.1 =\n    cmd:'sleep 1',\n", null);
    assertThat(t.processes().get(0).container()).isEmpty();
  }

  @Test
  void badContainerFieldsAreRefusedNamingTheField() {
    assertThat(problem("image:'demo/web:1',\n    portsforwards:'80'"))
        .contains(
            "process.1: portsforwards: '80' is not <port in the container>:<port of the node>");
    assertThat(problem("image:'demo/web:1',\n    memory:'lots'"))
        .contains("process.1: memory: 'lots' is not a size such as 256m");
    assertThat(problem("build:'docker'")).contains("process.1: image is required in a container");
    assertThat(problem("image:'demo/web:1',\n    build:'../outside'"))
        .contains("process.1: build: '../outside' must be a relative folder (no leading /, no ..)");
    assertThat(problem("image:'demo/web:1',\n    volumes:'data:/x'"))
        .contains("process.1: volumes: 'data:/x' is not <path in the container>:<host folder or");
  }

  @Test
  void anImageNamingARegistryHostIsPulledWhenMissingAndABareNameNever() {
    assertThat(pull("image:'127.0.0.1:5000/ays-examples/hello:1'"))
        .isEqualTo(ContainerSpec.PullPolicy.MISSING);
    assertThat(pull("image:'registry.example.com/hello'"))
        .isEqualTo(ContainerSpec.PullPolicy.MISSING);
    assertThat(pull("image:'localhost/hello:1'")).isEqualTo(ContainerSpec.PullPolicy.MISSING);
    assertThat(pull("image:'demo/web:1'"))
        .as("a bare name would come from Docker Hub: only when asked")
        .isEqualTo(ContainerSpec.PullPolicy.NEVER);
    assertThat(pull("image:'demo/web:1',\n    pull:'always'"))
        .isEqualTo(ContainerSpec.PullPolicy.ALWAYS);
    assertThat(pull("image:'127.0.0.1:5000/hello:1',\n    pull:'Never'"))
        .isEqualTo(ContainerSpec.PullPolicy.NEVER);
    assertThat(pull("image:'127.0.0.1:5000/hello:1',\n    build:'docker'"))
        .as("a built image is not pulled")
        .isEqualTo(ContainerSpec.PullPolicy.NEVER);
  }

  @Test
  void aBadPullIsRefusedNamingTheField() {
    assertThat(problem("image:'demo/web:1',\n    pull:'sometimes'"))
        .contains("process.1: pull: 'sometimes' is none of always, missing, never");
    assertThat(problem("image:'demo/web:1',\n    build:'docker',\n    pull:'always'"))
        .contains("process.1: pull: not with build");
  }

  @Test
  void anImageNameIsTakenApartAsDockerReadsIt() {
    assertThat(ImageReference.parse("127.0.0.1:5000/ays-examples/hello:1"))
        .isEqualTo(
            new ImageReference("127.0.0.1:5000", "127.0.0.1:5000/ays-examples/hello", "1", null));
    assertThat(ImageReference.parse("localhost:5000/hello"))
        .isEqualTo(new ImageReference("localhost:5000", "localhost:5000/hello", "latest", null));
    assertThat(ImageReference.parse("demo/web:1").registryOrHub()).isEqualTo("docker.io");
    assertThat(ImageReference.parse("nginx"))
        .isEqualTo(new ImageReference(null, "nginx", "latest", null));
    assertThat(ImageReference.parse("r.example.com/x@sha256:abc"))
        .isEqualTo(new ImageReference("r.example.com", "r.example.com/x", null, "sha256:abc"));
  }

  private static ContainerSpec.PullPolicy pull(String fields) {
    Template t = Template.fromHrd("demo", "web", "process.1 =\n    " + fields + ",\n", null);
    assertThat(t.problems()).isEmpty();
    return t.processes().get(0).container().orElseThrow().pull();
  }

  private static String problem(String fields) {
    Template t = Template.fromHrd("demo", "web", "process.1 =\n    " + fields + ",\n", null);
    assertThat(t.problems()).hasSize(1);
    return t.problems().get(0);
  }
}
