package io.cxmonitor.benchmarks;

import io.cxmonitor.cli.Cxmon;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./cxmon bench}: benchmarks with real services, kept out of the product's launcher; each
 * prints its figures and the command that reproduces them.
 */
@Command(name = "cxmon bench", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Measure throughput, latency, state and alert quality against real services on this machine.",
        subcommands = {PipelineBenchmark.class, ClusterBenchmark.class, ProfileSummary.class, AlertsBenchmark.class, IncidentsBenchmark.class, ThresholdsBenchmark.class, StateBenchmark.class, SinkBenchmark.class, GeneratorBenchmark.class, SentimentBenchmark.class, SerializerBenchmark.class, AnomaliesBenchmark.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).setExecutionExceptionHandler(Cxmon::report).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
