package io.github.nndsl.dsl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Good files: what readCsv gives, cell by cell, against hand-written expectations. */
class ReadCsvTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  @Nested
  class ValuesTarget {

    @Test
    void readsEveryOtherColumnAsFeaturesInFileOrder() throws IOException {
      Path file = write("a.csv", "x1,y,x2\n1,10,2\n3,30,4.5\n-5e-1,50,6\n");
      Dataset d = Dataset.readCsv(file, Target.values("y"));
      assertEquals(3, d.rows());
      assertEquals(List.of("x1", "x2"), d.featureNames());
      assertArrayEquals(new double[] {1, 2, 3, 4.5, -0.5, 6}, d.features().toArray());
      assertArrayEquals(new int[] {3, 2}, d.features().shape());
      assertArrayEquals(new double[] {10, 30, 50}, d.targets().toArray());
      assertArrayEquals(new int[] {3, 1}, d.targets().shape());
      assertEquals(List.of(), d.classes());
    }

    @Test
    void takesOnlyTheNamedFeaturesInTheGivenOrderAndSkipsTextColumns() throws IOException {
      Path file = write("b.csv", "name,x1,x2,y,note\nann,1,2,3,\"hello, world\"\nbob,4,5,6,NA\n");
      Dataset d = Dataset.readCsv(file, Target.values("y"), List.of("x2", "x1"));
      assertEquals(List.of("x2", "x1"), d.featureNames());
      assertArrayEquals(new double[] {2, 1, 5, 4}, d.features().toArray());
      assertArrayEquals(new double[] {3, 6}, d.targets().toArray());
    }
  }

  @Nested
  class Syntax {

    @Test
    void readsQuotedCellsCrlfAndAUtf8ByteOrderMark() throws IOException {
      byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
      byte[] body = "\"x 1\",\"y\"\r\n\"1.5\",2\r\n3,\"4\"\r\n".getBytes(StandardCharsets.UTF_8);
      byte[] all = new byte[bom.length + body.length];
      System.arraycopy(bom, 0, all, 0, bom.length);
      System.arraycopy(body, 0, all, bom.length, body.length);
      Path file = dir.resolve("bom.csv");
      Files.write(file, all);
      Dataset d = Dataset.readCsv(file, Target.values("y"));
      assertEquals(List.of("x 1"), d.featureNames(), "the BOM is not part of the first name");
      assertArrayEquals(new double[] {1.5, 3}, d.features().toArray());
      assertArrayEquals(new double[] {2, 4}, d.targets().toArray());
    }

    @Test
    void skipsBlankLinesAndAllowsNoFinalNewline() throws IOException {
      Path file = write("blank.csv", "x,y\n1,2\n\n3,4");
      assertArrayEquals(new double[] {1, 3}, Dataset.readCsv(file, Target.values("y")).features().toArray());
    }

    @Test
    void readsAQuotedCellSpanningLinesInAnUnusedColumn() throws IOException {
      Path file = write("multi.csv", "x,note,y\n1,\"two\nlines\",2\n3,x,4\n");
      Dataset d = Dataset.readCsv(file, Target.values("y"), List.of("x"));
      assertArrayEquals(new double[] {1, 3}, d.features().toArray());
    }

    @Test
    void readsSurroundingSpacesExponentsAndSigns() throws IOException {
      Path file = write("num.csv", "x,y\n 1.25 ,+2\n-1E3,0.5e-2\n");
      Dataset d = Dataset.readCsv(file, Target.values("y"));
      assertArrayEquals(new double[] {1.25, -1000}, d.features().toArray());
      assertArrayEquals(new double[] {2, 0.005}, d.targets().toArray());
    }
  }

  @Nested
  class ClassesTarget {

    @Test
    void sortsNumericLabelsNumericallyAndOneHotsThem() throws IOException {
      Path file = write("num.csv", "x,label\n1,10\n2,2\n3,10\n4,-1\n");
      Dataset d = Dataset.readCsv(file, Target.classes("label"));
      assertEquals(List.of("-1", "2", "10"), d.classes(), "as numbers, not as strings");
      assertEquals(
          Tensor.of(new double[][] {{0, 0, 1}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}}), d.targets());
    }

    @Test
    void sortsTextLabelsAsStrings() throws IOException {
      Path file = write("text.csv", "x,species\n1,versicolor\n2,setosa\n3,\"virginica\"\n4,10\n");
      Dataset d = Dataset.readCsv(file, Target.classes("species"));
      assertEquals(List.of("10", "setosa", "versicolor", "virginica"), d.classes());
      assertEquals(
          Tensor.of(new double[][] {{0, 0, 1, 0}, {0, 1, 0, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}}),
          d.targets());
    }

    @Test
    void keepsLabelsThatDifferInSpellingApart() throws IOException {
      Path file = write("spell.csv", "x,c\n1,1\n2,1.0\n3,1\n");
      assertEquals(List.of("1", "1.0"), Dataset.readCsv(file, Target.classes("c")).classes());
    }
  }

  @Nested
  class MissingFiles {

    @Test
    void aMissingFileIsAnUncheckedIoExceptionNamingIt() {
      Path file = dir.resolve("absent.csv");
      UncheckedIOException e =
          assertThrows(UncheckedIOException.class, () -> Dataset.readCsv(file, Target.values("y")));
      assertEquals("cannot read " + file + ": java.nio.file.NoSuchFileException: " + file, e.getMessage());
      assertEquals(NoSuchFileException.class, e.getCause().getClass());
    }

    @Test
    void aDirectoryIsAnUncheckedIoException() {
      UncheckedIOException e =
          assertThrows(UncheckedIOException.class, () -> Dataset.readCsv(dir, Target.values("y")));
      assertEquals(true, e.getMessage().startsWith("cannot read " + dir + ": "), e.getMessage());
    }

    @Test
    void validateCsvAlsoThrowsForAMissingFile() {
      Path file = dir.resolve("absent.csv");
      assertThrows(
          UncheckedIOException.class, () -> Dataset.validateCsv(file, Target.values("y"), List.of("x")));
    }
  }

  @Test
  void keepsEveryRowAcrossStorageBlocks() throws IOException {
    // 20,000 rows of 3 features spread over two 10,922-row blocks: the copy must keep every row
    StringBuilder s = new StringBuilder("a,b,c,y\n");
    for (int r = 0; r < 20_000; r++) {
      s.append(r).append(',').append(r * 0.5).append(',').append(-r).append(',').append(r % 3).append('\n');
    }
    Dataset d = Dataset.readCsv(write("big.csv", s.toString()), Target.classes("y"));
    assertEquals(20_000, d.rows());
    for (int r : new int[] {0, 10_921, 10_922, 10_923, 19_999}) {
      assertEquals(r, d.features().get(r, 0));
      assertEquals(r * 0.5, d.features().get(r, 1));
      assertEquals(-r, d.features().get(r, 2));
      assertEquals(1.0, d.targets().get(r, r % 3));
    }
  }
}
