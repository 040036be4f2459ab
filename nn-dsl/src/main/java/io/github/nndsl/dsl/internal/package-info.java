/**
 * The compiler that lowers nn-dsl descriptors into nn-core networks.
 *
 * <p><strong>Internal: not API.</strong> Anything here may change or vanish in any release; use
 * {@link io.github.nndsl.dsl.Sequential#compile(long)}.
 */
@NullMarked
package io.github.nndsl.dsl.internal;

import org.jspecify.annotations.NullMarked;
