package io.ays.executor.container;

import io.ays.executor.action.ConfigFiles;
import io.ays.executor.action.DefaultActions;
import io.ays.executor.binary.ExportPaths;
import io.ays.executor.binary.GitCache;
import io.ays.executor.binary.GitExporter;
import io.ays.executor.binary.GitSources;
import io.ays.executor.node.NodePlatform;
import io.ays.executor.process.ProcessRegistry;
import io.ays.executor.process.ProcessSupervisor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The executor's default actions wired as in production, for the container tests. */
final class ContainerDefaultActions {

  private ContainerDefaultActions() {}

  /** Default actions keeping their state under {@code work}, with these containers and images. */
  static DefaultActions of(Path work, ContainerSupervisor containers, ContainerImages images) {
    ExportPaths paths = new ExportPaths(List.of(work.resolve("var")));
    return new DefaultActions(
        new ProcessSupervisor(new ProcessRegistry(work.resolve("supervised")), 1 << 20, 2),
        new GitExporter(
            new GitCache(work.resolve("git")),
            paths,
            NodePlatform.current(),
            new GitSources(Optional.empty(), List.of(), true, false)),
        new ConfigFiles(paths),
        containers,
        images);
  }
}
