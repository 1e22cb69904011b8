package io.cxmonitor.benchmarks;

import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the JMH benchmark of the event serializers: events across a task boundary per second. */
@Command(name = "serializer", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Events written and read back per second on one thread, by Flink's POJO serializer and by "
                + "the jobs' own (JMH).")
final class SerializerBenchmark implements Callable<Integer> {

    @Option(names = "--iterations", defaultValue = "5", description = "Measurement iterations of 2 s (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    public Integer call() throws Exception {
        for (RunResult result : Jmh.run(EventSerialization.class, iterations)) {
            String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            System.out.printf("%s: %,.0f events/s written and read back on one thread (± %,.0f, 99.9%% CI)%n",
                    method.equals("handWritten") ? "CxEventSerializer" : "Flink's POJO serializer",
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError());
        }
        return 0;
    }
}
