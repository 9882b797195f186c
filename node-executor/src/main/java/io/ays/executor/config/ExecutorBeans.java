package io.ays.executor.config;

import io.ays.executor.action.ConfigFiles;
import io.ays.executor.binary.ExportPaths;
import io.ays.executor.binary.GitCache;
import io.ays.executor.binary.GitExporter;
import io.ays.executor.binary.GitSources;
import io.ays.executor.container.ContainerImages;
import io.ays.executor.container.ContainerSupervisor;
import io.ays.executor.container.DockerEngine;
import io.ays.executor.node.NodePlatform;
import io.ays.executor.process.ChildReaper;
import io.ays.executor.process.Containment;
import io.ays.executor.process.LaunchPausePoint;
import io.ays.executor.process.ProcessRegistry;
import io.ays.executor.process.ProcessSupervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Makes the executor's plain-Java parts (supervisor, git cache, platform) shared beans. */
public class ExecutorBeans {

  @Produces
  @ApplicationScoped
  ProcessSupervisor processSupervisor(ExecutorConfig config) {
    Path data = config.dataDir().toAbsolutePath().normalize();
    return new ProcessSupervisor(
        new ProcessRegistry(data.resolve("supervised")),
        config.logMaxBytes(),
        config.logKeep(),
        ChildReaper.shared(),
        LaunchPausePoint.at(config.testPauseAfterLaunch()),
        Containment.detect(
            config.containment().cgroupParent(),
            config.nodeId(),
            config.containment().forceSession()));
  }

  /** The node's container engine: its client is made when a container template is first used. */
  @Produces
  @ApplicationScoped
  DockerEngine dockerEngine(ExecutorConfig config) {
    return new DockerEngine(config.containerRegistryConfig());
  }

  void closeEngine(@Disposes DockerEngine engine) {
    engine.close();
  }

  @Produces
  @ApplicationScoped
  ContainerSupervisor containerSupervisor(DockerEngine engine, ExecutorConfig config) {
    return new ContainerSupervisor(engine, config.nodeId());
  }

  void closeContainers(@Disposes ContainerSupervisor containers) {
    containers.close();
  }

  @Produces
  @ApplicationScoped
  ContainerImages containerImages(DockerEngine engine, ExecutorConfig config) {
    return new ContainerImages(
        engine, config.containerMaxBuildContext(), config.containerPullTimeout());
  }

  @Produces
  @ApplicationScoped
  NodePlatform nodePlatform() {
    return NodePlatform.current();
  }

  /** Where git.export and config.render may write, besides the instance's own folder. */
  @Produces
  @ApplicationScoped
  ExportPaths exportPaths(ExecutorConfig config) {
    Path data = config.dataDir().toAbsolutePath().normalize();
    List<Path> roots = new ArrayList<>(config.exportRoots().orElse(List.of()));
    // Not the whole data folder: the executor's own state (database, caches) lives there too.
    // These are the folders of system.paths.app, .cfg and .var.
    roots.add(data.resolve("apps"));
    roots.add(data.resolve("cfg"));
    roots.add(data.resolve("var"));
    return new ExportPaths(roots);
  }

  @Produces
  @ApplicationScoped
  GitExporter gitExporter(ExecutorConfig config, ExportPaths paths, NodePlatform platform) {
    Path data = config.dataDir().toAbsolutePath().normalize();
    ExecutorConfig.GitExport sources = config.gitExport();
    return new GitExporter(
        new GitCache(data.resolve("git")),
        paths,
        platform,
        new GitSources(
            sources.registry(),
            sources.allowedUrls().orElse(List.of()),
            sources.allowFile(),
            sources.allowPrivateAddresses()));
  }

  @Produces
  @ApplicationScoped
  ConfigFiles configFiles(ExportPaths paths) {
    return new ConfigFiles(paths);
  }
}
