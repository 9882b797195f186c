package io.ays.executor.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * The Python runner AYS ships ({@code ays_runner.py}, a resource of the executor), written to
 * {@code <data dir>/runtime/} so that python3 can run it; rewritten whenever the shipped copy
 * differs, so an upgraded executor never runs an old runner.
 */
public final class RunnerScript {

  private static final String RESOURCE = "/io/ays/executor/python/ays_runner.py";

  private RunnerScript() {}

  /** The runner's path under {@code dataDir}, written if missing or different. */
  public static synchronized Path extract(Path dataDir) {
    Path target = dataDir.resolve("runtime").resolve("ays_runner.py");
    try (InputStream in = RunnerScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the executor");
      }
      byte[] shipped = in.readAllBytes();
      if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), shipped)) {
        return target;
      }
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".runner-", ".py");
      Files.write(temp, shipped);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Python runner to " + target, e);
    }
  }
}
