package io.github.nndsl.dsl;

/**
 * A layer that fixes the width it takes and gives ({@link Linear}, {@link Standardize}), where
 * {@link Sequential} checks that neighbours fit; every other kind keeps the width it is given. An
 * interface of its own, so that the check loads no layer class a model does not use.
 */
interface FixedWidth {

  /** The width this layer takes. */
  int inputs();

  /** The width this layer gives. */
  int outputs();
}
