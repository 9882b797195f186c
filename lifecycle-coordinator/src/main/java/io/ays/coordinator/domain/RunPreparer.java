package io.ays.coordinator.domain;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.Problem;
import io.ays.contracts.RequestAction;
import io.ays.contracts.ServiceRequest;
import io.ays.coordinator.config.CoordinatorConfig;
import io.ays.coordinator.domain.graph.DependencyCycleException;
import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a request against what the coordinator knows (templates, instances, their dependencies)
 * and plans it as one run per instance involved. Reads, never writes: a dry run is exactly this,
 * and {@link RequestIntake} stores its result.
 *
 * <p>Install and start bring in the instance's dependencies first ({@link InstallClosure}, {@link
 * InstalledClosure}); stop and uninstall take its dependencies after it, except those another
 * instance still uses; restart, configure and removedata touch the named instance only, and a
 * removedata is refused while a running instance uses it. {@code noDeps} limits every action to the
 * named instance. A build (template-level) is the named instance alone, which need not be
 * installed.
 */
@ApplicationScoped
public class RunPreparer {

  private final InstancePlanner planner;
  private final InstanceConfigResolver resolver;
  private final InstallClosure installClosure;
  private final InstalledClosure installedClosure;
  private final SecretValues json;
  private final CoordinatorConfig config;

