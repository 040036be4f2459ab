package io.github.nndsl.dsl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files: every problem, with its exact message, from validateCsv and from readCsv. */
class CsvProblemsTest {

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void name() {
    file = dir.resolve("data.csv");
  }

  private List<String> problems(String content, Target target, List<String> features) throws IOException {
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    Validation<Seq<String>, Dataset> read = Dataset.validateCsv(file, target, features);
    assertTrue(read.isInvalid(), "expected problems in " + content);
    DatasetException thrown =
        assertThrows(DatasetException.class, () -> Dataset.readCsv(file, target, features));
    assertEquals(read.getError().toJavaList(), thrown.problems(), "readCsv throws what validateCsv returns");
    return thrown.problems();
  }

  private String only(String content) throws IOException {
    List<String> all = problems(content, Target.values("y"), List.of("x1", "x2"));
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }

  private String at(int line, String rest) {
    return file + ": line " + line + ", " + rest;
  }

  @Nested
  class Cells_ {

    @Test
    void anEmptyCell() throws IOException {
      assertEquals(at(3, "column \"x2\": missing value (empty cell)"), only("x1,x2,y\n1,2,3\n4,,6\n"));
    }

    @Test
    void naAndNull() throws IOException {
      assertEquals(at(2, "column \"x1\": missing value \"NA\""), only("x1,x2,y\nNA,2,3\n"));
      assertEquals(at(2, "column \"x2\": missing value \"null\""), only("x1,x2,y\n1,null,3\n"));
    }

    @Test
    void nanAndInfinities() throws IOException {
      String tail = "; every value must be a finite number";
      assertEquals(at(2, "column \"x1\": non-finite value \"NaN\"" + tail), only("x1,x2,y\nNaN,2,3\n"));
      assertEquals(at(2, "column \"x2\": non-finite value \"-Infinity\"" + tail), only("x1,x2,y\n1,-Infinity,3\n"));
      assertEquals(at(2, "column \"x1\": non-finite value \"inf\"" + tail), only("x1,x2,y\ninf,2,3\n"));
      assertEquals(at(2, "column \"x1\": non-finite value \"1e400\"" + tail), only("x1,x2,y\n1e400,2,3\n"));
    }

    @Test
    void textInANumericColumn() throws IOException {
      assertEquals(at(2, "column \"x2\": expected a number, but was \"abc\""), only("x1,x2,y\n1,abc,3\n"));
      assertEquals(at(2, "column \"x1\": expected a number, but was \"1d\""), only("x1,x2,y\n1d,2,3\n"));
    }

    @Test
    void aBadValuesTarget() throws IOException {
      assertEquals(at(2, "column \"y\": expected a number, but was \"cat\""), only("x1,x2,y\n1,2,cat\n"));
    }

    @Test
    void aMissingClassLabel() throws IOException {
      List<String> all = problems("x,y\n1,a\n2,\n3,b\n", Target.classes("y"), List.of("x"));
      assertEquals(List.of(at(3, "column \"y\": missing value (empty cell)")), all);
    }
  }

  @Nested
  class Rows {

    @Test
    void aShortRowNamesTheFirstMissingColumn() throws IOException {
      assertEquals(
          at(3, "column \"x2\": missing; the row has 1 cell, but the header has 3 columns"),
          only("x1,x2,y\n1,2,3\n4\n"));
    }

    @Test
    void aLongRowNamesTheLastColumn() throws IOException {
      assertEquals(
          at(2, "after column \"y\": the row has 4 cells, but the header has 3 columns"),
          only("x1,x2,y\n1,2,3,4\n"));
    }

    @Test
    void anUnclosedQuoteRunsToTheEndOfTheFileAndTheMessageShowsItsLineBreaks() throws IOException {
      List<String> all = problems("x1,x2,y\n1,2,3\n\"4,5,6\n", Target.values("y"), List.of("x1", "x2"));
      assertEquals(
          List.of(
              at(3, "column \"x1\": expected a number, but was \"4,5,6\\n\""),
              at(3, "column \"x2\": missing; the row has 1 cell, but the header has 3 columns")),
          all);
    }

    @Test
    void aCellLargerThanFastCsvsBufferIsMalformedCsv() throws IOException {
      String huge = "x1,x2,y\n1,2,3\n\"" + "9".repeat(17_000_000) + "\",2,3\n";
      assertEquals(
          at(3, "malformed CSV: The maximum buffer size of 16777216 is insufficient to read the data of a"
              + " single field. This issue typically arises when a quotation begins but does not conclude"
              + " within the confines of this buffer's maximum limit."),
          only(huge));
    }

    @Test
    void longTextIsCutInTheMessage() throws IOException {
      String text = "a".repeat(50);
      assertEquals(
          at(2, "column \"x1\": expected a number, but was \"" + "a".repeat(40) + "...\""),
          only("x1,x2,y\n" + text + ",2,3\n"));
    }
  }

