package io.github.nndsl.samples

import io.github.nndsl.core.Precision
import io.github.nndsl.dsl.Layers.linear
import io.github.nndsl.dsl.Layers.relu
import io.github.nndsl.dsl.Layers.softmax
import io.github.nndsl.dsl.Sequential
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The float32 predictor from Kotlin, as the README's "Serving" section shows it. */
class KotlinFloat32PredictorTest {

    @Test
    fun servesAFloat32PredictorFromManyThreads() {
        val net = Sequential.of(linear(4, 16), relu(), linear(16, 3), softmax()).compile(42)
        val exact = net.freeze()
        val fast = exact.withPrecision(Precision.FLOAT32)
        val rows = List(64) { i -> doubleArrayOf(i * 0.1, -1.0, 0.5, i % 3 - 1.0) }
        val expected = rows.map { fast.predict(it) }

        val pool = Executors.newFixedThreadPool(4)
        val answers = rows.map { row -> pool.submit<DoubleArray> { fast.predict(row) } }
        val got = answers.map { it.get(30, TimeUnit.SECONDS) }
        pool.shutdown()

        rows.indices.forEach { assertArrayEquals(expected[it], got[it]) }
        rows.indices.forEach { r ->
            val float64 = exact.predict(rows[r])
            float64.indices.forEach { j -> assertTrue(Math.abs(float64[j] - got[r][j]) <= 1e-5) }
        }
        val out = DoubleArray(fast.outputs())
        fast.predictInto(rows[0], out)
        assertArrayEquals(expected[0], out)
        assertEquals(Precision.FLOAT32, fast.precision())
        assertEquals(Precision.FLOAT64, exact.precision())
        assertEquals("Predictor(Linear(4, 16), ReLU, Linear(16, 3), Softmax; 131 parameters, FLOAT32)", fast.toString())
    }
}
