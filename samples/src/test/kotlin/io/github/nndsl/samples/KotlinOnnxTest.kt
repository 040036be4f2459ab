package io.github.nndsl.samples

import io.github.nndsl.dsl.Layers.linear
import io.github.nndsl.dsl.Layers.relu
import io.github.nndsl.dsl.Layers.softmax
import io.github.nndsl.dsl.Sequential
import io.github.nndsl.dsl.file.Onnx
import java.nio.file.Files
import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** Onnx.save from Kotlin, as the README shows it; what the file computes is tested in nn-dsl against ONNX Runtime. */
class KotlinOnnxTest {

    @TempDir
    lateinit var dir: Path

    @Test
    fun savesInBothPrecisions() {
        val model = Sequential.of(linear(4, 16), relu(), linear(16, 3), softmax())
        val net = model.compile(42)
        Onnx.save(dir.resolve("iris.onnx"), model, net)
        Onnx.save(dir.resolve("iris-f32.onnx"), model, net, Onnx.Precision.FLOAT32)

        val f64 = Files.readAllBytes(dir.resolve("iris.onnx"))
        val f32 = Files.readAllBytes(dir.resolve("iris-f32.onnx"))
        // ModelProto field 1 (ir_version), varint: tag 0x08, value 8
        assertEquals(listOf<Byte>(0x08, 0x08), f64.take(2))
        assertTrue(f32.size < f64.size, "float32 weights take half the bytes: ${f32.size} vs ${f64.size}")
        assertEquals("input", Onnx.INPUT)
        assertEquals("output", Onnx.OUTPUT)
    }

    @Test
    fun rejectsANetworkOfAnotherModel() {
        val model = Sequential.of(linear(4, 3))
        val other = Sequential.of(linear(3, 4)).compile(0)
        val e = assertThrows(IllegalArgumentException::class.java) { Onnx.save(dir.resolve("m.onnx"), model, other) }
        assertTrue(e.message.orEmpty().contains("was not compiled from model"), e.message)
    }
}
