package io.ays.registry.domain;

import io.ays.model.template.TemplateLoader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The files of an uploaded tar archive (plain or gzip-compressed), read into memory, never onto
 * disk: an entry cannot land outside anything, whatever its name. Entries a template may not hold
 * (links, devices, paths leaving the archive, files over the template file limit, anything under
 * {@code .git/}) are left out, each reported by name.
 *
 * @param files regular files by {@code /}-separated relative path
 * @param executables the paths among them with an execute bit
 * @param problems what was left out and why, naming the entry
 */
public record TemplateArchive(
    Map<String, byte[]> files, Set<String> executables, List<String> problems) {

  /** All the files of one archive together may not exceed this. */
  public static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;

  /**
   * The most entries (files, folders, links, left out or not) one archive may hold: far more than a
   * repository of templates has, few enough that empty entries cannot pile up without end.
   */
  public static final int MAX_ENTRIES = 10_000;

  /**
   * The most bytes read from the upload, compressed and uncompressed (entries left out are read
   * through too): the files, plus a tar header and padding for every entry, rounded up.
   */
  public static final long MAX_UPLOAD_BYTES = MAX_TOTAL_BYTES + 16L * 1024 * 1024;

  /** The archive cannot be read at all; the message says why. */
  public static class UnreadableArchiveException extends Exception {
    public UnreadableArchiveException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static TemplateArchive read(InputStream body) throws UnreadableArchiveException {
    Map<String, byte[]> files = new TreeMap<>();
    Set<String> executables = new HashSet<>();
    List<String> problems = new ArrayList<>();
    long total = 0;
    int entries = 0;
    LimitedInput upload = new LimitedInput(body, MAX_UPLOAD_BYTES);
    LimitedInput unpacked = null;
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            unpacked = new LimitedInput(decompressed(upload), MAX_UPLOAD_BYTES))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (++entries > MAX_ENTRIES) {
          throw new UnreadableArchiveException(
              "the archive holds more than " + MAX_ENTRIES + " entries", null);
        }
        String path = normalised(entry.getName());
        String refusal = refusal(entry, path);
        if (refusal != null) {
          if (!refusal.isEmpty()) {
            problems.add("archive entry '" + entry.getName() + "': " + refusal + "; left out");
          }
          continue;
        }
        total += entry.getSize();
        if (total > MAX_TOTAL_BYTES) {
          throw new UnreadableArchiveException(
              "the archive holds more than " + MAX_TOTAL_BYTES + " bytes of files", null);
        }
        files.put(path, tar.readAllBytes());
        if ((entry.getMode() & 0111) != 0) {
          executables.add(path);
        }
      }
    } catch (IOException e) {
      if (upload.exceeded() || (unpacked != null && unpacked.exceeded())) {
        // Counted after decompression too: entries left out are still read through.
        throw new UnreadableArchiveException(
            "the archive is larger than " + MAX_UPLOAD_BYTES + " bytes (uncompressed)", e);
      }
      throw new UnreadableArchiveException(
          "not a readable tar archive (plain or gzip): " + e.getMessage(), e);
    }
    return new TemplateArchive(files, executables, problems);
  }

  /** Why {@code entry} is left out, "" to leave it out silently, or null to keep it. */
  private static String refusal(TarArchiveEntry entry, String path) {
    if (entry.isDirectory()) {
      return "";
    }
    if (path.equals(".git") || path.startsWith(".git/") || path.contains("/.git/")) {
      return ""; // a repository's own metadata, as when syncing a working tree
    }
    if (entry.isSymbolicLink() || entry.isLink()) {
      return "links are not allowed in a template";
    }
    if (!entry.isFile()) {
      return "only regular files and folders are allowed";
    }
    if (path.isEmpty()
        || entry.getName().startsWith("/")
        || path.contains("\\")
        || List.of(path.split("/")).contains("..")) {
      return "the path leaves the archive";
    }
    if (entry.getSize() > TemplateLoader.MAX_FILE_BYTES) {
      return entry.getSize() + " bytes, over the limit of " + TemplateLoader.MAX_FILE_BYTES;
    }
    return null;
  }

  /** {@code ./web/service.hrd} and {@code web//service.hrd} are {@code web/service.hrd}. */
  private static String normalised(String name) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }

  private static InputStream decompressed(InputStream body) throws IOException {
    BufferedInputStream in = new BufferedInputStream(body);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == 0x1f && second == 0x8b ? new GzipCompressorInputStream(in) : in;
  }
}
