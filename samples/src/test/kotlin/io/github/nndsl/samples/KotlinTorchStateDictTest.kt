package io.github.nndsl.samples

import io.github.nndsl.core.Tensor
import io.github.nndsl.dsl.Layers.linear
import io.github.nndsl.dsl.Layers.relu
import io.github.nndsl.dsl.Sequential
import io.github.nndsl.dsl.file.ModelFileException
import io.github.nndsl.dsl.file.TorchStateDict
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path

/** TorchStateDict from Kotlin: static calls and the dtype enum read as in Java. */
class KotlinTorchStateDictTest {

    @TempDir
    lateinit var dir: Path

    private val model = Sequential.of(linear(3, 5), relu(), linear(5, 2))
    private val x = Tensor.of(arrayOf(doubleArrayOf(0.5, -1.0, 2.0), doubleArrayOf(3.0, 0.25, -0.125)))

    @Test
    fun savesAndLoadsAStateDictInF64BitForBit() {
        val net = model.compile(7)
        val file = dir.resolve("mlp.safetensors")
        TorchStateDict.save(file, model, net, TorchStateDict.Dtype.F64)

        val loaded = TorchStateDict.load(file, model)
        assertArrayEquals(net.predict(x).toArray(), loaded.predict(x).toArray(), 0.0)
    }

    @Test
    fun aStateDictOfAnotherArchitectureIsAModelFileException() {
        val file = dir.resolve("mlp.safetensors")
        TorchStateDict.save(file, model, model.compile(7))

        val e = assertThrows(ModelFileException::class.java) {
            TorchStateDict.load(file, Sequential.of(linear(3, 4), relu(), linear(4, 2)))
        }
        assertTrue(e.message.orEmpty().contains("tensor '0.weight' has shape [5, 3], but Linear(3, 4) needs [4, 3]"), e.message)
    }
}
