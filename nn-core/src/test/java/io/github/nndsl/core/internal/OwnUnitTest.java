package io.github.nndsl.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The loop methods padded by {@link OwnUnit} stay longer than C2's inlining limit for hot calls,
 * read from the compiled class files with javap: the padding is what keeps them compiled on their
 * own (and vectorised) on JDK 17, and a later edit that shortens it would only show in a profile.
 */
class OwnUnitTest {

  private static final Pattern METHOD = Pattern.compile("^  (?:[\\w$.<>\\[\\], ]+ )?([\\w$]+)\\(.*\\);$");
  private static final Pattern OFFSET = Pattern.compile("^\\s+(\\d+): (\\w+)(.*)$");

  @Test
  void everyPaddedMethodIsLongerThanTheInliningLimit() {
    Map<String, Integer> padded = new LinkedHashMap<>();
    for (Class<?> type : List.of(PackedMatMul.class, Elementwise.class, FloatMatMul.class)) {
      padded.putAll(paddedMethods(type));
    }
    assertTrue(padded.keySet().containsAll(List.of("PackedMatMul.fourByTwo", "PackedMatMul.fourByTwoFirst", "PackedMatMul.oneByFour", "PackedMatMul.one", "PackedMatMul.biasRelu", "PackedMatMul.biased", "PackedMatMul.rectified", "Elementwise.adam", "Elementwise.adamFirstSettled", "Elementwise.addInto", "Elementwise.reluBackwardOfOutput", "FloatMatMul.oneByFour")),
        "padded methods found: " + padded);
    padded.forEach((method, length) -> assertTrue(length > OwnUnit.FREQ_INLINE_SIZE,
        method + " is " + length + " bytes of bytecode, C2 inlines up to " + OwnUnit.FREQ_INLINE_SIZE));
  }

  @Test
  void theLimitIsTheRunningJvmsDefault() {
    // FreqInlineSize is 325 on JDK 17 and 25 (x86_64 and aarch64); a JVM that changed it would
    // need the padding changed with it
    String value = java.lang.management.ManagementFactory.getPlatformMXBean(
        com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("FreqInlineSize").getValue();
    assertEquals(Integer.toString(OwnUnit.FREQ_INLINE_SIZE), value);
  }

  /** Each method of the class that calls OwnUnit.never, with the length of its bytecode. */
  private static Map<String, Integer> paddedMethods(Class<?> type) {
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    StringWriter out = new StringWriter();
    Path classes = Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath());
    int status = javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", "-cp", classes.toString(),
        type.getName());
    assertEquals(0, status, out::toString);
    Map<String, Integer> padded = new LinkedHashMap<>();
    String method = null;
    int length = 0;
    boolean calls = false;
    for (String line : out.toString().split("\n")) {
      Matcher m = METHOD.matcher(line);
      if (m.matches()) {
        method = type.getSimpleName() + "." + m.group(1);
        calls = false;
        continue;
      }
      Matcher o = OFFSET.matcher(line);
      if (method != null && o.matches()) {
        length = Integer.parseInt(o.group(1)) + 1; // the last instruction's offset, plus its opcode at least
        calls |= o.group(3).contains("OwnUnit.never");
        if (calls) {
          padded.put(method, length);
        }
      }
    }
    return padded;
  }
}
