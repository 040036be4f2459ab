package io.github.nndsl.dsl.file;


/**
 * Thrown when a model or checkpoint file is malformed, truncated or hostile: the message says what
 * is wrong and where (a byte offset, a header key, a tensor or a layer), for example {@code tensor
 * '0.weight': shape must be [2, 4] (from the architecture), but was [4, 2]}.
 *
 * <p>An I/O failure (a missing file, an unreadable directory) is reported as an {@link
 * java.io.UncheckedIOException} instead; a file that is too short or truncated is malformed, so it
 * gives this exception.
 *
 * <pre>{@code
 * try {
 *   ModelFile.Loaded loaded = ModelFile.load(Path.of("xor.safetensors"));
 * } catch (ModelFileException e) {
 *   System.err.println("not a usable model file: " + e.getMessage());
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ModelFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where, lower case, no trailing period
   * @since 0.1.0
   */
  public ModelFileException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the lower-level defect that caused it.
   *
   * @param message what is wrong and where, lower case, no trailing period
   * @param cause the defect found by a lower layer, for example the JSON reader's
   * @since 0.1.0
   */
  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
