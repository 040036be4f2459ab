package io.github.nndsl.samples;

import io.github.nndsl.core.train.EpochListener;
import io.github.nndsl.core.train.StepListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A compact progress display for training: on a terminal, one line that redraws itself
 * ({@code [##########..........] 2500/5000  loss 0.012345}); in a log (CI, a pipe), one line at
 * each quarter, so a run never floods the output.
 *
 * <pre>{@code
 * Progress progress = Progress.to(System.out, "training", 5000);
 * trainer.fit(net, x, y, 5000, progress);
 * }</pre>
 *
 * @since 0.1.0
 */
final class Progress implements StepListener, EpochListener {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final int total;
  private final boolean redraw;
  private int shown = -1;

  private Progress(PrintStream out, String label, int total, boolean redraw) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.redraw = redraw;
  }

  /** A display for {@code total} steps or epochs; it redraws in place only on an interactive terminal. */
  static Progress to(PrintStream out, String label, int total) {
    return new Progress(out, label, Math.max(total, 1), out == System.out && System.console() != null);
  }

  @Override
  public void onStep(int step, double loss) {
    update(step, loss);
  }

  @Override
  public void onEpoch(int epoch, double meanLoss) {
    update(epoch, meanLoss);
  }

  private void update(int done, double loss) {
    // redraw when the bar moves by a cell (or at the end); in a log, print each quarter once
    int mark = (int) ((long) done * (redraw ? WIDTH : 4) / total);
    if (mark == shown && done != total) {
      return;
    }
    shown = mark;
    int filled = (int) ((long) done * WIDTH / total);
    String line = String.format(Locale.ROOT, "%s [%s%s] %d/%d  loss %.6f",
        label, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, loss);
    if (redraw) {
      out.print("\r" + line + (done == total ? System.lineSeparator() : ""));
      out.flush();
    } else {
      out.println(line);
    }
  }
}
