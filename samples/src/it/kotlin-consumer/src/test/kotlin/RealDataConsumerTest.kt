import java.nio.file.Files
import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The README's "Real data (Kotlin)" quick start runs unchanged on the committed digits. */
class RealDataConsumerTest {

    @Test
    fun readmeRealDataQuickStartRuns() {
        // the invoker builds this project in samples/target/it/kotlin-consumer
        val digits = Path.of("../../../src/main/resources/data/digits.csv")
        assertTrue(Files.isRegularFile(digits)) { "${digits.toAbsolutePath()} is missing" }
        main(arrayOf(digits.toString())) // throws below 95 % accuracy
    }
}
