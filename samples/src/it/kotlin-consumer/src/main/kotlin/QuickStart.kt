import io.github.nndsl.core.*
import io.github.nndsl.core.random.NumPyRandom
import io.github.nndsl.core.train.Trainer
import io.github.nndsl.dsl.Layers.*
import io.github.nndsl.dsl.Sequential

fun main() {
    val x = Tensor.of(arrayOf(doubleArrayOf(0.0, 0.0), doubleArrayOf(0.0, 1.0), doubleArrayOf(1.0, 0.0), doubleArrayOf(1.0, 1.0)))
    val y = Tensor.of(arrayOf(doubleArrayOf(0.0), doubleArrayOf(1.0), doubleArrayOf(1.0), doubleArrayOf(0.0)))

    val model = Sequential.of(linear(2, 8), relu(), linear(8, 1), sigmoid())
    val net = model.compile(42)
    val history = Trainer.of(Losses.mse(), Optimizers.adam(0.05))
        .fit(net, x, y, 2000) { step, loss -> if (step % 500 == 0) println("$step: $loss") }
    val p = net.predict(x)                                     // get/set are operators: p[3, 0]
    println("final loss ${history.finalLoss()}, p = ${(0..3).map { p[it, 0] }}")
    check(p[0, 0] < 0.5 && p[1, 0] > 0.5 && p[2, 0] > 0.5 && p[3, 0] < 0.5) { "XOR not learned: $p" }

    // the exercise's functional API: results destructure, tensors have + - * operators
    val w = NumPyRandom.defaultRng(0).standardNormal(2, 8) * 0.5
    val z = Functional.linearForward(x, w, Tensor.zeros(8))
    val (dx, dw, db) = Functional.linearBackward(Functional.relu(z), x, w)
    val stepped = w - dw * 0.1
    println("dx ${dx.shape().toList()}, dw ${dw.shape().toList()}, db ${db.shape().toList()}, w[0, 0] ${w[0, 0]} -> ${stepped[0, 0]}")
}
