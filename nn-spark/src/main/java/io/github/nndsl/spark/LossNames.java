package io.github.nndsl.spark;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Losses;
import java.util.List;

/**
 * Losses by name, for tasks: a loss is a singleton of nn-core, not serialisable, so a task carries
 * its name and looks the same singleton up again.
 */
final class LossNames {

  private static final List<String> NAMES = List.of("mse", "binaryCrossEntropy", "crossEntropy", "crossEntropyWithLogits");

  private LossNames() {}

  private static List<Loss> losses() {
    return List.of(Losses.mse(), Losses.binaryCrossEntropy(), Losses.crossEntropy(), Losses.crossEntropyWithLogits());
  }

  /** The name of one of {@link Losses}' losses. */
  static String nameOf(Loss loss) {
    int i = losses().indexOf(loss);
    if (i < 0) {
      throw new IllegalArgumentException("loss " + loss + " is not one of Losses' " + NAMES);
    }
    return NAMES.get(i);
  }

  /** The loss of that name. */
  static Loss byName(String name) {
    int i = NAMES.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no loss named '" + name + "'; the losses are " + NAMES);
    }
    return losses().get(i);
  }
}
