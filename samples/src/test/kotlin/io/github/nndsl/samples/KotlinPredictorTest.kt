package io.github.nndsl.samples

import io.github.nndsl.core.Tensor
import io.github.nndsl.dsl.Layers.linear
import io.github.nndsl.dsl.Layers.relu
import io.github.nndsl.dsl.Layers.softmax
import io.github.nndsl.dsl.Sequential
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** Network.freeze() from Kotlin, as the README's "Serving" section shows it. */
class KotlinPredictorTest {

    @Test
    fun servesOneFrozenNetworkFromManyThreads() {
        val net = Sequential.of(linear(4, 16), relu(), linear(16, 3), softmax()).compile(42)
        val predictor = net.freeze()
        val rows = List(64) { i -> doubleArrayOf(i * 0.1, -1.0, 0.5, i % 3 - 1.0) }
        val expected = rows.map { net.predict(Tensor.of(arrayOf(it))).toArray() }

        val pool = Executors.newFixedThreadPool(4)
        val answers = rows.map { row -> pool.submit<DoubleArray> { predictor.predict(row) } }
        val got = answers.map { it.get(30, TimeUnit.SECONDS) }
        pool.shutdown()

        rows.indices.forEach { assertArrayEquals(expected[it], got[it]) }
        val out = DoubleArray(predictor.outputs())
        predictor.predictInto(rows[0], out)
        assertArrayEquals(expected[0], out)
        assertEquals("Predictor(Linear(4, 16), ReLU, Linear(16, 3), Softmax; 131 parameters)", predictor.toString())
    }
}
