/**
 * Data: a table read from a CSV file ({@link Dataset#readCsv}), its target column ({@link Target})
 * and the errors a bad file gives ({@link DatasetException}); train/validation splits.
 *
 * <pre>{@code
 * Dataset digits = Dataset.readCsv(Path.of("digits.csv"), Target.classes("label"));
 * Dataset.Split split = digits.split(0.2, 42);
 * }</pre>
 */
@NullMarked
package io.github.nndsl.dsl.data;

import org.jspecify.annotations.NullMarked;
