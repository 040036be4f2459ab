/**
 * The engine: {@link io.github.nndsl.core.Tensor}, the exercise's functional operations ({@link
 * io.github.nndsl.core.Functional}), the compiled {@link io.github.nndsl.core.Network} with its
 * {@link io.github.nndsl.core.ParameterStore}, losses and optimisers.
 *
 * <p>Every type here is non-null unless annotated otherwise.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.nndsl.core;

import org.jspecify.annotations.NullMarked;