  @Nested
  class Header {

    @Test
    void anUnknownTargetColumnListsTheColumns() throws IOException {
      List<String> all = problems("a,b\n1,2\n", Target.classes("label"), List.of("a"));
      assertEquals(List.of(at(1, "no target column \"label\"; the columns are \"a\", \"b\"")), all);
    }

    @Test
    void anUnknownFeatureColumn() throws IOException {
      assertEquals(at(1, "no feature column \"x2\"; the columns are \"x1\", \"y\""), only("x1,y\n1,2\n"));
    }

    @Test
    void aDuplicateColumnName() throws IOException {
      assertEquals(
          at(1, "column 3: duplicate column name \"x1\" (also column 1)"), only("x1,x2,x1,y\n1,2,3,4\n"));
    }

    @Test
    void onlyATargetColumn() throws IOException {
      Files.write(file, "y\n1\n".getBytes(StandardCharsets.UTF_8));
      DatasetException e = assertThrows(DatasetException.class, () -> Dataset.readCsv(file, Target.values("y")));
      assertEquals(at(1, "no feature columns: the header has only the target column \"y\""), e.getMessage());
    }

    @Test
    void anEmptyFile() throws IOException {
      assertEquals(at(1, "the file is empty; expected a header row and data rows"), only(""));
    }

    @Test
    void aHeaderWithoutRows() throws IOException {
      assertEquals(at(2, "no data rows after the header"), only("x1,x2,y\n"));
    }

    @Test
    void aSingleClass() throws IOException {
      List<String> all = problems("x,y\n1,a\n2,a\n", Target.classes("y"), List.of("x"));
      assertEquals(
          List.of(file + ": column \"y\" holds the single class \"a\"; a classes target needs at least two"), all);
    }
  }

  @Nested
  class Many {

    @Test
    void listsEveryProblemInFileOrderAndTheMessageHasOneALine() throws IOException {
      Files.write(file, "x1,x2,y\n1,,3\nNaN,2\n4,5,6\n7,8,z\n".getBytes(StandardCharsets.UTF_8));
      List<String> expected =
          List.of(
              at(2, "column \"x2\": missing value (empty cell)"),
              at(3, "column \"x1\": non-finite value \"NaN\"; every value must be a finite number"),
              at(3, "column \"y\": missing; the row has 2 cells, but the header has 3 columns"),
              at(5, "column \"y\": expected a number, but was \"z\""));
      DatasetException e =
          assertThrows(DatasetException.class, () -> Dataset.readCsv(file, Target.values("y")));
      assertEquals(expected, e.problems());
      assertEquals("cannot read the dataset:\n" + String.join("\n", expected), e.getMessage());
    }

    @Test
    void capsTheListAtOneHundredAndCountsTheRest() throws IOException {
      StringBuilder s = new StringBuilder("x1,x2,y\n");
      for (int r = 0; r < 130; r++) {
        s.append("1,?,3\n");
      }
      List<String> all = problems(s.toString(), Target.values("y"), List.of("x1", "x2"));
      assertEquals(101, all.size());
      assertEquals(at(2, "column \"x2\": expected a number, but was \"?\""), all.get(0));
      assertEquals(at(101, "column \"x2\": expected a number, but was \"?\""), all.get(99));
      assertEquals("... and 30 more problems (130 in all; the first 100 are listed)", all.get(100));
    }

    @Test
    void reportsBadRowsAfterAHeaderProblem() throws IOException {
      List<String> all = problems("x1,x2\n1,\n", Target.values("y"), List.of("x1", "x2"));
      assertEquals(
          List.of(
              at(1, "no target column \"y\"; the columns are \"x1\", \"x2\""),
              at(2, "column \"x2\": missing value (empty cell)")),
          all);
    }
  }

  @Nested
  class Arguments {

    @Test
    void rejectsBadFeatureListsBeforeReading() {
      Path absent = dir.resolve("never-read.csv");
      Target y = Target.values("y");
      assertEquals("features must name at least one column, but was empty",
          assertThrows(IllegalArgumentException.class, () -> Dataset.readCsv(absent, y, List.of())).getMessage());
      assertEquals("features names \"a\" twice",
          assertThrows(IllegalArgumentException.class, () -> Dataset.readCsv(absent, y, List.of("a", "a"))).getMessage());
      assertEquals("features holds the target column \"y\"; a column is either the target or a feature",
          assertThrows(IllegalArgumentException.class, () -> Dataset.readCsv(absent, y, List.of("y"))).getMessage());
      assertEquals("file is null",
          assertThrows(IllegalArgumentException.class, () -> Dataset.readCsv(null, y)).getMessage());
      assertEquals("target is null",
          assertThrows(IllegalArgumentException.class, () -> Dataset.readCsv(absent, null)).getMessage());
      assertEquals("column is null",
          assertThrows(IllegalArgumentException.class, () -> Target.classes(null)).getMessage());
    }
  }
}
