package io.github.nndsl.samples

import io.github.nndsl.core.train.Diagnostic
import io.github.nndsl.core.train.Diagnostics
import io.github.nndsl.core.Functional
import io.github.nndsl.core.LinearGradients
import io.github.nndsl.core.Losses
import io.github.nndsl.core.Network
import io.github.nndsl.core.random.NumPyRandom
import io.github.nndsl.core.Optimizers
import io.github.nndsl.core.Tensor
import io.github.nndsl.core.train.Trainer
import io.github.nndsl.core.train.TrainingHistory
import io.github.nndsl.dsl.Layer
import io.github.nndsl.dsl.Layers.linear
import io.github.nndsl.dsl.Layers.relu
import io.github.nndsl.dsl.Layers.sigmoid
import io.github.nndsl.dsl.Sequential
import io.github.nndsl.dsl.file.Checkpoint
import io.github.nndsl.dsl.file.ModelFile
import io.github.nndsl.dsl.file.ModelFileException
import java.io.UncheckedIOException
import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Nested
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** The API from Kotlin: plain names, no non-null assertions, operators and destructuring where Kotlin expects them. */
class KotlinApiTest {

    private val x = Xor.inputs()
    private val y = Xor.targets()

    @Test
    fun kotlinSampleRuns() {
        main()
    }

