package io.ays.model.template;

import io.ays.model.hrd.AskSchema;
import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.HrdParseException;
import io.ays.model.hrd.HrdParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final Map<String, byte[]> files;
  private final Set<String> executables;
  private final String contentHash;
  private final Hrd recipe;
  private final Hrd instanceHrd;
  private final AskSchema schema;
  private final List<ProcessSpec> processes;
  private final List<DependencySpec> dependencies;
  private final List<GitExport> gitExports;
  private final List<String> problems;

  private Template(
      String domain,
      String name,
      Map<String, byte[]> files,
      Set<String> executables,
      HrdParser parser,
      List<String> loadProblems) {
    this.domain = domain;
    this.name = name;
    this.files = Collections.unmodifiableMap(new TreeMap<>(files));
    this.executables = Set.copyOf(executables);
    this.contentHash = ContentHash.of(files);
    List<String> found = new ArrayList<>(loadProblems);
    String where = domain + "/" + name + "/";
    this.recipe = read(parser, where + SERVICE_HRD, files.get(SERVICE_HRD), found, true);
    this.instanceHrd = read(parser, where + INSTANCE_HRD, files.get(INSTANCE_HRD), found, false);
    this.schema = AskSchema.of(instanceHrd, found);
    this.processes = RecipeViews.processes(recipe, "process.", found);
    this.dependencies = RecipeViews.dependencies(recipe, domain, found);
    this.gitExports = RecipeViews.gitExports(recipe, found);
    this.problems = List.copyOf(found);
  }

  /**
   * A template from its files.
   *
   * @param files every file by path relative to the template folder ({@code /}-separated)
   * @param executables the paths among them that are executable (hooks)
   */
  public static Template fromFiles(
      String domain, String name, Map<String, byte[]> files, Set<String> executables) {
    return new Template(domain, name, files, executables, new HrdParser(), List.of());
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

  private static Hrd read(
      HrdParser parser, String source, byte[] content, List<String> problems, boolean required) {
    if (content == null) {
      if (required) {
        problems.add(source + ": missing (a template is a folder holding service.hrd)");
      }
      return Hrd.empty(source);
    }
    try {
      return parser.parse(new String(content, StandardCharsets.UTF_8), source);
    } catch (HrdParseException e) {
      problems.add(e.getMessage());
      return Hrd.empty(source);
    }
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

  public Map<String, byte[]> files() {
    return files;
  }

  public Set<String> executables() {
    return executables;
  }

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

  public AskSchema schema() {
    return schema;
  }

  /** The process entries in start order (prio). */
  public List<ProcessSpec> processes() {
    return processes;
  }

  public List<DependencySpec> dependencies() {
    return dependencies;
  }

  public List<GitExport> gitExports() {
    return gitExports;
  }

  /** {@code platform.supported}, as a list (empty: any platform). */
  public List<String> platforms() {
    Object value = recipe.raw("platform.supported");
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null || String.valueOf(value).isBlank()
        ? List.of()
        : List.of(String.valueOf(value));
  }

  public boolean has(String file) {
    return files.containsKey(file);
  }

  /** Whether the template has actions for the management location. */
  public boolean hasManagementActions() {
    return has("actions_mgmt.py")
        || files.keySet().stream().anyMatch(p -> p.startsWith("hooks/mgmt/"));
  }

  /** This template with problems found while reading its folder (e.g. a symbolic link). */
  Template withProblems(List<String> loadProblems) {
    return new Template(domain, name, files, executables, new HrdParser(), loadProblems);
  }

  public List<String> problems() {
    return problems;
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
