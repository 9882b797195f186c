package io.ays.executor.binary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of a commit's tree, checked before any is written: a repository is data from outside,
 * and a crafted tree can hold names that git itself never writes. Refused, naming the path: an
 * empty name, {@code .} or {@code ..}, a name with {@code /} or NUL, a {@code .git} entry (any
 * case), two entries at one path, an entry below a file or link, and a symbolic link whose target
 * is absolute or leads out of the tree once the tree's own links are followed.
 */
final class TreeEntries {

  /** How many links one path may pass through, as the kernel's limit for the same reason. */
  private static final int MAX_LINK_HOPS = 40;

  /** One file, executable or link of the tree; {@code linkTarget} only for a link. */
  record Entry(String path, FileMode mode, ObjectId objectId, String linkTarget) {}

  private TreeEntries() {}

  /**
   * The blobs and links of {@code tree} (submodules left out, as their content is elsewhere).
   *
   * @throws ExportException naming {@code where} and the path at fault
   */
  static List<Entry> read(Repository repo, RevTree tree, String where) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Map<String, FileMode> seen = new HashMap<>();
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(tree);
      walk.setRecursive(false);
      while (walk.next()) {
        String path = walk.getPathString();
        checkName(where, path, walk.getNameString());
        FileMode mode = walk.getFileMode(0);
        if (seen.put(path, mode) != null) {
          throw refused(where, path, "the tree names it twice");
        }
        if (walk.isSubtree()) {
          walk.enterSubtree();
          continue;
        }
        if (mode == FileMode.GITLINK) {
          continue;
        }
        String target =
            mode == FileMode.SYMLINK
                ? new String(repo.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8)
                : null;
        entries.add(new Entry(path, mode, walk.getObjectId(0), target));
      }
    }
    Map<String, String> links = new HashMap<>();
    entries.stream()
        .filter(e -> e.linkTarget() != null)
        .forEach(e -> links.put(e.path(), e.linkTarget()));
    for (Entry entry : entries) {
      checkParents(where, entry.path(), seen);
      if (entry.linkTarget() != null) {
        checkLink(where, entry, links);
      }
    }
    return entries;
  }

  private static void checkName(String where, String path, String name) {
    if (name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.indexOf('/') >= 0
        || name.indexOf('\0') >= 0
        || path.startsWith("/")) {
      throw refused(where, path, "a name in it is empty, '.', '..' or holds '/' or NUL");
    }
    if (name.toLowerCase(Locale.ROOT).equals(".git")) {
      throw refused(where, path, "a .git entry could plant repository metadata");
    }
  }

  /** Each folder above a path must be a folder of the tree, never a file or a link. */
  private static void checkParents(String where, String path, Map<String, FileMode> seen) {
    int slash = path.indexOf('/');
    while (slash >= 0) {
      FileMode parent = seen.get(path.substring(0, slash));
      if (parent != null && parent != FileMode.TREE) {
        throw refused(where, path, "it lies below '" + path.substring(0, slash) + "', a file");
      }
      slash = path.indexOf('/', slash + 1);
    }
  }

  /**
   * Follows the link's target through the tree's own links, as the kernel would once it is on disk,
   * and refuses it if that ever leaves the tree.
   */
  private static void checkLink(String where, Entry link, Map<String, String> links) {
    String target = link.linkTarget();
    if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
      throw refused(where, link.path(), "symbolic link to '" + target + "' leads out of the tree");
    }
    Deque<String> remaining = new ArrayDeque<>(components(target));
    List<String> resolved = new ArrayList<>(components(link.path()));
    resolved.remove(resolved.size() - 1); // relative to the link's folder
    int hops = 0;
    while (!remaining.isEmpty()) {
      String part = remaining.pollFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (resolved.isEmpty()) {
          throw refused(
              where, link.path(), "symbolic link to '" + target + "' leads out of the tree");
        }
        resolved.remove(resolved.size() - 1);
        continue;
      }
      resolved.add(part);
      String through = links.get(String.join("/", resolved));
      if (through != null) {
        if (++hops > MAX_LINK_HOPS || through.startsWith("/")) {
          throw refused(
              where,
              link.path(),
              "symbolic link to '" + target + "' leads out of the tree or in a loop");
        }
        resolved.remove(resolved.size() - 1);
        List<String> next = components(through);
        for (int i = next.size() - 1; i >= 0; i--) {
          remaining.addFirst(next.get(i));
        }
      }
    }
  }

  private static List<String> components(String path) {
    return Arrays.asList(path.split("/", -1));
  }

  private static ExportException refused(String where, String path, String why) {
    return new ExportException(where + ": refused the path '" + path + "' of the tree: " + why);
  }
}
