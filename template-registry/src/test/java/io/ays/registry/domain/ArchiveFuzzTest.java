package io.ays.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An upload to {@code POST /templates/validate} is read into memory only: whatever the bytes (a tar
 * with hostile entry names and kinds, a cut or changed one, noise), the reader gives files whose
 * paths stay inside the archive, or {@link TemplateArchive.UnreadableArchiveException} (a 400),
 * never another exception.
 */
class ArchiveFuzzTest {

  private static final List<String> NAMES =
      List.of(
          "service.hrd",
          "web/service.hrd",
          "../escape",
          "/etc/passwd",
          "a/../../b",
          ".git/config",
          "a\\b",
          "./x/./y",
          "x//y",
          "web/hooks/start",
          "\u0000nul",
          "é/ü");

  record Entry(String name, byte kind, String content) {}

  @Property(tries = 300)
  void hostileEntriesAreLeftOutOrKeptInsideTheArchive(@ForAll("archives") byte[] tar) {
    readAndCheck(tar);
  }

  @Property(tries = 300)
  void aChangedOrCutArchiveIsReadOrRefusedWithTheDocumentedException(
      @ForAll("archives") byte[] tar,
      @ForAll("positions") int at,
      @ForAll byte value,
      @ForAll boolean cut) {
    byte[] changed = cut ? Arrays.copyOf(tar, at % (tar.length + 1)) : tar.clone();
    if (!cut && changed.length > 0) {
      changed[at % changed.length] = value;
    }
    readAndCheck(changed);
  }

  @Property(tries = 200)
  void noiseIsRefusedWithTheDocumentedException(@ForAll byte[] noise) {
    readAndCheck(noise);
  }

  private static void readAndCheck(byte[] bytes) {
    TemplateArchive archive;
    try {
      archive = TemplateArchive.read(new ByteArrayInputStream(bytes));
    } catch (TemplateArchive.UnreadableArchiveException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(archive.files().keySet())
        .allSatisfy(
            path -> {
              assertThat(path).isNotEmpty().doesNotStartWith("/").doesNotContain("\\");
              assertThat(List.of(path.split("/"))).doesNotContain("..", ".", "");
              assertThat(path).doesNotStartWith(".git/");
            });
  }

  @Provide
  Arbitrary<byte[]> archives() {
    Arbitrary<Entry> entries =
        Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of(NAMES), Arbitraries.strings().ofMaxLength(20)),
                Arbitraries.of(
                    TarArchiveEntry.LF_NORMAL,
                    TarArchiveEntry.LF_DIR,
                    TarArchiveEntry.LF_SYMLINK,
                    TarArchiveEntry.LF_LINK,
                    TarArchiveEntry.LF_CHR,
                    TarArchiveEntry.LF_FIFO),
                Arbitraries.strings().ofMaxLength(40))
            .as(Entry::new);
    return entries.list().ofMaxSize(8).map(ArchiveFuzzTest::tar);
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE);
  }

  private static byte[] tar(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry entry = new TarArchiveEntry(e.name().isEmpty() ? "x" : e.name(), e.kind());
        byte[] content = e.content().getBytes(StandardCharsets.UTF_8);
        if (e.kind() == TarArchiveEntry.LF_SYMLINK || e.kind() == TarArchiveEntry.LF_LINK) {
          entry.setLinkName("../../etc/passwd");
        }
        boolean hasData = e.kind() == TarArchiveEntry.LF_NORMAL;
        entry.setSize(hasData ? content.length : 0);
        tar.putArchiveEntry(entry);
        if (hasData) {
          tar.write(content);
        }
        tar.closeArchiveEntry();
      }
    } catch (IOException | RuntimeException e) {
      // a name the writer itself refuses: the archive holds what was written before it
    }
    return out.toByteArray();
  }
}
