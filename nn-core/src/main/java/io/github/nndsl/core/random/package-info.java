/**
 * NumPy's random generator reproduced bit for bit: {@link
 * io.github.nndsl.core.random.NumPyRandom} ({@code default_rng}: SeedSequence, PCG64, the
 * ziggurat normal sampler, shuffles and permutations).
 *
 * <p>Every type here is non-null unless annotated otherwise.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.nndsl.core.random;

import org.jspecify.annotations.NullMarked;
