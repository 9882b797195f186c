package io.ays.contracts;

import java.util.Map;

/**
 * A request for one instance, on {@code ays.requests}; the action is in the event type ({@code
 * ays.request.install.v1}, see {@link RequestAction}). Users, the CLI and the monitor (restarts)
 * send it; the lifecycle-coordinator answers with a run or a {@link RequestRejected}. There is no
 * dry run over Kafka: a plan is an answer to a question, so it is the coordinator's REST {@code
 * ?dryRun=true}.
 *
 * @param instance the instance name; {@value InstanceKey#DEFAULT_INSTANCE} when absent
 * @param node the node that hosts the instance; null means the management node (or, for an existing
 *     instance, where it already lives)
 * @param answers answers to the template's {@code @ASK} questions, by key without the {@code
 *     instance.} prefix (e.g. {@code param.port}); values are strings, numbers, booleans, lists or
 *     objects
 * @param force run even if the template version and answers did not change (the original {@code
 *     -r})
 * @param noDeps leave dependencies alone (the original {@code --nodeps})
 * @param noStart install without starting (the original {@code --no-start})
 * @param templateVersion a content hash to pin; null means the latest known version
 * @param reason free text kept with the run, e.g. {@code restart after crash (exit 137)}
 * @param parent the instance the service is placed through (the original's {@code --parent}); an
 *     instance of a template of category {@code node} places it on the node whose id is the
 *     parent's instance name. Null (absent, as in every request before it existed) means no parent:
 *     {@code node} alone places it
 */
public record ServiceRequest(
    String domain,
    String name,
    String instance,
    NodeId node,
    Map<String, Object> answers,
    boolean force,
    boolean noDeps,
    boolean noStart,
    String templateVersion,
    String reason,
    InstanceKey parent)
    implements EventPayload {

  public ServiceRequest {
    Names.part(domain, "domain");
    Names.part(name, "name");
    instance = instance == null ? InstanceKey.DEFAULT_INSTANCE : instance;
    Names.part(instance, "instance");
    answers = Fields.sortedMap(answers, "answers");
    if (templateVersion != null) {
      TemplateRef.contentHash(templateVersion, "templateVersion");
    }
    Fields.optionalText(reason, "reason");
  }

  /** A request without a parent: placed by {@code node} alone. */
  public ServiceRequest(
      String domain,
      String name,
      String instance,
      NodeId node,
      Map<String, Object> answers,
      boolean force,
      boolean noDeps,
      boolean noStart,
      String templateVersion,
      String reason) {
    this(
        domain,
        name,
        instance,
        node,
        answers,
        force,
        noDeps,
        noStart,
        templateVersion,
        reason,
        null);
  }

  /** A request with no answers, flags or pin, for the instance and node given. */
  public static ServiceRequest of(InstanceKey key, NodeId node, String reason) {
    return new ServiceRequest(
        key.domain(),
        key.name(),
        key.instance(),
        node,
        Map.of(),
        false,
        false,
        false,
        null,
        reason);
  }

  public InstanceKey instanceKey() {
    return new InstanceKey(domain, name, instance);
  }

  @Override
  public String subject() {
    return instanceKey().toString();
  }
}
