/**
 * Kernels behind nn-core: matrix products, elementwise operations and reductions on flat arrays.
 *
 * <p><strong>Internal: not API.</strong> Anything here may change or vanish in any release; use
 * {@link io.github.nndsl.core.Functional} and the other types of {@code io.github.nndsl.core}.
 */
@NullMarked
package io.github.nndsl.core.internal;

import org.jspecify.annotations.NullMarked;
