package io.github.nndsl.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The committed real data sets ({@code src/main/resources/data/}: {@code digits.csv},
 * {@code iris.csv}, {@code wine.csv}; sources and licence in the README there) as files that
 * {@code Dataset.readCsv} can read, also when the samples run from a jar.
 *
 * <pre>{@code
 * Dataset digits = Dataset.readCsv(SampleData.path("digits.csv"), Target.classes("label"));
 * }</pre>
 *
 * @since 0.1.0
 */
final class SampleData {

  private SampleData() {}

  /**
   * Returns a path to the data file {@code name}: the class-path file itself when it is one, else
   * a temporary copy (deleted when the JVM exits).
   *
   * @throws IllegalArgumentException if there is no such data file
   * @throws UncheckedIOException if the copy cannot be written
   */
  static Path path(String name) {
    URL url = SampleData.class.getResource("/data/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no data file " + name + " on the class path (expected /data/" + name + ")");
    }
    try {
      if (url.getProtocol().equals("file")) {
        return Path.of(url.toURI());
      }
      Path copy = Files.createTempFile("nndsl-", "-" + name);
      copy.toFile().deleteOnExit();
      try (InputStream in = url.openStream()) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy data file " + name, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad class-path URL " + url, e);
    }
  }
}
