package io.github.nndsl.dsl.data;

import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;

/** The problems found in a file, in file order: the first {@code cap}, then a count of the rest. */
final class Problems {

  private final int cap;
  private final List<String> listed = new ArrayList<>();
  private long more;

  Problems(int cap) {
    this.cap = cap;
  }

  void add(String problem) {
    if (listed.size() < cap) {
      listed.add(problem);
    } else {
      more++;
    }
  }

  boolean isEmpty() {
    return listed.isEmpty();
  }

  /** The listed problems and, past the cap, a last entry saying how many more there were. */
  Seq<String> toSeq() {
    Vector<String> all = Vector.ofAll(listed);
    if (more > 0) {
      all = all.append("... and " + more + " more " + (more == 1 ? "problem" : "problems")
          + " (" + (listed.size() + more) + " in all; the first " + cap + " are listed)");
    }
    return all;
  }
}
