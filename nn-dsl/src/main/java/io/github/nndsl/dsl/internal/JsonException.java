package io.github.nndsl.dsl.internal;

/**
 * Thrown by {@link Json#parse(String)} for a malformed document; the message says what is wrong
 * and {@link #offset()} where. Internal: not API.
 */
public final class JsonException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int offset;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, lower case
   * @param offset the character offset in the document
   */
  public JsonException(String message, int offset) {
    super(message + " at character " + offset);
    this.offset = offset;
  }

  /**
   * Returns the character offset of the defect in the document.
   *
   * @return the offset, from 0
   */
  public int offset() {
    return offset;
  }
}
