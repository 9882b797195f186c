package io.ays.registry.domain;

import io.ays.model.template.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Validates templates without storing or publishing them, with the same rules as a sync: every
 * folder of the archive holding {@code service.hrd} is a template named after its folder (a {@code
 * service.hrd} at the archive's root is one template named {@code rootName}).
 */
public final class TemplateValidator {

  private TemplateValidator() {}

  public static ValidationReport validate(String domain, String rootName, TemplateArchive archive) {
    List<String> problems = new ArrayList<>(archive.problems());
    List<ValidationReport.TemplateResult> results = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    List<String> folders = templateFolders(archive.files().keySet());
    folders.forEach(f -> names.merge(nameOf(f, rootName), 1, Integer::sum));
    for (String folder : folders) {
      String name = nameOf(folder, rootName);
      Map<String, byte[]> files = new TreeMap<>();
      Set<String> executables = new HashSet<>();
      archive
          .files()
          .forEach(
              (path, content) -> {
                if (path.startsWith(folder)) {
                  String relative = path.substring(folder.length());
                  files.put(relative, content);
                  if (archive.executables().contains(path)) {
                    executables.add(relative);
                  }
                }
              });
      Template template = Template.fromFiles(domain, name, files, executables);
      List<String> templateProblems = new ArrayList<>(template.problems());
      if (names.get(name) > 1) {
        templateProblems.add(
            domain
                + "/"
                + name
                + ": two folders of the archive are named '"
                + name
                + "': a template name must be unique in its repository");
      }
      problems.addAll(templateProblems);
      results.add(
          new ValidationReport.TemplateResult(
              domain,
              name,
              folder.isEmpty() ? "" : folder.substring(0, folder.length() - 1),
              template.contentHash(),
              templateProblems.isEmpty(),
              templateProblems,
              template.warnings()));
    }
    if (folders.isEmpty()) {
      problems.add(
          "the archive holds no service.hrd: a template is a folder with a service.hrd file");
    }
    return new ValidationReport(problems.isEmpty(), results, capped(problems));
  }

  /** The most problems a report lists; the rest are counted in a last line. */
  static final int MAX_PROBLEMS = 1_000;

  private static List<String> capped(List<String> problems) {
    if (problems.size() <= MAX_PROBLEMS) {
      return problems;
    }
    List<String> listed = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
    listed.add("... and " + (problems.size() - MAX_PROBLEMS) + " more problems, not listed");
    return listed;
  }

  /** Every folder holding a service.hrd, as a prefix ending in '/' ("" for the root). */
  private static List<String> templateFolders(Set<String> paths) {
    Set<String> folders = new TreeSet<>();
    for (String path : paths) {
      if (path.equals(Template.SERVICE_HRD)) {
        folders.add("");
      } else if (path.endsWith("/" + Template.SERVICE_HRD)) {
        folders.add(path.substring(0, path.length() - Template.SERVICE_HRD.length()));
      }
    }
    return List.copyOf(folders);
  }

  private static String nameOf(String folder, String rootName) {
    if (folder.isEmpty()) {
      return rootName;
    }
    String trimmed = folder.substring(0, folder.length() - 1);
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
