package io.github.nndsl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's quick starts are the consumer checks' sources, character for character: the
 * invoker builds compile and run those files, so what the README shows cannot drift from what works.
 */
class ReadmeTest {

  /** Surefire runs in the module's folder, samples/. */
  private static final Path ROOT = Path.of("..");

  private static String read(String path) throws IOException {
    return Files.readString(ROOT.resolve(path), StandardCharsets.UTF_8);
  }

  /** The first fenced block of {@code language} after {@code heading}. */
  private static String block(String readme, String heading, String language) {
    int section = readme.indexOf(heading);
    assertTrue(section >= 0, "README has no section " + heading);
    String fence = "```" + language + "\n";
    int start = readme.indexOf(fence, section);
    assertTrue(start >= 0, "no ```" + language + " block after " + heading);
    start += fence.length();
    int end = readme.indexOf("```\n", start);
    return readme.substring(start, end);
  }

  @Test
  void javaQuickStartIsTheJavaConsumersSource() throws IOException {
    assertEquals(read("samples/src/it/java-consumer/src/main/java/QuickStart.java"),
        block(read("README.md"), "## Quick start (Java)", "java"));
  }

  @Test
  void kotlinQuickStartIsTheKotlinConsumersSource() throws IOException {
    assertEquals(read("samples/src/it/kotlin-consumer/src/main/kotlin/QuickStart.kt"),
        block(read("README.md"), "## Quick start (Kotlin)", "kotlin"));
  }

  @Test
  void javaRealDataIsTheJavaConsumersSource() throws IOException {
    assertEquals(read("samples/src/it/java-consumer/src/main/java/RealData.java"),
        block(read("README.md"), "## Real data (Java)", "java"));
  }

  @Test
  void kotlinRealDataIsTheKotlinConsumersSource() throws IOException {
    assertEquals(read("samples/src/it/kotlin-consumer/src/main/kotlin/RealData.kt"),
        block(read("README.md"), "## Real data (Kotlin)", "kotlin"));
  }

  @Test
  void everySampleCommandNamesAnExistingMainClass() throws IOException {
    String readme = read("README.md");
    for (String sample : new String[] {"Spirals", "Sine", "KotlinXor", "Digits", "Iris", "Serve"}) {
      assertTrue(readme.contains("-Dexec.mainClass=io.github.nndsl.samples." + sample + "`"), sample);
    }
    assertTrue(readme.contains("./mvnw -q -pl samples -am compile exec:java "), readme);
  }

  @Test
  void picturesTheReadmeShowsAreCommitted() throws IOException {
    String readme = read("README.md");
    for (String png : new String[] {"xor-loss", "xor-boundary", "spirals-boundary", "sine-fit", "digits-loss",
        "digits-confusion", "digits-misclassified"}) {
      assertTrue(readme.contains("(docs/images/" + png + ".png)"), png);
      assertTrue(Files.isRegularFile(ROOT.resolve("docs/images/" + png + ".png")), png);
    }
  }
}
