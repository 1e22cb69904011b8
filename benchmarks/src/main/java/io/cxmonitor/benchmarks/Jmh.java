package io.cxmonitor.benchmarks;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** How the JMH benchmarks run: one fork, one thread, 3 warm-up and N measured iterations of 2 s. */
final class Jmh {

    private Jmh() {}

    static Collection<RunResult> run(Class<?> benchmark, int iterations) throws RunnerException {
        return new Runner(new OptionsBuilder()
                .include(benchmark.getName())
                .forks(1)
                .threads(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx1g")
                .build()).run();
    }
}
