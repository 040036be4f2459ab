/**
 * Runnable samples: the build-nn XOR exercise ({@link io.github.nndsl.samples.Xor}) and its main.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.nndsl.samples;

import org.jspecify.annotations.NullMarked;
