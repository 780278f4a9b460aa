package io.shopfloor.posting.benchmark;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Main-Class of {@code posting-rules-benchmarks.jar}. Without arguments it runs
 * {@link PostingRulesBenchmark#postOutputLine} with the annotation defaults; with arguments it takes the usual JMH
 * command line ({@code -prof gc}, {@code -f 3}, a benchmark regex, {@code -h}, {@code -l}, ...), still limited to
 * {@code postOutputLine} unless a regex is given. Whenever {@code postOutputLine} ran in throughput mode it ends
 * with one line: {@code journal lines/s on one thread: <score> ± <error>} (JMH's 99.9 % confidence interval).
 */
public final class PostingRulesBenchmarkMain {
    static final String BENCHMARK = PostingRulesBenchmark.class.getName() + ".postOutputLine";

    private PostingRulesBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers()
                || cmd.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cmd);
        if (cmd.getIncludes().isEmpty()) {
            options.include("^" + Pattern.quote(BENCHMARK) + "$");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        // UTF-8 whatever the platform encoding, so that "±" survives a POSIX locale.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        for (RunResult run : results) {
            if (BENCHMARK.equals(run.getParams().getBenchmark()) && run.getParams().getMode() == Mode.Throughput) {
                out.println(summary(run.getPrimaryResult(), run.getParams().getThreads()));
            }
        }
    }

    static String summary(Result<?> result, int threads) {
        String unit = result.getScoreUnit();
        String what = "ops/s".equals(unit) ? "journal lines/s" : "journal lines (" + unit + ")";
        String where = threads == 1 ? "one thread" : threads + " threads";
        double error = result.getScoreError();
        return String.format(Locale.ROOT, "%s on %s: %,.0f ± %s", what, where, result.getScore(),
                Double.isNaN(error) ? "n/a" : String.format(Locale.ROOT, "%,.0f", error));
    }
}
