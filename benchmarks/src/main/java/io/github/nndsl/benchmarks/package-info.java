/**
 * Benchmarks (JMH) and the side-by-side comparison with a hand-written loop and NumPy: not API,
 * not published. See BENCHMARKS.md at the repository root for the commands.
 */
@NullMarked
package io.github.nndsl.benchmarks;

import org.jspecify.annotations.NullMarked;
