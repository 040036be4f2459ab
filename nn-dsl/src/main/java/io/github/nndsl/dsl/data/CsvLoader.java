package io.github.nndsl.dsl.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordType;
import io.github.nndsl.core.Tensor;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV file into a {@link Dataset} in one streaming pass, collecting every problem.
 *
 * <p>FastCSV tokenizes (quotes, CRLF, the BOM); this handler sees each cell as a slice of
 * FastCSV's buffer and parses the numbers straight into blocks of {@code double}, so no record is
 * held as strings. Only the target labels of a classes target become strings, and each distinct
 * label is kept once. Once a problem is found the values are no longer stored, only checked.
 */
final class CsvLoader extends AbstractBaseCsvCallbackHandler<Boolean> {

  static final int MAX_PROBLEMS = 100;

  /**
   * Values per storage block: 256 KB, under half of G1's smallest region (1 MB), so a block is
   * never a humongous object whose region tail is wasted; that keeps the peak near twice the data.
   */
  private static final int BLOCK_VALUES = 32_768;

  private static final int UNUSED = -1;
  private static final int TARGET = -2;

  private final String file;
  private final Target target;
  private final @Nullable List<String> requested;
  private final Problems problems;

  private boolean headerSeen;
  private final List<String> header = new ArrayList<>();
  private int[] roles = new int[0];
  private List<String> featureNames = List.of();
  private int width;
  private int blockRows = 1;

  private int rows;
  private long line;
  private boolean rowOk;
  private double[] row = new double[0];
  private double rowValue;
  private @Nullable String rowLabel;

  private final List<double[]> featureBlocks = new ArrayList<>();
  private final List<double[]> valueBlocks = new ArrayList<>();
  private final List<int[]> labelBlocks = new ArrayList<>();
  private final Map<String, Integer> labelIds = new HashMap<>();
  private final List<String> labels = new ArrayList<>();

  private CsvLoader(Path file, Target target, @Nullable List<String> requested) {
    this.file = file.toString();
    this.target = target;
    this.requested = requested;
    this.problems = new Problems(MAX_PROBLEMS);
  }

