package io.cxmonitor.cli;

import io.cxmonitor.jobs.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code cxmon} command: the user's entry point to CX Monitor. */
@Command(
        name = "cxmon",
        mixinStandardHelpOptions = true,
        version = "CX Monitor 0.1.0",
        usageHelpWidth = 100,
        description = {
            "CX Monitor: real-time customer-experience signals. Flink jobs read web, app, review and "
                    + "support events from Kafka, compute sentiment, friction, journey and support signals in "
                    + "event time, and write them to InfluxDB for Grafana.",
            ""
        },
        subcommands = {
            DemoCommand.class,
            GenerateCommand.class,
            ReplayCommand.class,
            SentimentCommand.class,
            TopicsCommand.class,
            WhoisCommand.class,
            ForgetCommand.class,
            ClusterCommand.class,
            FlinkCommand.class,
            ConfigCommand.class,
            CheckDashboardsCommand.class,
            CommandLine.HelpCommand.class
        },
        commandListHeading = "%nCommands:%n",
        footer = {
            "  test      Install what the tests need (InfluxDB's influxd) and run the whole test suite",
            "            (mvn -B verify). Handled by the ./cxmon script itself: no build needed.",
            "  bench     Measure throughput, latency, state and alert quality against real services",
            "            (the benchmarks module; ./cxmon bench --help lists them).",
            "",
            "Quick start:  ./cxmon demo     then open the Flink UI and query InfluxDB (see README.md).",
            "Settings:     ./cxmon config   lists every key, its default and its environment variable."
        })
public final class Cxmon implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return new CommandLine(new Cxmon())
                .setExecutionExceptionHandler(Cxmon::report)
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Known problems print as one clear message (exit code 2 for a setting); anything else keeps
     * its stack trace. The benchmarks' launcher reports the same way.
     */
    public static int report(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof ConfigException) {
            cmd.getErr().println(e.getMessage());
            return 2;
        }
        if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
            cmd.getErr().println("cxmon: " + e.getMessage());
            return 1;
        }
        e.printStackTrace(cmd.getErr());
        return 1;
    }
}
