/**
 * Files: models saved and loaded with their architecture ({@link ModelFile}), training checkpoints
 * ({@link Checkpoint}), PyTorch state dicts both ways ({@link TorchStateDict}), models exported
 * for ONNX runtimes ({@link Onnx}), and the errors a hostile or malformed file gives ({@link
 * ModelFileException}).
 */
@NullMarked
package io.github.nndsl.dsl.file;

import org.jspecify.annotations.NullMarked;
