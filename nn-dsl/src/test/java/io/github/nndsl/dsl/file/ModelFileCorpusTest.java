package io.github.nndsl.dsl.file;


import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the corpus of files that once broke the loader (found by {@link ModelFileFuzzTest} or by
 * hand, see the corpus README): each must fail with a {@link ModelFileException}, nothing else.
 */
class ModelFileCorpusTest {

  static List<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Paths.get(ModelFileCorpusTest.class.getResource("/modelfile-corpus").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> out = files.filter(p -> p.toString().endsWith(".safetensors")).sorted().collect(Collectors.toList());
      assertFalse(out.isEmpty(), "the corpus is empty");
      return out;
    }
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void isRejectedWithAModelFileException(Path file) {
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
    assertFalse(e.getMessage().isEmpty());
  }
}
