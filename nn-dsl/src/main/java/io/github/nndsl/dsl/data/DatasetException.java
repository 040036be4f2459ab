package io.github.nndsl.dsl.data;

import java.util.List;

/**
 * Thrown when a CSV file cannot be read as a dataset: every problem names the file, the line (the
 * header is line 1) and, where there is one, the column.
 *
 * <pre>{@code
 * try {
 *   Dataset.readCsv(Path.of("data.csv"), Target.classes("label"));
 * } catch (DatasetException e) {
 *   e.problems();   // ["data.csv: line 3, column \"x2\": missing value (empty cell)", ...]
 * }
 * }</pre>
 *
 * <p>The message is the single problem, or {@code "cannot read the dataset:"} followed by one
 * problem a line. At most 100
 * problems are listed; then a last entry says how many more there were.
 *
 * @since 0.1.0
 */
public final class DatasetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A serialisable copy; List.copyOf's lists are serialisable. */
  private final List<String> problems;

  /**
   * Creates the exception from the problems found, in file order.
   *
   * @param problems at least one problem
   * @throws IllegalArgumentException if problems is null, empty or holds null
   * @since 0.1.0
   */
  public DatasetException(List<String> problems) {
    super(message(checked(problems)));
    this.problems = List.copyOf(problems);
  }

  private static List<String> checked(List<String> problems) {
    if (problems == null || problems.isEmpty()) {
      throw new IllegalArgumentException("problems must hold at least one problem");
    }
    for (int i = 0; i < problems.size(); i++) {
      if (problems.get(i) == null) {
        throw new IllegalArgumentException("problems[" + i + "] is null");
      }
    }
    return problems;
  }

  private static String message(List<String> problems) {
    if (problems.size() == 1) {
      return problems.get(0);
    }
    return "cannot read the dataset:\n" + String.join("\n", problems);
  }

  /**
   * Returns the problems, in file order, as {@link Dataset#validateCsv} reports them.
   *
   * @return an unmodifiable list of at least one problem
   * @since 0.1.0
   */
  public List<String> problems() {
    return problems;
  }
}
