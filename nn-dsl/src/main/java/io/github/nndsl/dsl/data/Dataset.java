package io.github.nndsl.dsl.data;

import io.github.nndsl.core.Tensor;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A table of examples: the features as a {@code (rows, features)} tensor and the targets as a
 * {@code (rows, k)} tensor, read from a CSV file or built from tensors.
 *
 * <pre>{@code
 * Dataset digits = Dataset.readCsv(Path.of("digits.csv"), Target.classes("label"));
 * digits.rows();            // 1797
 * digits.featureNames();    // [pixel_0_0, ..., pixel_7_7]
 * digits.classes();         // [0, 1, ..., 9]; targets() is one-hot, shape (1797, 10)
 * Dataset.Split split = digits.split(0.2, 42);
 * Tensor x = split.train().features();
 * }</pre>
 *
 * <p>{@link #features()} and {@link #targets()} return the dataset's own tensors, not copies, so
 * that a large table is held once; do not write to them. A dataset never changes otherwise, and is
 * safe to read from several threads.
 *
 * <h2>CSV files</h2>
 * The first row is the header. Cells may be quoted ({@code "a, b"}); lines may end in LF or CRLF; a
 * UTF-8 byte-order mark is skipped; blank lines are skipped. Every feature cell must be a finite
 * number ({@link Double#parseDouble}'s syntax); columns that are neither the target nor a feature
 * are not read, so they may hold text. The file is streamed: no record is kept as strings, and the
 * numbers go straight into blocks of {@code double} that are copied once into the tensors (so the
 * peak heap is about twice the size of the features).
 *
 * @since 0.1.0
 */
public final class Dataset {

  private final Tensor features;
  private final Tensor targets;
  private final List<String> featureNames;
  private final List<String> classes;

  private Dataset(Tensor features, Tensor targets, List<String> featureNames, List<String> classes) {
    this.features = features;
    this.targets = targets;
    this.featureNames = featureNames;
    this.classes = classes;
  }

  /** Takes the tensors without copying; the caller hands them over. */
  static Dataset owning(Tensor features, Tensor targets, List<String> featureNames, List<String> classes) {
    return new Dataset(features, targets, List.copyOf(featureNames), List.copyOf(classes));
  }

  /**
   * Reads a CSV file whose columns are the target and the features: every column but the target
   * is a feature, in file order.
   *
   * <pre>{@code
   * Dataset iris = Dataset.readCsv(Path.of("iris.csv"), Target.classes("class"));
   * }</pre>
   *
   * @param file a CSV file with a header row, in UTF-8
   * @param target the target column and how to read it
   * @return the dataset
   * @throws DatasetException listing every problem in the file (see {@link #validateCsv(Path,
   *     Target, List)}), each naming the file, the line and the column
   * @throws java.io.UncheckedIOException if the file cannot be read (missing, a directory, ...)
   * @throws IllegalArgumentException if an argument is null
   * @since 0.1.0
   */
  public static Dataset readCsv(Path file, Target target) {
    return orThrow(validateCsv(file, target));
  }

  /**
   * Reads a CSV file taking only the named feature columns, in the order given; other columns are
   * not read and may hold anything, text included.
   *
   * <pre>{@code
   * Dataset d = Dataset.readCsv(Path.of("houses.csv"), Target.values("price"), List.of("rooms", "area"));
   * d.features().shape();   // [rows, 2]: rooms, then area
   * }</pre>
   *
   * @param file a CSV file with a header row, in UTF-8
   * @param target the target column and how to read it
   * @param features the feature columns: at least one, no repeats, not the target
   * @return the dataset
   * @throws DatasetException listing every problem in the file
   * @throws java.io.UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if an argument is null, features is empty, repeats a name or
   *     holds the target column
   * @since 0.1.0
   */
  public static Dataset readCsv(Path file, Target target, List<String> features) {
    return orThrow(validateCsv(file, target, features));
  }

  /**
   * Reads a CSV file as {@link #readCsv(Path, Target)} does, but returns every problem instead of
   * throwing.
   *
   * @param file a CSV file with a header row, in UTF-8
   * @param target the target column and how to read it
   * @return the dataset, or the problems
   * @throws java.io.UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if an argument is null
   * @since 0.1.0
   */
  public static Validation<Seq<String>, Dataset> validateCsv(Path file, Target target) {
    Checks.notNull(file, "file");
    Checks.notNull(target, "target");
    return CsvLoader.load(file, target, null);
  }

  /**
   * Reads a CSV file as {@link #readCsv(Path, Target, List)} does, but returns every problem
   * instead of throwing: a missing or non-finite cell (empty, {@code NA}, {@code NaN}, {@code
   * Infinity}), text in a numeric column, a row with too few or too many cells, an unknown target
   * or feature column, a duplicate header name, an empty file, a header without rows, a classes
   * target with a single class, malformed quoting. The first 100 problems are listed in file order;
   * then a last entry says how many more there were.
   *
   * <pre>{@code
   * Validation<Seq<String>, Dataset> read =
   *     Dataset.validateCsv(Path.of("data.csv"), Target.classes("label"), List.of("x1", "x2"));
   * if (read.isInvalid()) {
   *   read.getError().forEach(System.err::println);
   *   // data.csv: line 3, column "x2": missing value (empty cell)
   * }
   * }</pre>
   *
   * @param file a CSV file with a header row, in UTF-8
   * @param target the target column and how to read it
   * @param features the feature columns: at least one, no repeats, not the target
   * @return the dataset, or the problems
   * @throws java.io.UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if an argument is null, features is empty, repeats a name or
   *     holds the target column
   * @since 0.1.0
   */
  public static Validation<Seq<String>, Dataset> validateCsv(
      Path file, Target target, List<String> features) {
    Checks.notNull(file, "file");
    Checks.notNull(target, "target");
    return CsvLoader.load(file, target, checkFeatures(features, target));
  }

  private static List<String> checkFeatures(@Nullable List<String> features, Target target) {
    Checks.notNull(features, "features");
    if (features.isEmpty()) {
      throw new IllegalArgumentException("features must name at least one column, but was empty");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < features.size(); i++) {
      String name = features.get(i);
      if (name == null) {
        throw new IllegalArgumentException("features[" + i + "] is null");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("features names \"" + name + "\" twice");
      }
      if (name.equals(target.column())) {
        throw new IllegalArgumentException(
            "features holds the target column \"" + name + "\"; a column is either the target or a feature");
      }
    }
    return List.copyOf(features);
  }

  private static Dataset orThrow(Validation<Seq<String>, Dataset> read) {
    if (read.isInvalid()) {
      throw new DatasetException(read.getError().toJavaList());
    }
    return read.get();
  }

  /**
   * Creates a dataset from tensors, copying them; the features are named {@code x0, x1, ...} and
   * there are no classes (so {@link #split} does not stratify).
   *
   * <pre>{@code
   * Dataset xor = Dataset.of(Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
   *                          Tensor.of(new double[][] {{0}, {1}, {1}, {0}}));
   * }</pre>
   *
   * @param features shape {@code (rows, f)}, at least one row and one column, finite values
   * @param targets shape {@code (rows, k)}, or a vector of {@code rows} values (taken as one
   *     column), finite values
   * @return the dataset
   * @throws IllegalArgumentException if a tensor is null, has another shape, or holds NaN or an
   *     infinity (naming the row and column)
   * @since 0.1.0
   */
  public static Dataset of(Tensor features, Tensor targets) {
    Checks.notNull(features, "features");
    Checks.notNull(targets, "targets");
    if (features.rank() != 2 || features.dim(0) == 0 || features.dim(1) == 0) {
      throw new IllegalArgumentException(
          "features must have shape (rows, features) with at least one of each, but was "
              + java.util.Arrays.toString(features.shape()));
    }
    int rows = features.dim(0);
    Tensor y = targets.rank() == 1 ? Tensor.fromArray(targets.toArray(), targets.dim(0), 1) : targets.copy();
    if (y.dim(0) != rows || y.dim(1) == 0) {
      throw new IllegalArgumentException(
          "targets must have shape (" + rows + ", k) to match features " + java.util.Arrays.toString(features.shape())
              + ", but was " + java.util.Arrays.toString(targets.shape()));
    }
    Checks.finite(features, "features");
    Checks.finite(y, "targets");
    List<String> names = new ArrayList<>();
    for (int j = 0; j < features.dim(1); j++) {
      names.add("x" + j);
    }
    return new Dataset(features.copy(), y, List.copyOf(names), List.of());
  }

  /**
   * Returns the number of rows (examples).
   *
   * @return at least 1
   * @since 0.1.0
   */
  public int rows() {
    return features.dim(0);
  }

  /**
   * Returns the features, shape {@code (rows, featureNames().size())}: the dataset's own tensor.
   *
   * @return the features; do not write to it
   * @since 0.1.0
   */
  public Tensor features() {
    return features;
  }

  /**
   * Returns the targets: one-hot rows of shape {@code (rows, classes().size())} for a classes
   * target, {@code (rows, 1)} for a values target. The dataset's own tensor.
   *
   * @return the targets; do not write to it
   * @since 0.1.0
   */
  public Tensor targets() {
    return targets;
  }

  /**
   * Returns the names of the feature columns, in the order of the features' columns.
   *
   * @return an unmodifiable list
   * @since 0.1.0
   */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * Returns the class labels in the order of the target columns ({@link Target#classes(String)}
   * says how they are sorted), or an empty list for a values target or {@link #of}.
   *
   * @return an unmodifiable list
   * @since 0.1.0
   */
  public List<String> classes() {
    return classes;
  }

  /**
   * Returns a dataset of the given rows, in that order (a row may repeat); the names and classes
   * stay the same.
   *
   * <pre>{@code
   * Dataset firstTen = data.select(java.util.stream.IntStream.range(0, 10).toArray());
   * }</pre>
   *
   * @param rows row indices, at least one, each in {@code [0, rows())}
   * @return a new dataset
   * @throws IllegalArgumentException if rows is null, empty or holds an index out of range
   * @since 0.1.0
   */
  public Dataset select(int[] rows) {
    Checks.notNull(rows, "rows");
    if (rows.length == 0) {
      throw new IllegalArgumentException("rows must hold at least one index, but was empty");
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= rows()) {
        throw new IllegalArgumentException(
            "rows[" + i + "] must be in [0, " + rows() + "), but was " + rows[i]);
      }
    }
    return new Dataset(pick(features, rows), pick(targets, rows), featureNames, classes);
  }

  private static Tensor pick(Tensor from, int[] rows) {
    int cols = from.dim(1);
    Tensor to = Tensor.zeros(rows.length, cols);
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < cols; j++) {
        to.set(i, j, from.get(rows[i], j));
      }
    }
    return to;
  }

  /**
   * Splits the rows into a training and a validation set: disjoint, together every row, each in
   * file order, the same for the same seed. For a classes target the split is stratified: each
   * class goes to validation in (nearly) the same proportion. {@link Splits} gives the exact
   * algorithm, which {@code nn-dsl/src/test/python/split_reference.py} reproduces with NumPy.
   *
   * <pre>{@code
   * Dataset.Split split = data.split(0.2, 42);
   * Dataset train = split.train();        // Kotlin: val (train, validation) = data.split(0.2, 42)
   * Dataset validation = split.validation();
   * }</pre>
   *
   * @param validationFraction the share of rows for validation, in (0, 1); the validation set has
   *     {@code round(validationFraction * rows())} rows (halves round up)
   * @param seed the seed of the {@link io.github.nndsl.core.random.NumPyRandom} that shuffles, from 0
   * @return the two datasets
   * @throws IllegalArgumentException if validationFraction is not in (0, 1), seed is negative, or
   *     either set would be empty
   * @since 0.1.0
   */
  public Split split(double validationFraction, long seed) {
    int[][] parts = Splits.split(this, validationFraction, seed);
    return new Split(select(parts[0]), select(parts[1]));
  }

  /** Returns a summary, such as {@code Dataset(1797 rows, 64 features, 10 classes)}. */
  @Override
  public String toString() {
    return "Dataset(" + rows() + " rows, " + featureNames.size() + " features, "
        + (classes.isEmpty() ? targets.dim(1) + " target columns" : classes.size() + " classes") + ")";
  }

  /**
   * A training set and a validation set from {@link #split}.
   *
   * <pre>{@code
   * Dataset.Split split = data.split(0.2, 42);
   * trainer.withValidation(split.validation().features(), split.validation().targets())
   *     .fitEpochs(net, split.train().features(), split.train().targets(), 100);
   * }</pre>
   *
   * @param train the training rows
   * @param validation the validation rows
   * @since 0.1.0
   */
  public record Split(Dataset train, Dataset validation) {

    /**
     * Creates the pair; neither may be null.
     *
     * @param train the training rows
     * @param validation the validation rows
     * @throws IllegalArgumentException if a component is null
     */
    public Split {
      Checks.notNull(train, "train");
      Checks.notNull(validation, "validation");
    }

    /**
     * Returns {@link #train()}, for Kotlin's {@code val (train, validation) = split}.
     *
     * @return the training set
     * @since 0.1.0
     */
    public Dataset component1() {
      return train;
    }

    /**
     * Returns {@link #validation()}, for Kotlin's destructuring.
     *
     * @return the validation set
     * @since 0.1.0
     */
    public Dataset component2() {
      return validation;
    }
  }
}
