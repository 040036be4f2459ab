@file:JvmName("KotlinXor")

package io.github.nndsl.samples

import io.github.nndsl.core.Functional
import io.github.nndsl.core.Losses
import io.github.nndsl.core.random.NumPyRandom
import io.github.nndsl.core.Optimizers
import io.github.nndsl.core.Tensor
import io.github.nndsl.core.train.Trainer
import io.github.nndsl.dsl.Init
import io.github.nndsl.dsl.Layers.linear
import io.github.nndsl.dsl.Layers.relu
import io.github.nndsl.dsl.Layers.sigmoid
import io.github.nndsl.dsl.Sequential
import kotlin.system.measureNanoTime

/**
 * XOR from Kotlin: the DSL reads as in Java, the listener is a trailing lambda, and the
 * exercise's hand-written loop uses destructuring and tensor operators. Run it with
 * ./mvnw -q -pl samples -am compile exec:java -Dexec.mainClass=io.github.nndsl.samples.KotlinXor
 */
fun main() {
    val x = Xor.inputs()
    val y = Xor.targets()
    val hidden = 4

    // the DSL: declared, compiled with a seed, trained in place
    val model = Sequential.of(linear(2, hidden), relu(), linear(hidden, 1), sigmoid())
    val net = model.compile(0)
    val curve = mutableListOf<Double>()
    val nanos = measureNanoTime {
        Trainer.of(Losses.mse(), Optimizers.adam(0.05)).fit(net, x, y, 1000) { step, loss ->
            if (step % 250 == 0) curve += loss
        }
    }
    println("$model trained in ${"%.3f".format(nanos / 1e9)} s; loss every 250 steps: $curve")
    val p = net.predict(x)
    for (r in 0 until 4) {
        println("  ${x[r, 0]} xor ${x[r, 1]} -> ${"%.4f".format(p[r, 0])}")
    }

    // the exercise by hand: one layer's gradients destructure, the update reads like NumPy
    println("hand-written loop, 5000 SGD steps: loss ${"%.6f".format(trainByHand(seed = 0, steps = 5000))}")
    println("Xor.trainXor(0), the Java reference: ${"%.6f".format(Xor.trainXor(0))}")
}

/**
 * The exercise's loop in Kotlin: the same numbers as [Xor.trainXor] with the same seed, since the
 * weights are drawn exactly as there and every step uses the same functional operations.
 */
fun trainByHand(seed: Long, steps: Int, hidden: Int = 4, lr: Double = 0.5): Double {
    val rng = NumPyRandom.defaultRng(seed)
    val x = Xor.inputs()
    val t = Xor.targets()
    var w1 = rng.standardNormal(2, hidden) * 0.5
    var b1 = Tensor.zeros(hidden)
    var w2 = rng.standardNormal(hidden, 1) * 0.5
    var b2 = Tensor.zeros(1)
    var loss = Double.NaN
    repeat(steps) {
        val z1 = Functional.linearForward(x, w1, b1)
        val a1 = Functional.relu(z1)
        val out = Functional.sigmoid(Functional.linearForward(a1, w2, b2))
        loss = Functional.mseLoss(out, t)
        val dz2 = Functional.sigmoidBackward(Functional.mseLossBackward(out, t), out)
        val (da1, dw2, db2) = Functional.linearBackward(dz2, a1, w2)
        val (_, dw1, db1) = Functional.linearBackward(Functional.reluBackward(da1, z1), x, w1)
        w1 -= dw1 * lr
        b1 -= db1 * lr
        w2 -= dw2 * lr
        b2 -= db2 * lr
    }
    return loss
}

/** The DSL model of the exercise, for comparison with [trainByHand]. */
fun exerciseModel(hidden: Int): Sequential =
    Sequential.of(
        linear(2, hidden).withWeightInit(Init.normal(0.5)),
        relu(),
        linear(hidden, 1).withWeightInit(Init.normal(0.5)),
        sigmoid(),
    )
