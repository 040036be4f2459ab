/**
 * The engine's insides: kernels (matrix products, elementwise operations and reductions on flat
 * arrays), the compiled plan of ops with its work buffers, losses' and optimisers' arithmetic, and
 * the bridge through which nn-core's packages reach them.
 *
 * <p><strong>Internal: not API.</strong> Anything here may change or vanish in any release, and the
 * module does not export it; use {@code io.github.nndsl.core} and its sibling packages.
 */
@NullMarked
package io.github.nndsl.core.internal;

import org.jspecify.annotations.NullMarked;