  public RunPreparer(
      InstancePlanner planner,
      InstanceConfigResolver resolver,
      InstallClosure installClosure,
      InstalledClosure installedClosure,
      SecretValues json,
      CoordinatorConfig config) {
    this.planner = planner;
    this.resolver = resolver;
    this.installClosure = installClosure;
    this.installedClosure = installedClosure;
    this.json = json;
    this.config = config;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Preparation prepare(RequestAction action, ServiceRequest sent) {
    ServiceRequest request;
    try {
      request = withAnswers(sent, json.open(sent.answers()));
    } catch (IllegalArgumentException e) {
      return Preparation.rejected(Rejection.of("answers", e.getMessage()));
    }
    InstanceKey key = request.instanceKey();
    ServiceInstanceEntity instance = ServiceInstanceEntity.findById(key.toString());
    if (instance == null && action != RequestAction.INSTALL && !action.templateLevel()) {
      return Preparation.rejected(
          Rejection.of("instance", "unknown instance " + key + ": install it first"));
    }
    Optional<String> removal = uninstallUnderWay(action, instance);
    if (removal.isPresent()) {
      return Preparation.rejected(Rejection.of("instance", removal.get()));
    }
    Optional<TemplateDefinitionEntity> template = templateFor(action, request, instance);
    if (template.isEmpty()) {
      return Preparation.rejected(unknownTemplate(request));
    }
    // Only the request's own answers: a template's dependency args may set any instance key, as
    // in the original, and stored answers were checked when they were given.
    List<Problem> unasked = resolver.unasked(template.get(), request.answers());
    if (!unasked.isEmpty()) {
      return Preparation.rejected(
          new Rejection(
              "cannot " + action.name().toLowerCase() + " " + key + ": " + summary(unasked),
              unasked));
    }
    Placement.Result placement = Placement.of(request, instance, config.managementNode());
    if (placement.rejection() != null) {
      return Preparation.rejected(placement.rejection());
    }
    String node = placement.node();
    InstancePlanner.Member root =
        new InstancePlanner.Member(
            action,
            key,
            node,
            template.get(),
            answersFor(action, request, instance),
            instance,
            request.force(),
            request.noStart(),
            null,
            List.of());
    List<Problem> problems = new ArrayList<>();
    List<PreparedRun> runs;
    try {
      runs = closure(action, request.noDeps(), root, problems);
    } catch (DependencyCycleException e) {
      return Preparation.rejected(Rejection.of("dependencies", e.getMessage()));
    }
    if (!problems.isEmpty()) {
      return Preparation.rejected(
          new Rejection(
              "cannot " + action.name().toLowerCase() + " " + key + ": " + summary(problems),
              problems));
    }
    return Preparation.of(runs);
  }

  /**
   * {@code request} with the answers its template holds secret sealed, as the REST API publishes it
   * on the requests topic; unchanged if its template is unknown (it will be refused).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ServiceRequest sealSecrets(RequestAction action, ServiceRequest request) {
    if (request.answers().isEmpty()) {
      return request;
    }
    ServiceInstanceEntity instance =
        ServiceInstanceEntity.findById(request.instanceKey().toString());
    return templateFor(action, request, instance)
        .map(
            template ->
                withAnswers(request, json.seal(request.answers(), resolver.secretKeys(template))))
        .orElse(request);
  }

  private static ServiceRequest withAnswers(ServiceRequest request, Map<String, Object> answers) {
    return new ServiceRequest(
        request.domain(),
        request.name(),
        request.instance(),
        request.node(),
        answers,
        request.force(),
        request.noDeps(),
        request.noStart(),
        request.templateVersion(),
        request.reason(),
        request.parent());
  }

  private List<PreparedRun> closure(
      RequestAction action, boolean noDeps, InstancePlanner.Member root, List<Problem> problems) {
    if (action == RequestAction.REMOVEDATA) {
      List<String> users = InstalledClosure.runningUsersOf(root.key());
      if (!users.isEmpty()) {
        problems.add(
            new Problem(
                "instance",
                String.join(", ", users)
                    + (users.size() == 1 ? " uses " : " use ")
                    + root.key()
                    + " and "
                    + (users.size() == 1 ? "is" : "are")
                    + " running: stop "
                    + (users.size() == 1 ? "it" : "them")
                    + " first"));
        return List.of();
      }
    }
    if (noDeps
        || action == RequestAction.REMOVEDATA
        || action == RequestAction.RESTART
        || action == RequestAction.CONFIGURE
        || action.templateLevel()) {
      PreparedRun run = planner.plan(root, problems);
      return run == null ? List.of() : List.of(run);
    }
    return switch (action) {
      case INSTALL -> installClosure.runs(root, problems);
      case START -> installedClosure.startRuns(root, problems);
      case STOP, UNINSTALL -> installedClosure.stopRuns(root, problems);
      case RESTART, CONFIGURE, BUILD, REMOVEDATA ->
          throw new IllegalStateException("handled above");
    };
  }

  /**
   * Why {@code action} cannot be taken for an instance that an uninstall is removing: only an
   * install may follow (it queues behind the uninstall and installs anew); anything else would find
   * nothing left to act on.
   */
  private static Optional<String> uninstallUnderWay(
      RequestAction action, ServiceInstanceEntity instance) {
    if (instance == null || instance.activeRunId == null || action == RequestAction.INSTALL) {
      return Optional.empty();
    }
    RunEntity active = RunEntity.findById(instance.activeRunId);
    if (active == null || !RequestAction.UNINSTALL.name().equals(active.action)) {
      return Optional.empty();
    }
    return Optional.of(
        instance.instanceKey
            + " is being uninstalled (run "
            + active.id
            + "); "
            + action.name().toLowerCase(java.util.Locale.ROOT)
            + " is refused, an install may follow");
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

  /**
   * An install brings its answers; configure changes some; a build takes the request's over the
   * stored ones, if any (it stores none); other actions reuse the stored ones.
   */
  private Map<String, Object> answersFor(
      RequestAction action, ServiceRequest request, ServiceInstanceEntity instance) {
    if (action == RequestAction.INSTALL || (action.templateLevel() && instance == null)) {
      return request.answers();
    }
    Map<String, Object> answers = new HashMap<>(json.openJson(instance.answers));
    if (action == RequestAction.CONFIGURE || action.templateLevel()) {
      answers.putAll(request.answers());
    }
    return answers;
  }

  private static String summary(List<Problem> problems) {
    return problems.size() == 1
        ? problems.get(0).field() + ": " + problems.get(0).message()
        : problems.size() + " problems";
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
