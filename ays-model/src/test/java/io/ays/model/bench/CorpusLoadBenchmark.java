package io.ays.model.bench;

import io.ays.model.template.Template;
import io.ays.model.template.TemplateLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures HRD parsing and template loading over the AYS 7 corpus: templates per second and
 * megabytes per second, after a warm-up, as the median of several rounds. Run it with {@code
 * bench/hrd.sh}; it is a plain program, not a test, so no timing is ever asserted.
 *
 * <p>Two figures: "load" reads the folders from disk and builds every Template (parse, typed views,
 * hash); "parse" builds the Templates from files already in memory.
 */
public final class CorpusLoadBenchmark {

  private CorpusLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/ays7-templates");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    TemplateLoader loader = new TemplateLoader();
    List<Template> templates = loader.loadAll("ays_jumpscale7", corpus);
    long bytes =
        templates.stream().flatMap(t -> t.files().values().stream()).mapToLong(b -> b.length).sum();
    List<Map<String, byte[]>> inMemory = new ArrayList<>();
    templates.forEach(t -> inMemory.add(new HashMap<>(t.files())));
    long hrdFiles;
    try (Stream<Path> files = Files.walk(corpus)) {
      hrdFiles = files.filter(p -> p.toString().endsWith(".hrd")).count();
    }
    System.out.printf(
        "corpus: %s: %d templates, %d HRD files, %.1f KB%n",
        corpus, templates.size(), hrdFiles, bytes / 1024.0);

    List<Double> load = new ArrayList<>();
    List<Double> parse = new ArrayList<>();
    for (int round = 0; round < rounds + 5; round++) {
      long start = System.nanoTime();
      int loaded = loader.loadAll("ays_jumpscale7", corpus).size();
      double loadSeconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      int problems = 0;
      for (int i = 0; i < inMemory.size(); i++) {
        problems +=
            Template.fromFiles("d", templates.get(i).name(), inMemory.get(i), java.util.Set.of())
                .problems()
                .size();
      }
      double parseSeconds = (System.nanoTime() - start) / 1e9;
      if (round >= 5 && loaded == templates.size() && problems == 0) { // the first 5 warm up
        load.add(loadSeconds);
        parse.add(parseSeconds);
      }
    }
    report("load (disk + parse + views + hash)", median(load), templates.size(), bytes);
    report("parse (in memory)", median(parse), templates.size(), bytes);
  }

  private static void report(String what, double seconds, int templates, long bytes) {
    System.out.printf(
        "%-36s %8.1f ms/corpus %10.0f templates/s %8.1f MB/s%n",
        what, seconds * 1000, templates / seconds, bytes / seconds / 1e6);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
