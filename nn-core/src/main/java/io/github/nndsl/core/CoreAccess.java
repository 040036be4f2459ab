package io.github.nndsl.core;

import io.github.nndsl.core.internal.Bridge;
import io.github.nndsl.core.internal.EngineAccess;
import io.github.nndsl.core.internal.LossFunction;
import io.github.nndsl.core.internal.OptimizerState;
import io.github.nndsl.core.internal.Plan;
import org.jspecify.annotations.Nullable;

/**
 * The engine's side of {@link Bridge}: lends nn-core's other packages (random, train) the
 * package-private insides of the engine's types. {@link Bridge#get()} initialises this class by
 * name, and it installs itself.
 */
final class CoreAccess implements EngineAccess<Tensor, Network, Loss, Optimizer> {

  static {
    Bridge.install(new CoreAccess());
  }

  private CoreAccess() {}

  @Override
  public double[] data(Tensor tensor) {
    return tensor.data();
  }

  @Override
  public int offset(Tensor tensor) {
    return tensor.offset();
  }

  @Override
  public Tensor wrap(double[] data, int... shape) {
    return Tensor.wrap(data, shape);
  }

  @Override
  public void checkFinite(Tensor tensor, String name) {
    Checks.finite(tensor, name);
  }

  @Override
  public Plan plan(Network network) {
    return network.plan();
  }

  @Override
  public void checkInputs(Network network, Tensor x, String name) {
    network.checkInputs(x, name);
  }

  @Override
  public void checkTargets(Network network, Tensor x, Tensor y, String name) {
    network.checkTargets(x, y, name);
  }

  @Override
  public @Nullable Object trainingState(Network network) {
    return network.trainingState();
  }

  @Override
  public void trainingState(Network network, @Nullable Object state) {
    network.trainingState(state);
  }

  @Override
  public LossFunction function(Loss loss) {
    return loss.function();
  }

  @Override
  public OptimizerState newState(Optimizer optimizer, int size) {
    return optimizer.newState(size);
  }
}
