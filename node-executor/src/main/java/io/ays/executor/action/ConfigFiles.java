package io.ays.executor.action;

import io.ays.executor.binary.ExportException;
import io.ays.executor.binary.ExportPaths;
import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.HrdReferenceException;
import io.ays.model.hrd.Substitution;
import io.ays.model.template.ConfigRender;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Renders an instance's {@code config.render.N} files (the default {@code configure}): each source
 * file of the template, with its {@code $(key)} references substituted from the instance's rendered
 * configuration ({@code system.*} keys included; unknown keys stay as written), is written to its
 * dest atomically (a temporary file beside it, then a rename), so a service never reads half a
 * file. Every source and dest is checked before anything is written.
 */
public final class ConfigFiles {

  private static final PosixFilePermission[] BITS = PosixFilePermission.values(); // 0400 first

  private final ExportPaths paths;

  public ConfigFiles(ExportPaths paths) {
    this.paths = paths;
  }

  /**
   * Renders every entry; one line per entry saying what was written.
   *
   * @throws ExportException naming the entry and field of a path that is refused or a file that
   *     cannot be read or written
   */
  public List<String> render(List<ConfigRender> renders, ActionContext context) {
    List<Path> sources = new ArrayList<>();
    List<Path> dests = new ArrayList<>();
    for (ConfigRender render : renders) {
      String entry = ConfigViews.label(render);
      sources.add(paths.templateFile(entry, render.source(), context.templateDir()));
      dests.add(paths.dest(entry, render.dest(), context.instanceDir()));
    }
    Hrd values = Hrd.of(context.instanceKey(), context.config());
    List<String> done = new ArrayList<>();
    for (int i = 0; i < renders.size(); i++) {
      ConfigRender render = renders.get(i);
      String entry = ConfigViews.label(render);
      Path dest = dests.get(i);
      try {
        String text = Substitution.apply(read(entry, render, sources.get(i)), values);
        Set<PosixFilePermission> mode =
            render.mode() == null
                ? Files.getPosixFilePermissions(sources.get(i))
                : permissions(render.mode());
        writeAtomically(dest, text.getBytes(StandardCharsets.UTF_8), mode);
      } catch (IOException e) {
        throw new ExportException(
            entry
                + ": cannot render source '"
                + render.source()
                + "' to dest '"
                + render.dest()
                + "': "
                + e.getMessage(),
            e);
      } catch (HrdReferenceException e) {
        throw new ExportException(entry + ": " + e.getMessage(), e);
      }
      done.add(
          entry
              + ": rendered "
              + render.source()
              + " to "
              + dest
              + (render.mode() == null ? "" : " (mode " + render.modeText() + ")"));
    }
    return done;
  }

  private static String read(String entry, ConfigRender render, Path source) throws IOException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(source)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ExportException(
          entry + ": source '" + render.source() + "' is not UTF-8 text; only text is rendered");
    }
  }

  private static void writeAtomically(Path dest, byte[] content, Set<PosixFilePermission> mode)
      throws IOException {
    if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dest + " is a folder");
    }
    Path folder = Files.createDirectories(dest.getParent());
    Path temporary = Files.createTempFile(folder, "." + dest.getFileName() + ".", ".ays-tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.setPosixFilePermissions(temporary, mode);
      // A link at dest is replaced, not followed: the write stays where the paths were checked.
      Files.move(
          temporary, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** {@code 0640} as permissions. */
  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        set.add(BITS[i]);
      }
    }
    return set;
  }
}
