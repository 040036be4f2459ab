/**
 * Immutable, fluent descriptors of neural networks, compiled into nn-core networks.
 *
 * <p>Every type here is non-null unless annotated otherwise.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.nndsl.dsl;

import org.jspecify.annotations.NullMarked;
