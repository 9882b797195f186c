package io.ays.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a test needs from the machine beyond a JDK and git (the AYS 7 corpus, a browser). Where it
 * is missing the test is skipped with a one-line reason, shown in the test report, so that {@code
 * ./mvnw -B -T 2 verify} passes on a fresh clone; with {@code -Days.require.all=true} (set by
 * {@code .ci/run}) it fails instead, so CI never passes without running it.
 *
 * <p>ays-model, which this module depends on, repeats these few lines in its corpus test.
 */
public final class Prerequisites {

  /** The system property that turns a missing prerequisite from a skip into a failure. */
  public static final String REQUIRE_ALL = "ays.require.all";

  /** The system property naming the AYS 7 corpus (the build sets it; see README.md). */
  public static final String CORPUS_DIR = "ays.corpus.dir";

  private Prerequisites() {}

  /**
   * Skips the calling test (or fails it, under {@value #REQUIRE_ALL}) unless {@code present}.
   *
   * @param missing one line: what is missing and how to get it
   */
  public static void require(boolean present, String missing) {
    if (present) {
      return;
    }
    if (Boolean.getBoolean(REQUIRE_ALL)) {
      throw new AssertionError(missing + " (-D" + REQUIRE_ALL + "=true: required)");
    }
    assumeTrue(false, missing);
  }

  /**
   * The AYS 7 corpus directory; skips or fails the test as {@link #require} does if absent. Call it
   * from {@code @BeforeEach}: a skip in {@code @BeforeAll} leaves no reason in surefire's report.
   */
  public static Path corpus() {
    Path corpus = corpusIfPresent();
    require(
        corpus != null,
        "the AYS 7 template corpus is not at "
            + System.getProperty(CORPUS_DIR)
            + ": clone it there or point -D"
            + CORPUS_DIR
            + "=/absolute/path at it (README.md, \"Building and testing\")");
    return corpus;
  }

  /** The AYS 7 corpus directory, or null if it is not there (for {@code @BeforeAll}). */
  public static Path corpusIfPresent() {
    String dir = System.getProperty(CORPUS_DIR);
    return dir != null && Files.isDirectory(Path.of(dir)) ? Path.of(dir) : null;
  }
}
