package io.ays.model.template;

import io.ays.model.hrd.AnswerProblem;
import io.ays.model.hrd.AskParameter;
import io.ays.model.hrd.AskSchema;
import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.HrdConversions;
import io.ays.model.hrd.HrdParseException;
import io.ays.model.hrd.HrdParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A service template: {@code service.hrd} (the recipe every instance shares), {@code instance.hrd}
 * (its {@code @ASK} questions), action files, hooks and other files, identified as {@code
 * domain/name} and versioned by its content hash. Reading never throws for a bad template: {@link
 * #problems()} lists everything wrong, each with file and line.
 */
public final class Template {

  public static final String SERVICE_HRD = "service.hrd";
  public static final String INSTANCE_HRD = "instance.hrd";

  private final String domain;
  private final String name;
  private final TemplateFiles files;
  private final String contentHash;
  private final Hrd recipe;
  private final Hrd instanceHrd;
  private final AskSchema schema;
  private final List<ProcessSpec> processes;
  private final List<DependencySpec> dependencies;
  private final List<GitExport> gitExports;
  private final List<ConfigRender> configRenders;
  private final List<String> problems;
  private final List<String> warnings;

  private Template(String domain, String name, TemplateFiles files, List<String> loadProblems) {
    this.domain = domain;
    this.name = name;
    this.files = files;
    this.contentHash = ContentHash.of(files.all());
    Findings found = new Findings();
    loadProblems.forEach(found::error);
    checkIdentity(domain, name, found);
    String where = domain + "/" + name + "/";
    this.recipe = read(where + SERVICE_HRD, files.all().get(SERVICE_HRD), found, true);
    this.instanceHrd = read(where + INSTANCE_HRD, files.all().get(INSTANCE_HRD), found, false);
    List<String> askProblems = new ArrayList<>();
    this.schema =
        AskSchema.of(instanceHrd, askProblems)
            .plus(AskSchema.of(recipe, InstanceResolver.SERVICE_PREFIX, askProblems));
    askProblems.forEach(found::error);
    this.processes = ProcessReader.read(recipe, "", null, found);
    this.dependencies = DependencyReader.read(recipe, "", domain, found);
    this.gitExports = GitExportReader.read(recipe, "", found);
    this.configRenders = ConfigRenderReader.read(recipe, "", found);
    maxInstances(found);
    checkHooks(found);
    this.problems = List.copyOf(found.errors());
    this.warnings = List.copyOf(found.warnings());
  }

  /**
   * A template from its files.
   *
   * @param files every file by path relative to the template folder ({@code /}-separated); a path
   *     that is absolute or escapes the folder is left out and reported as a problem
   * @param executables the paths among them that are executable (hooks)
   */
  public static Template fromFiles(
      String domain, String name, Map<String, byte[]> files, Set<String> executables) {
    return fromFiles(domain, name, files, executables, List.of());
  }

  static Template fromFiles(
      String domain,
      String name,
      Map<String, byte[]> files,
      Set<String> executables,
      List<String> loadProblems) {
    List<String> problems = new ArrayList<>(loadProblems);
    SortedMap<String, byte[]> safe = new TreeMap<>();
    files.forEach(
        (path, content) -> {
          String problem = TemplateFiles.pathProblem(path);
          if (problem == null) {
            safe.put(path, content);
          } else {
            problems.add(domain + "/" + name + "/" + path + ": " + problem);
          }
        });
    return new Template(domain, name, new TemplateFiles(safe, executables), problems);
  }

  /** A template from its two HRD texts only (how the coordinator receives definitions). */
  public static Template fromHrd(
      String domain, String name, String serviceHrd, String instanceHrd) {
    Map<String, byte[]> files = new TreeMap<>();
    files.put(SERVICE_HRD, serviceHrd.getBytes(StandardCharsets.UTF_8));
    if (instanceHrd != null) {
      files.put(INSTANCE_HRD, instanceHrd.getBytes(StandardCharsets.UTF_8));
    }
    return fromFiles(domain, name, files, Set.of());
  }

  private static Hrd read(String source, byte[] content, Findings found, boolean required) {
    if (content == null) {
      if (required) {
        found.error(source + ": missing (a template is a folder holding service.hrd)");
      }
      return Hrd.empty(source);
    }
    try {
      return new HrdParser().parse(new String(content, StandardCharsets.UTF_8), source);
    } catch (HrdParseException e) {
      found.error(e.getMessage());
      return Hrd.empty(source);
    }
  }

  private static void checkIdentity(String domain, String name, Findings found) {
    for (String part : List.of(domain, name)) {
      if (part == null || part.isBlank() || part.contains("/") || part.contains("\\")) {
        found.error(
            "template identity '"
                + domain
                + "/"
                + name
                + "': domain and name must be non-empty"
                + " and hold no '/'");
        return;
      }
    }
  }

  private void checkHooks(Findings found) {
    for (Hook hook : files.hooks()) {
      String where = domain + "/" + name + "/" + hook.path() + ": ";
      if (!Actions.known(hook.action())) {
        found.warning(where + "'" + hook.action() + "' is not an AYS action; never run");
      }
      if (!hook.executable()) {
        found.warning(where + "not executable; AYS runs it only if it is");
      }
    }
  }

  private Optional<Integer> maxInstances(Findings found) {
    if (!recipe.has("instances.maxnr")) {
      return Optional.empty();
    }
    Long max = HrdConversions.toLong(recipe.raw("instances.maxnr"));
    if (max == null || max < 1 || max > Integer.MAX_VALUE) {
      if (found != null) {
        found.error(recipe, "instances.maxnr", "expected a whole number of at least 1");
      }
      return Optional.empty();
    }
    return Optional.of(max.intValue());
  }

  public String domain() {
    return domain;
  }

  public String name() {
    return name;
  }

  /** {@code domain/name}. */
  public String key() {
    return domain + "/" + name;
  }

  /** Every file by relative path, sorted. */
  public Map<String, byte[]> files() {
    return files.all();
  }

  /** The files, with what they are (action files, hooks, other files). */
  public TemplateFiles templateFiles() {
    return files;
  }

  public Set<String> executables() {
    return files.executables();
  }

  /** SHA-256 over the files' relative paths and contents, in sorted order (hex). */
  public String contentHash() {
    return contentHash;
  }

  /** service.hrd. */
  public Hrd recipe() {
    return recipe;
  }

  /** instance.hrd (empty if the template has none). */
  public Hrd instanceHrd() {
    return instanceHrd;
  }

  /**
   * The questions: those of instance.hrd keyed as written ({@code param.port}), and any of
   * service.hrd keyed {@code service.<key>}.
   */
  /**
   * One problem for each key of {@code answers} (as a request gives them) that this template does
   * not ask: no {@code @ASK} question has it as key or {@code name}, and it is no plain key of
   * instance.hrd. Each names what the template asks.
   */
  public List<AnswerProblem> unasked(Map<String, ?> answers) {
    return AskedKeys.of(this).unasked(answers);
  }

  public AskSchema schema() {
    return schema;
  }

  /**
   * The answer keys whose values are secrets ({@code type:password} or {@code secret:true}), as
   * questions are keyed (e.g. {@code param.password}), and their {@code name} aliases.
   */
  public Set<String> secretKeys() {
    Set<String> keys = new java.util.TreeSet<>();
    for (AskParameter question : schema.parameters()) {
      if (question.secret()) {
        keys.add(question.key());
        if (question.name() != null) {
          keys.add(AskSchema.normalise(question.name()));
        }
      }
    }
    return keys;
  }

  /** The processes that AYS starts or watches, in start order (prio). */
  public List<ProcessSpec> processes() {
    return processes;
  }

  public List<DependencySpec> dependencies() {
    return dependencies;
  }

  public List<GitExport> gitExports() {
    return gitExports;
  }

  /** The {@code config.render.N} entries in order: files the default configure renders. */
  public List<ConfigRender> configRenders() {
    return configRenders;
  }

  /** {@code platform.supported} (empty: any platform). */
  public List<String> platforms() {
    return recipe.getStringList("platform.supported").stream().filter(p -> !p.isBlank()).toList();
  }

  /** {@code description}, if given. */
  public Optional<String> description() {
    return recipe.optionalString("description").filter(d -> !d.isBlank());
  }

  /** {@code instances.maxnr}: how many instances may exist (1: only {@code main}), if limited. */
  public Optional<Integer> maxInstances() {
    return maxInstances(null);
  }

  /** The action files present. */
  public Set<ActionFile> actionFiles() {
    return files.actionFiles();
  }

  public List<Hook> hooks() {
    return files.hooks();
  }

  /** The files that are neither HRD files, action files nor hooks. */
  public List<String> otherFiles() {
    return files.otherFiles();
  }

  public boolean has(String file) {
    return files.has(file);
  }

  /** Whether the template has actions for the management location. */
  public boolean hasManagementActions() {
    return files.hasManagementActions();
  }

  /** Everything wrong, each as {@code file:line: key: message}; empty for a valid template. */
  public List<String> problems() {
    return problems;
  }

  /** What is ignored but does not make the template invalid (e.g. an empty process entry). */
  public List<String> warnings() {
    return warnings;
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  /**
   * Resolves instance {@code instance} (null or blank: {@code main}) with {@code answers}.
   *
   * @see InstanceResolver#resolve
   */
  public ResolvedInstance resolve(String instance, Map<String, ?> answers) {
    return new InstanceResolver().resolve(this, instance, answers);
  }

  @Override
  public String toString() {
    return "Template(" + key() + ", " + contentHash.substring(0, 12) + ")";
  }
}
