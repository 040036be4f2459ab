/**
 * Training: the {@link io.github.nndsl.core.train.Trainer} and its loop, the {@link
 * io.github.nndsl.core.train.TrainingHistory}, step and epoch listeners, diagnostics and training
 * snapshots.
 *
 * <p>Every type here is non-null unless annotated otherwise.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.nndsl.core.train;

import org.jspecify.annotations.NullMarked;
