import io.github.nndsl.core.Losses
import io.github.nndsl.core.Optimizers
import io.github.nndsl.core.Tensor
import io.github.nndsl.core.train.Trainer
import io.github.nndsl.dsl.Layers.linear
import io.github.nndsl.dsl.Layers.relu
import io.github.nndsl.dsl.Layers.sigmoid
import io.github.nndsl.dsl.Sequential
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** A Kotlin consumer of the freshly built nn-dsl declares and trains XOR. */
class XorConsumerTest {

    @Test
    fun readmeQuickStartRuns() {
        main() // the README's Kotlin quick start, unchanged; it checks that XOR was learned
    }

    @Test
    fun declaresXorFluentlyAndLearnsIt() {
        val h = 4
        val net = Sequential.of(linear(2, h), relu(), linear(h, 1), sigmoid()).compile(0)
        val x = Tensor.of(arrayOf(doubleArrayOf(0.0, 0.0), doubleArrayOf(0.0, 1.0), doubleArrayOf(1.0, 0.0), doubleArrayOf(1.0, 1.0)))
        val y = Tensor.of(arrayOf(doubleArrayOf(0.0), doubleArrayOf(1.0), doubleArrayOf(1.0), doubleArrayOf(0.0)))
        val losses = mutableListOf<Double>()
        val history = Trainer.of(Losses.mse(), Optimizers.adam(0.05)).fit(net, x, y, 1000) { _, loss -> losses += loss }
        assertTrue(history.finalLoss() < 0.01, "loss ${history.finalLoss()}")
        assertEquals(1000, losses.size)
        val p = net.predict(x)
        assertEquals(listOf(0, 1, 1, 0), (0..3).map { if (p[it, 0] >= 0.5) 1 else 0 })
    }
}
