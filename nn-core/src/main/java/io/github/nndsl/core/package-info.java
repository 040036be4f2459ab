/**
 * The nn-dsl engine: {@link io.github.nndsl.core.Tensor}, the exercise's functional operations
 * ({@link io.github.nndsl.core.Functional}) and NumPy's random generator reproduced bit for bit
 * ({@link io.github.nndsl.core.NumPyRandom}).
 *
 * <p>Every type here is non-null unless annotated otherwise.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.nndsl.core;

import org.jspecify.annotations.NullMarked;
