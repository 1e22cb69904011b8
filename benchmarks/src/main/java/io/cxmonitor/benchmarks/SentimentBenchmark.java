package io.cxmonitor.benchmarks;

import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the JMH sentiment benchmark: texts per second on one thread. */
@Command(name = "sentiment", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Texts scored per second by the sentiment analyzer, and with their topics, on one thread (JMH).")
final class SentimentBenchmark implements Callable<Integer> {

    @Option(names = "--iterations", defaultValue = "5", description = "Measurement iterations of 2 s (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    public Integer call() throws Exception {
        for (RunResult result : Jmh.run(SentimentThroughput.class, iterations)) {
            String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            System.out.printf("%s: %,.0f texts/s on one thread (± %,.0f, 99.9%% CI)%n",
                    method.equals("topics") ? "Sentiment and topics" : "Sentiment",
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError());
        }
        return 0;
    }
}