  /** Reads {@code file}; {@code features} null means every column but the target. */
  static Validation<Seq<String>, Dataset> load(
      Path file, Target target, @Nullable List<String> features) {
    CsvLoader loader = new CsvLoader(file, target, features);
    try (CsvReader<Boolean> reader =
        CsvReader.builder()
            .detectBomHeader(true)
            .skipEmptyLines(true)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .build(loader, file)) {
      for (Boolean ignored : reader) {
        // every record is consumed by the handler as it is parsed
      }
    } catch (CsvParseException e) {
      loader.problems.add(
          loader.at(Math.max(1, loader.line)) + "malformed CSV: " + rootMessage(e));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getCause(), e.getCause());
    }
    return loader.finish();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage()).strip();
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    line = startingLineNumber;
    rowOk = true;
    rowLabel = null;
  }

  @Override
  protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
    if (!headerSeen) {
      header.add(new String(buf, offset, len));
      return;
    }
    if (index >= width) {
      return;
    }
    int role = roles[index];
    if (role == UNUSED) {
      return;
    }
    if (role == TARGET && target.isClasses()) {
      String label = new String(buf, offset, len);
      if (Cells.isMissing(label)) {
        cellProblem(index, Cells.describeMissing(label));
      } else {
        rowLabel = label;
      }
      return;
    }
    double value = Cells.parse(buf, offset, len);
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      String why = Cells.describeBadNumber(new String(buf, offset, len));
      cellProblem(index, why);
    } else if (role == TARGET) {
      rowValue = value;
    } else {
      row[role] = value;
    }
  }

  private void cellProblem(int index, String why) {
    rowOk = false;
    problems.add(at(line) + "column \"" + header.get(index) + "\": " + why);
  }

  private String at(long lineNumber) {
    return file + ": line " + lineNumber + ", ";
  }

  @Override
  protected Boolean buildRecord() {
    if (getRecordType() != RecordType.DATA) {
      return Boolean.FALSE;
    }
    if (!headerSeen) {
      headerSeen = true;
      resolveHeader();
      return Boolean.TRUE;
    }
    int cells = getFieldCount();
    if (cells < width) {
      rowOk = false;
      problems.add(
          at(line) + "column \"" + header.get(cells) + "\": missing; the row has " + cells
              + (cells == 1 ? " cell" : " cells") + ", but the header has " + width + " columns");
    } else if (cells > width) {
      rowOk = false;
      problems.add(
          at(line) + "after column \"" + header.get(width - 1) + "\": the row has " + cells
              + " cells, but the header has " + width + " columns");
    }
    rows++;
    if (rowOk && problems.isEmpty()) {
      store();
    }
    return Boolean.TRUE;
  }

  private void resolveHeader() {
    width = header.size();
    roles = new int[width];
    java.util.Arrays.fill(roles, UNUSED);
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < width; i++) {
      Integer earlier = first.putIfAbsent(header.get(i), i);
      if (earlier != null) {
        problems.add(
            at(1) + "column " + (i + 1) + ": duplicate column name \"" + header.get(i)
                + "\" (also column " + (earlier + 1) + ")");
      }
    }
    Integer targetIndex = first.get(target.column());
    if (targetIndex == null) {
      problems.add(at(1) + "no target column \"" + target.column() + "\"; the columns are "
          + Cells.listColumns(header));
    } else {
      roles[targetIndex] = TARGET;
    }
    List<String> names = new ArrayList<>();
    if (requested == null) {
      for (int i = 0; i < width; i++) {
        if (roles[i] == UNUSED && first.get(header.get(i)) == i) {
          roles[i] = names.size();
          names.add(header.get(i));
        }
      }
      if (names.isEmpty() && targetIndex != null) {
        problems.add(at(1) + "no feature columns: the header has only the target column \""
            + target.column() + "\"");
      }
    } else {
      for (String name : requested) {
        Integer index = first.get(name);
        if (index == null) {
          problems.add(at(1) + "no feature column \"" + name + "\"; the columns are "
              + Cells.listColumns(header));
        } else {
          roles[index] = names.size();
        }
        names.add(name);
      }
    }
    featureNames = List.copyOf(names);
    row = new double[featureNames.size()];
    blockRows = Math.max(1, BLOCK_VALUES / Math.max(1, row.length));
  }

  private void store() {
    int slot = rows - 1;
    int block = slot / blockRows;
    int within = slot % blockRows;
    int f = row.length;
    if (block == featureBlocks.size()) {
      featureBlocks.add(new double[blockRows * f]);
      if (target.isClasses()) {
        labelBlocks.add(new int[blockRows]);
      } else {
        valueBlocks.add(new double[blockRows]);
      }
    }
    System.arraycopy(row, 0, featureBlocks.get(block), within * f, f);
    if (target.isClasses()) {
      String label = rowLabel;
      Integer id = labelIds.get(label);
      if (id == null) {
        id = labels.size();
        labelIds.put(label, id);
        labels.add(label);
      }
      labelBlocks.get(block)[within] = id;
    } else {
      valueBlocks.get(block)[within] = rowValue;
    }
  }

  private Validation<Seq<String>, Dataset> finish() {
    if (!headerSeen) {
      problems.add(at(1) + "the file is empty; expected a header row and data rows");
    } else if (rows == 0) {
      problems.add(at(2) + "no data rows after the header");
    } else if (target.isClasses() && problems.isEmpty() && labels.size() < 2) {
      problems.add(file + ": column \"" + target.column() + "\" holds the single class \""
          + labels.get(0) + "\"; a classes target needs at least two");
    }
    if (!problems.isEmpty()) {
      return Validation.invalid(problems.toSeq());
    }
    Tensor x = Tensor.zeros(rows, featureNames.size());
    copyBlocks(featureBlocks, x, featureNames.size());
    if (target.isClasses()) {
      List<String> classes = Cells.sortLabels(labels);
      int[] rank = new int[labels.size()];
      for (int c = 0; c < classes.size(); c++) {
        rank[labelIds.get(classes.get(c))] = c;
      }
      Tensor y = Tensor.zeros(rows, classes.size());
      for (int r = 0; r < rows; r++) {
        y.set(r, rank[labelBlocks.get(r / blockRows)[r % blockRows]], 1.0);
      }
      labelBlocks.clear();
      return Validation.valid(Dataset.owning(x, y, featureNames, classes));
    }
    Tensor y = Tensor.zeros(rows, 1);
    copyBlocks(valueBlocks, y, 1);
    return Validation.valid(Dataset.owning(x, y, featureNames, List.of()));
  }

  /** Copies the blocks into {@code into} and drops each block once copied, to bound the peak. */
  private void copyBlocks(List<double[]> blocks, Tensor into, int cols) {
    int total = rows * cols;
    int i = 0;
    for (int b = 0; b < blocks.size(); b++) {
      double[] block = blocks.get(b);
      blocks.set(b, new double[0]);
      int n = Math.min(block.length, total - i);
      for (int j = 0; j < n; j++) {
        into.set(i++, block[j]);
      }
    }
    blocks.clear();
  }
}
