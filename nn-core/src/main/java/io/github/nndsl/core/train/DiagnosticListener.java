package io.github.nndsl.core.train;

/**
 * Called when a training diagnostic fires (once when a problem appears, not at every check while
 * it lasts); it runs on the training thread, before training goes on.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.of(Losses.mse(), Optimizers.sgd(0.5))
 *     .withDiagnostics(Diagnostics.every(100), d -> System.out.println(d.message()));
 * }</pre>
 *
 * <p>In Kotlin: {@code .withDiagnostics(Diagnostics.every(100)) { println(it.message()) }}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DiagnosticListener {

  /**
   * Receives a diagnostic as it fires.
   *
   * @param diagnostic what was noticed, when, and what to try
   * @since 0.1.0
   */
  void onDiagnostic(Diagnostic diagnostic);
}
