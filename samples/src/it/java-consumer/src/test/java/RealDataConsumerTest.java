import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's "Real data (Java)" quick start runs unchanged on the committed digits. */
class RealDataConsumerTest {

  /** The invoker builds this project in samples/target/it/java-consumer. */
  static final Path DIGITS = Path.of("../../../src/main/resources/data/digits.csv");

  @Test
  void readmeRealDataQuickStartRuns() {
    assertTrue(Files.isRegularFile(DIGITS), DIGITS.toAbsolutePath() + " is missing");
    RealData.main(new String[] {DIGITS.toString()}); // throws below 95 % accuracy
  }
}
