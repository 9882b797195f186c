package io.ays.cli.config;

import io.ays.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * A file a context names for a secret (the token, the Kafka password): it must exist and be
 * readable by its owner only, else it is refused before anything is read from it.
 */
public final class PrivateFile {

  private PrivateFile() {}

  /**
   * The file, checked: a regular file that neither its group nor other users may read or write.
   *
   * @param what what it holds and where it was named, for the error message
   */
  public static Path checked(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage(what + ": no file " + file);
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return file; // no POSIX permissions here (e.g. Windows): the owner's ACLs decide
    } catch (IOException e) {
      throw CliException.usage(what + ": cannot read the permissions of " + file + ": " + e);
    }
    if (permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_READ)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw CliException.usage(
          what
              + ": "
              + file
              + " holds a secret but its group or other users may read or change it;"
              + " refused (chmod 600 "
              + file
              + ")");
    }
    return file;
  }
}
