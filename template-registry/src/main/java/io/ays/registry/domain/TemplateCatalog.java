package io.ays.registry.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.TemplateFile;
import io.ays.contracts.Topics;
import io.ays.messaging.Outbox;
import io.ays.registry.persistence.TemplateFileEntity;
import io.ays.registry.persistence.TemplateVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's template versions. Recording a snapshot stores it and publishes its definition
 * only when it is not already the current version, so a sync that changes nothing publishes
 * nothing; the definition goes through the outbox, in the transaction that stores the version.
 */
@ApplicationScoped
public class TemplateCatalog {

  static final String SERVICE_HRD = "service.hrd";
  static final String INSTANCE_HRD = "instance.hrd";

  private final Outbox outbox;
  private final EventFactory events;
  private final EventCodec codec;
  private final Topics topics;
  private final Clock clock;

  public TemplateCatalog(
      Outbox outbox, EventFactory events, EventCodec codec, Topics topics, Clock clock) {
    this.outbox = outbox;
    this.events = events;
    this.codec = codec;
    this.topics = topics;
    this.clock = clock;
  }

  /**
   * Records a valid snapshot read from {@code repository} at {@code commit}.
   *
   * @return true if it became the current version (and was published)
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean record(TemplateSnapshot snapshot, String repository, String commit) {
    Optional<TemplateVersionEntity> current =
        TemplateVersionEntity.current(snapshot.domain(), snapshot.name());
    if (current.isPresent() && current.get().contentHash.equals(snapshot.contentHash())) {
      return false;
    }
    Instant now = Instant.now(clock);
    TemplateVersionEntity version =
        TemplateVersionEntity.byHash(snapshot.domain(), snapshot.name(), snapshot.contentHash())
            .orElseGet(() -> newVersion(snapshot, repository, commit));
    version.createdAt = now; // an older content that comes back becomes current again
    version.persist();
    publish(version);
    return true;
  }

  /** The definition event of a stored version, as executors and the coordinator receive it. */
  public TemplateDefinition definition(TemplateVersionEntity version) {
    Map<String, TemplateFile> files = new TreeMap<>();
    String serviceHrd = null;
    String instanceHrd = null;
    for (TemplateFileEntity file : version.files) {
      switch (file.path) {
        case SERVICE_HRD -> serviceHrd = new String(file.content, StandardCharsets.UTF_8);
        case INSTANCE_HRD -> instanceHrd = new String(file.content, StandardCharsets.UTF_8);
        default -> files.put(file.path, TemplateFile.of(file.content, file.executable));
      }
    }
    return new TemplateDefinition(
        version.domain,
        version.name,
        version.contentHash,
        version.repository,
        version.sourceCommit,
        files,
        serviceHrd,
        instanceHrd,
        version.createdAt);
  }

  private void publish(TemplateVersionEntity version) {
    CloudEvent<TemplateDefinition> event =
        events.create(EventType.TEMPLATE_DEFINITION, definition(version));
    outbox.enqueue(topics.templates(), event.kafkaKey(), codec.encode(event));
  }

  private static TemplateVersionEntity newVersion(
      TemplateSnapshot snapshot, String repository, String commit) {
    TemplateVersionEntity version = new TemplateVersionEntity();
    version.domain = snapshot.domain();
    version.name = snapshot.name();
    version.contentHash = snapshot.contentHash();
    version.repository = repository;
    version.sourceCommit = commit;
    version.description = snapshot.description();
    version.searchText = snapshot.searchText();
    snapshot
        .files()
        .forEach(
            (path, content) -> {
              TemplateFileEntity file = new TemplateFileEntity();
              file.version = version;
              file.path = path;
              file.content = content;
              file.executable = snapshot.executables().contains(path);
              version.files.add(file);
            });
    return version;
  }
}
