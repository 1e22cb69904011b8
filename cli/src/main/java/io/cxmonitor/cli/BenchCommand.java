package io.cxmonitor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Benchmarks with real services; each prints its figures and the command that reproduces them. */
@Command(name = "bench", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Measure throughput against real services on this machine.",
        subcommands = {PipelineBenchmark.class, AlertsBenchmark.class, StateBenchmark.class, SinkBenchmark.class, GeneratorBenchmark.class, SentimentBenchmark.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