    @Nested
    inner class Dsl {
        @Test
        fun declaresAModelAsInJava() {
            val h = 4
            val model = Sequential.of(linear(2, h), relu(), linear(h, 1), sigmoid())
            assertEquals("Sequential(Linear(2, 4), ReLU, Linear(4, 1), Sigmoid)", model.toString())
            assertEquals(17L, model.parameterCount())
        }

        @Test
        fun trainsWithATrailingLambdaListener() {
            val net = Sequential.of(linear(2, 8), relu(), linear(8, 1), sigmoid()).compile(42)
            val seen = mutableListOf<Int>()
            val history = Trainer.of(Losses.mse(), Optimizers.adam(0.05)).fit(net, x, y, 2000) { step, _ ->
                if (step % 500 == 0) seen += step
            }
            assertEquals(listOf(500, 1000, 1500, 2000), seen)
            assertTrue(history.finalLoss() < 0.01, "loss ${history.finalLoss()}")
            val p = net.predict(x)
            assertEquals(listOf(0, 1, 1, 0), (0 until 4).map { if (p[it, 0] >= 0.5) 1 else 0 })
        }

        @Test
        fun exerciseModelMatchesTheHandWrittenLoopBitForBit() {
            val net = exerciseModel(4).compile(0)
            val loss = Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).fit(net, x, y, 300).finalLoss()
            assertEquals(trainByHand(seed = 0, steps = 300), loss)
        }
    }

    @Nested
    inner class FunctionalApi {
        @Test
        fun linearBackwardDestructures() {
            val w = NumPyRandom.defaultRng(0).standardNormal(2, 3)
            val g = Tensor.of(arrayOf(doubleArrayOf(1.0, 0.0, -1.0), doubleArrayOf(0.5, 0.5, 0.5),
                doubleArrayOf(0.0, 0.0, 0.0), doubleArrayOf(2.0, 1.0, 0.0)))
            val gradients: LinearGradients = Functional.linearBackward(g, x, w)
            val (dx, dw, db) = gradients
            assertEquals(gradients.dx(), dx)
            assertEquals(gradients.dw(), dw)
            assertEquals(gradients.db(), db)
            assertEquals(listOf(4, 2), dx.shape().toList())
            assertEquals(listOf(2, 3), dw.shape().toList())
            assertEquals(listOf(3), db.shape().toList())
        }

        @Test
        fun handWrittenLoopEqualsTrainXor() {
            assertEquals(Xor.trainXor(0, 4, 0.5, 500), trainByHand(seed = 0, steps = 500))
        }
    }

    @Nested
    inner class TensorOperators {
        private val a = Tensor.of(arrayOf(doubleArrayOf(1.0, 2.0), doubleArrayOf(3.0, 4.0)))
        private val b = Tensor.of(arrayOf(doubleArrayOf(10.0, 20.0), doubleArrayOf(30.0, 40.0)))

        @Test
        fun indexesWithBrackets() {
            val t = a.copy()
            t[1, 0] = 7.0
            assertEquals(7.0, t[1, 0])
            assertEquals(4.0, t[3])
            assertEquals(3.0, a[1, 0], "copy() is independent")
        }

        @Test
        fun addsSubtractsMultipliesAndNegates() {
            assertEquals(Tensor.of(arrayOf(doubleArrayOf(11.0, 22.0), doubleArrayOf(33.0, 44.0))), a + b)
            assertEquals(Tensor.of(arrayOf(doubleArrayOf(9.0, 18.0), doubleArrayOf(27.0, 36.0))), b - a)
            assertEquals(Tensor.of(arrayOf(doubleArrayOf(10.0, 40.0), doubleArrayOf(90.0, 160.0))), a * b)
            assertEquals(Tensor.of(arrayOf(doubleArrayOf(0.5, 1.0), doubleArrayOf(1.5, 2.0))), a * 0.5)
            assertEquals(Tensor.of(arrayOf(doubleArrayOf(-1.0, -2.0), doubleArrayOf(-3.0, -4.0))), -a)
        }

        @Test
        fun compoundAssignmentRebindsAVar() {
            var w = a
            w -= b * 0.1
            assertEquals(Tensor.of(arrayOf(doubleArrayOf(0.0, 0.0), doubleArrayOf(0.0, 0.0))), w)
            assertEquals(1.0, a[0, 0], "the operand is untouched")
        }
    }

    @Nested
    inner class Nullness {
        @Test
        fun resultsArePlainKotlinTypesNotPlatformTypes() {
            // JSpecify @NullMarked makes these non-null Kotlin types: no question marks or assertions, and
            // passing null where a value is expected does not compile
            val net: Network = Sequential.of(linear(2, 1), sigmoid()).compile(0)
            val history: TrainingHistory = Trainer.of(Losses.mse(), Optimizers.sgd(0.1)).fit(net, x, y, 3)
            val losses: DoubleArray = history.losses()
            val layers: List<Layer> = Sequential.of(linear(2, 2), sigmoid()).layers()
            assertEquals(3, losses.size)
            assertEquals(2, layers.size)
        }

        @Test
        fun equalsAcceptsNullAsDeclared() {
            val nothing: Tensor? = null
            assertFalse(x.equals(nothing))
        }

        @Test
        fun rejectsBadArgumentsWithIllegalArgumentException() {
            val e = assertThrows(IllegalArgumentException::class.java) { linear(0, 1) }
            assertTrue(e.message.orEmpty().contains("inputs"), e.message.orEmpty())
        }
    }

    @Nested
    inner class Diagnosis {
        @Test
        fun listenerIsATrailingLambdaAndDiagnosticsDestructure() {
            val heard = mutableListOf<Diagnostic>()
            val trainer = Trainer.of(Losses.mse(), Optimizers.sgd(0.5))
                .withDiagnostics(Diagnostics.every(100)) { heard.add(it) }
            val history = trainer.fit(Xor.model(4).compile(7), x, y, 5000)
            assertEquals(history.diagnostics(), heard)
            val (kind, step, value, message) = history.diagnostics().last()
            assertEquals(Diagnostic.Kind.PLATEAU, kind)
            assertTrue(step in 1..5000 && value > 0.16 && message.startsWith("the loss has been flat"), message)
        }
    }

    @Nested
    inner class EveryProblemAtOnce {
        @Test
        fun validateFoldsEveryProblemIntoOneReport() {
            val report = Sequential.validate(linear(2, 4), relu(), linear(3, 1), sigmoid(), linear(2, 5))
                .fold({ problems -> problems.joinToString("\n") }, { model -> model.summary() })
            assertEquals("layer 2 Linear(3, 1) expects 3 inputs, but layer 0 Linear(2, 4) gives 4\n" +
                "layer 4 Linear(2, 5) expects 2 inputs, but layer 2 Linear(3, 1) gives 1", report)
        }

        @Test
        fun validateGivesTheModelThatOfBuilds() {
            val checked = Sequential.validate(linear(2, 4), relu(), linear(4, 1), sigmoid())
            assertTrue(checked.isValid)
            val model: Sequential = checked.fold({ problems -> error(problems.joinToString()) }, { it })
            assertEquals(Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid()), model)
        }

        @Test
        fun theProblemsAreTheLinesOfTheExceptionOfThrows() {
            val layers = arrayOf<Layer>(linear(2, 4), linear(3, 1), relu(), linear(2, 1), linear(9, 9))
            val problems: List<String> = Sequential.validate(*layers).fold({ it.asJava() }, { emptyList() })
            val e = assertThrows(IllegalArgumentException::class.java) { Sequential.of(*layers) }
            assertEquals(3, problems.size, problems.toString())
            assertEquals(problems.joinToString("\n"), e.message)
        }

        @Test
        fun tryLoadGivesTheSavedModelToDestructure(@TempDir dir: Path) {
            val model = Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid())
            val net = model.compile(0)
            val file = dir.resolve("xor.safetensors")
            ModelFile.save(file, model, net)

            val loaded = ModelFile.tryLoad(file)

            assertTrue(loaded.isSuccess)
            val (sameModel, network) = loaded.get()
            assertEquals(model, sameModel)
            assertEquals(net.predict(x), network.predict(x))
        }

        @Test
        fun tryLoadHoldsWhatLoadWouldThrow(@TempDir dir: Path) {
            val missing = ModelFile.tryLoad(dir.resolve("missing.safetensors"))
            assertTrue(missing.isFailure)
            assertInstanceOf(UncheckedIOException::class.java, missing.cause)

            val hostile = dir.resolve("seven.safetensors")
            hostile.toFile().writeBytes(ByteArray(7))
            val status = Checkpoint.tryLoad(hostile).fold({ e -> "unusable: " + e.message }, { "resumed" })
            val thrown = assertThrows(ModelFileException::class.java) { Checkpoint.load(hostile) }
            assertEquals("unusable: " + thrown.message, status)
        }
    }
}
