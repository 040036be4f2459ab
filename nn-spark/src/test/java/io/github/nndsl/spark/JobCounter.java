package io.github.nndsl.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;

/**
 * Counts the jobs started and keeps their descriptions, and the tasks of each stage run with its
 * job's description; registered once on the test session.
 */
final class JobCounter extends SparkListener {

  private static JobCounter instance;

  private final List<String> descriptions = java.util.Collections.synchronizedList(new ArrayList<>());

  private final List<String> stages = java.util.Collections.synchronizedList(new ArrayList<>());

  private JobCounter() {}

  static synchronized JobCounter get() {
    if (instance == null) {
      instance = new JobCounter();
      TestSpark.session().sparkContext().addSparkListener(instance);
    }
    return instance;
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    String d = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
    descriptions.add(d == null ? "" : d);
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    String d = submitted.properties() == null ? null : submitted.properties().getProperty("spark.job.description");
    stages.add((d == null ? "" : d) + ": " + submitted.stageInfo().numTasks() + " tasks");
  }

  /** The jobs started so far (the listener bus is drained first). */
  private static void drain() {
    try {
      TestSpark.session().sparkContext().listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the listener bus did not drain", e);
    }
  }

  int started() {
    drain();
    return descriptions.size();
  }

  List<String> descriptionsSince(int from) {
    drain();
    synchronized (descriptions) {
      return new ArrayList<>(descriptions.subList(from, descriptions.size()));
    }
  }

  /** The stages submitted so far, as "description: N tasks" (a stage whose output exists is skipped, not submitted). */
  List<String> stagesSince(int from) {
    drain();
    synchronized (stages) {
      return new ArrayList<>(stages.subList(from, stages.size()));
    }
  }

  int stagesSubmitted() {
    drain();
    return stages.size();
  }
}
