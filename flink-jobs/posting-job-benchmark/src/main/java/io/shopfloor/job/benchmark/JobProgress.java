package io.shopfloor.job.benchmark;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How many records one operator of the running job has taken in so far, summed over its subtasks: a Flink metric
 * reporter (registered in {@code META-INF/services}, configured by {@link #configure}) that keeps the operator's
 * {@code numRecordsIn} counters, which the benchmark samples while the job runs. It lets the benchmark time the
 * job's steady state, apart from deployment and from the wait for the final checkpoint.
 */
public final class JobProgress implements MetricReporter {
    private static final String NAME = "benchmark-progress";
    /** The MiniCluster runs in this JVM: its reporter instances and the benchmark share these counters. */
    private static final List<Counter> COUNTERS = new CopyOnWriteArrayList<>();
    private static volatile String operatorName;

    /** Settings that make a MiniCluster report the input counters of the operator named {@code operator}. */
    static void configure(org.apache.flink.configuration.Configuration configuration, String operator) {
        operatorName = operator;
        COUNTERS.clear();
        configuration.setString("metrics.reporters", NAME);
        configuration.setString("metrics.reporter." + NAME + ".factory.class", Factory.class.getName());
    }

    /** Records taken in so far by every subtask of the operator (0 before it starts). */
    static long recordsIn() {
        long sum = 0;
        for (Counter counter : COUNTERS) {
            sum += counter.getCount();
        }
        return sum;
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public void close() {
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        if (metricName.equals("numRecordsIn") && metric instanceof Counter counter
                && group.getAllVariables().getOrDefault("<operator_name>", "").equals(operatorName)) {
            COUNTERS.add(counter);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        // Kept: a finished subtask's count still counts.
    }

    /** Found by Flink through {@code META-INF/services/org.apache.flink.metrics.reporter.MetricReporterFactory}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new JobProgress();
        }
    }
}
