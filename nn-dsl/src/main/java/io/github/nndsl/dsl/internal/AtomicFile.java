package io.github.nndsl.dsl.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file atomically: writes a temporary file in the target's directory, forces it to
 * disk, then renames it over the target with {@link StandardCopyOption#ATOMIC_MOVE}. Readers see
 * the old file or the new one, never a mix; on any failure the temporary file is deleted and the
 * old file is left as it was. Missing parent directories are not created. Internal: not API.
 */
public final class AtomicFile {

  /** Writes the new content to an open channel. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes everything.
     *
     * @param channel the temporary file, positioned at 0
     * @throws IOException if writing fails
     */
    void writeTo(FileChannel channel) throws IOException;
  }

  /** A test seam: called at each stage so that a test can make that stage fail. */
  @FunctionalInterface
  public interface Hook {
    /** The hook that does nothing. */
    Hook NONE = stage -> {};

    /**
     * Called when a stage is about to run.
     *
     * @param stage "write", "force" or "move"
     * @throws IOException to simulate a failure at that stage
     */
    void before(String stage) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Replaces {@code target} with what {@code content} writes.
   *
   * @param target the file to create or replace; its directory must exist
   * @param content writes the bytes
   * @param hook called before each stage (tests only; {@link Hook#NONE} otherwise)
   * @throws UncheckedIOException if the directory is missing, the target is a directory, or any
   *     stage fails; the previous file is then intact
   */
  public static void write(Path target, Content content, Hook hook) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path name = absolute.getFileName();
    if (dir == null || name == null) {
      throw new UncheckedIOException(new FileSystemException(target.toString(), null, "not a file path"));
    }
    if (Files.isDirectory(absolute)) {
      throw new UncheckedIOException(new FileSystemException(target.toString(), null, "is a directory"));
    }
    if (!Files.isDirectory(dir)) {
      throw new UncheckedIOException(new NoSuchFileException(dir.toString(), null, "directory does not exist"));
    }
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + name + ".", ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        hook.before("write");
        content.writeTo(channel);
        hook.before("force");
        channel.force(true);
      }
      hook.before("move");
      move(temp, absolute);
      temp = null;
      forceDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the original failure matters more; a stray hidden .tmp file is harmless
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename atomically in " + to.getParent(), e);
    }
  }

  /** Makes the rename durable where the platform allows opening a directory (Linux, macOS). */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Windows cannot open a directory; the rename itself is still atomic there
    }
  }
}
