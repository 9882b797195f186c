package io.ays.coordinator.domain;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.InstanceState;
import io.ays.contracts.RequestAction;
import io.ays.contracts.ServiceRequest;
import io.ays.coordinator.config.CoordinatorConfig;
import io.ays.coordinator.domain.plan.PhasePlanner;
import io.ays.coordinator.domain.plan.PlanRequest;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a request against what the coordinator knows (templates, instances) and plans it. Reads,
 * never writes: a dry run is exactly this, and {@link RequestIntake} stores its result.
 */
@ApplicationScoped
public class RunPreparer {

  private final PhasePlanner planner = new PhasePlanner();
  private final InstanceConfigResolver resolver;
  private final JsonMaps json;
  private final CoordinatorConfig config;

  public RunPreparer(InstanceConfigResolver resolver, JsonMaps json, CoordinatorConfig config) {
    this.resolver = resolver;
    this.json = json;
    this.config = config;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Preparation prepare(RequestAction action, ServiceRequest request) {
    InstanceKey key = request.instanceKey();
    ServiceInstanceEntity instance = ServiceInstanceEntity.findById(key.toString());
    if (instance == null && action != RequestAction.INSTALL) {
      return Preparation.rejected(
          Rejection.of("instance", "unknown instance " + key + ": install it first"));
    }
    Optional<TemplateDefinitionEntity> template = templateFor(action, request, instance);
    if (template.isEmpty()) {
      return Preparation.rejected(unknownTemplate(request));
    }
    Map<String, Object> answers = answersFor(action, request, instance);
    InstanceConfigResolver.Resolution resolution = resolver.resolve(template.get(), key, answers);
    if (!resolution.ok()) {
      return Preparation.rejected(
          new Rejection(
              "invalid answers or template for "
                  + key
                  + ": "
                  + resolution.problems().size()
                  + " problem(s)",
              resolution.problems()));
    }
    String node =
        request.node() != null
            ? request.node().value()
            : instance != null ? instance.node : config.managementNode();
    boolean upToDate =
        action == RequestAction.INSTALL
            && !request.force()
            && instance != null
            && InstanceState.RUNNING.name().equals(instance.state)
            && template.get().contentHash.equals(instance.templateHash)
            && json.write(resolution.answers()).equals(instance.answers);
    PlanRequest planRequest =
        new PlanRequest(
            action,
            config.managementNode(),
            node,
            template.get().hasManagementActions,
            request.noStart());
    return Preparation.of(
        new PreparedRun(
            action,
            key,
            node,
            template.get(),
            resolution.answers(),
            resolution.config(),
            upToDate ? java.util.List.of() : planner.plan(planRequest),
            upToDate));
  }

  /** Installs take the pinned or the newest version; other actions the installed version. */
  private static Optional<TemplateDefinitionEntity> templateFor(
      RequestAction action, ServiceRequest request, ServiceInstanceEntity instance) {
    if (request.templateVersion() != null) {
      return TemplateDefinitionEntity.version(
          request.domain(), request.name(), request.templateVersion());
    }
    if (action != RequestAction.INSTALL && instance != null && instance.templateHash != null) {
      return TemplateDefinitionEntity.version(
          request.domain(), request.name(), instance.templateHash);
    }
    return TemplateDefinitionEntity.latest(request.domain(), request.name());
  }

  /** An install brings its answers; configure changes some; other actions reuse the stored ones. */
  private Map<String, Object> answersFor(
      RequestAction action, ServiceRequest request, ServiceInstanceEntity instance) {
    if (action == RequestAction.INSTALL) {
      return request.answers();
    }
    Map<String, Object> answers = new HashMap<>(json.read(instance.answers));
    if (action == RequestAction.CONFIGURE) {
      answers.putAll(request.answers());
    }
    return answers;
  }

  private static Rejection unknownTemplate(ServiceRequest request) {
    String template = request.domain() + "/" + request.name();
    if (request.templateVersion() != null) {
      return Rejection.of(
          "templateVersion",
          "unknown version " + request.templateVersion() + " of template " + template);
    }
    return Rejection.of("name", "unknown template " + template);
  }
}
