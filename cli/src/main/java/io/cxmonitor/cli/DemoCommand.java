package io.cxmonitor.cli;

import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.Incidents;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.InfluxJob;
import io.cxmonitor.jobs.NotifyJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.jobs.notify.Route;
import io.cxmonitor.localstack.InfluxServer;
import io.cxmonitor.localstack.KafkaBroker;
import io.cxmonitor.localstack.Ports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Everything on one machine, no Docker: a Kafka broker, influxd, a Flink local cluster with its
 * web UI, every job, and the generator; a live summary until Ctrl-C or {@code --duration}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Run everything locally: Kafka, InfluxDB, Flink with its UI, the jobs, the generator.",
            "An in-process Kafka broker (KRaft), InfluxDB (influxd), a Flink local cluster with its web "
                    + "UI, every job and the traffic generator. Prints where each service listens, then a "
                    + "summary every few seconds. Ctrl-C stops everything and leaves no process behind."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--influx-port", defaultValue = "8086", description = "InfluxDB HTTP port (default: ${DEFAULT-VALUE}).")
    int influxPort;

    @Option(names = "--flink-ui-port", defaultValue = "8081", description = "Flink web UI and REST port (default: ${DEFAULT-VALUE}).")
    int flinkUiPort;

    @Option(names = "--no-generator", description = "Start everything but the generator, to feed your own events.")
    boolean noGenerator;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop by itself after this long, e.g. 90s or 10min (default: run until Ctrl-C).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "200", description = "Generated events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--history", defaultValue = "45min", converter = DurationConverter.class,
            description = "Start the generator this far in the past: the history is sent at once, then "
                    + "traffic follows the clock, so journeys (a session closes after 30 min without events) "
                    + "and hourly figures show from the start (default: ${DEFAULT-VALUE}).")
    Duration history;

    @Option(names = "--late-share", defaultValue = "0.001", description = "Share of events sent minutes late, "
            + "beyond the allowed lateness, as some clients do (default: ${DEFAULT-VALUE}).")
    double lateShare;

    @Option(names = "--malformed-share", defaultValue = "0.001", description = "Share of extra records that are "
            + "malformed, for the dead-letter topic (default: ${DEFAULT-VALUE}).")
    double malformedShare;

    @Option(names = "--console", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Read incident commands typed on standard input (default: ${DEFAULT-VALUE}). "
                    + "--no-console leaves standard input alone, as a test runner needs.")
    boolean console;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--incident", paramLabel = "NAME@START/DURATION", description = "Schedule an incident, its "
            + "start counted from the generator's first event (--history ago), e.g. checkout_outage@40m/20m. Repeatable.")
    List<String> scheduledIncidents = List.of();

    @Option(names = "--parallelism", defaultValue = "1", description = "Parallelism of the jobs (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--summary-every", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often to print the summary (default: ${DEFAULT-VALUE}).")
    Duration summaryEvery;

    @Option(names = "--data-dir", description = "Where InfluxDB keeps its data between demos "
            + "(default: .cxmon/influxdb next to ./cxmon). Delete it to start over.")
    Path dataDir;

    @Mixin
    ConfigOptions configOptions;

    /**
     * What the demo changes of the product's defaults (anything set by the user wins): the alert
     * threshold that leaves out mild survey answers of customers who never bought, a quarter fewer
     * customer alerts than 0.5 on generated traffic (README, "What each threshold costs").
     */
    static final Map<String, String> DEFAULTS = Map.of(CxOptions.ALERT_THRESHOLD.key(), "0.6");

    private final PrintStream out = System.out;
    private final Incidents incidents = new Incidents();
    private volatile boolean stopRequested;

    @Override
    public Integer call() throws Exception {
        if (InfluxServer.findBinary().isEmpty()) {
            throw new IllegalStateException(InfluxServer.INSTALL_HINT);
        }
        Ports.requireFree(kafkaPort, "Kafka", "--kafka-port");
        Ports.requireFree(influxPort, "InfluxDB", "--influx-port");
        Ports.requireFree(flinkUiPort, "The Flink UI", "--flink-ui-port");
        CxConfig config = configOptions.load(LocalPseudonymSecret.withDefault(DEFAULTS), Map.of(
                CxOptions.KAFKA_BOOTSTRAP_SERVERS.key(), "127.0.0.1:" + kafkaPort,
                CxOptions.INFLUXDB_URL.key(), "http://127.0.0.1:" + influxPort));
        List<Route> routes = NotifyJob.routes(config, System.getenv());
        long generatorStart = System.currentTimeMillis() - history.toMillis();
        for (String incident : scheduledIncidents) {
            incidents.schedule(incident, generatorStart);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested = true;
            awaitQuietly(stopped);
        }, "cxmon-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Path work = Files.createTempDirectory("cxmon-demo-");
        out.println("Starting CX Monitor (logs: " + System.getProperty("cxmon.log.file",
                System.getProperty("java.io.tmpdir") + "/cxmon.log") + ")");
        Path influxData = dataDir != null ? dataDir
                : Path.of(System.getProperty("cxmon.state", work.toString()), "influxdb");
        String influxUrl = config.get(CxOptions.INFLUXDB_URL);
        FlinkMetricsReporter flinkMetrics = FlinkMetricsReporter.toInflux(influxUrl);
        try (DemoDesk desk = routes.isEmpty() ? DemoDesk.start(work, out) : null;
                InfluxServer influx = InfluxServer.launch(influxPort, influxData);
                KafkaBroker kafka = KafkaBroker.start(kafkaPort);
                LocalFlink flink = LocalFlink.start(flinkUiPort, 4 * parallelism, parallelism, work.resolve("checkpoints"),
                        flinkMetrics)) {
            String database = config.get(CxOptions.INFLUXDB_DATABASE);
            influx.createDatabase(database);
            influx.createDatabase(FlinkMetricsReporter.DATABASE);
            kafka.createTopics(2, KafkaTopics.all(config));
            List<String> jobs = new ArrayList<>(List.of(SignalsJob.NAME, AlertsJob.NAME, InfluxJob.NAME));
            flink.submit(SignalsJob.NAME, env -> SignalsJob.define(env, config));
            flink.submit(AlertsJob.NAME, env -> AlertsJob.define(env, config));
            flink.submit(InfluxJob.NAME, env -> InfluxJob.define(env, config));
            List<Route> delivery = desk != null ? desk.routes() : routes;
            flink.submit(NotifyJob.NAME, env -> NotifyJob.define(env, config, delivery));
            jobs.add(NotifyJob.NAME);

            out.println("Kafka bootstrap: " + kafka.bootstrapServers());
            out.println("InfluxDB: " + influx.url() + " (database " + database + ")");
            out.println("Flink UI: " + flink.uiUrl());
            out.println("Flink metrics: InfluxDB database " + FlinkMetricsReporter.DATABASE);
            out.println("Jobs: " + String.join(", ", jobs));
            out.printf("Alerts: topic %s (threshold %.2f); incidents: topic %s%n", config.get(CxOptions.TOPIC_ALERTS),
                    config.get(CxOptions.ALERT_THRESHOLD), config.get(CxOptions.TOPIC_INCIDENTS));
            out.println(desk != null
                    ? "Delivered to a local desk: on-call receives incidents (PagerDuty Events v2, printed here), "
                            + "operations the anomalies (the same, printed here), outreach receives customer alerts (a webhook, " + DemoDesk.OUTREACH_PER_MINUTE
                            + " a minute, the rest in digests). Set notify.routes to deliver elsewhere."
                    : "Delivered to " + routes.size() + " route(s) of " + config.get(CxOptions.NOTIFY_ROUTES));
            GeneratorRun generator = noGenerator ? null : generator(kafka.bootstrapServers(), config, generatorStart);
            Thread generatorThread = new Thread(generator == null ? () -> { } : generator, "cxmon-generator");
            generatorThread.start();
            if (generator == null) {
                out.println("Generator: off. Feed events with any Kafka client, e.g.");
                out.println("  kafka-console-producer.sh --bootstrap-server " + kafka.bootstrapServers()
                        + " --topic " + config.get(CxOptions.TOPIC_CLICKSTREAM));
            } else {
                out.printf("Generator: %.0f events/s (seed %d), from %d min ago.%s%n", rate, seed, history.toMinutes(),
                        console ? " " + IncidentConsole.HELP : "");
                if (console) {
                    IncidentConsole.start(System.in, incidents, out);
                }
            }
            out.println(duration == null ? "Press Ctrl-C to stop." : "Stopping after " + duration.toSeconds() + " s.");
            try (Admin admin = kafka.admin(); DemoSummary summary = new DemoSummary(admin, config, SignalsJob.NAME)) {
                report(flink, summary, desk);
                out.println("InfluxDB " + database + " holds " + summary.storedEventCounts());
            } finally {
                if (generator != null) {
                    generator.stop();
                }
                generatorThread.join(10_000);
            }
            out.println("Stopping: jobs, Kafka, InfluxDB...");
        } finally {
            deleteQuietly(work);
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us
            }
        }
        out.println("Stopped.");
        return 0;
    }

    /** Ends the demo as Ctrl-C would. */
    void stop() {
        stopRequested = true;
    }

    private void report(LocalFlink flink, DemoSummary summary, DemoDesk desk) throws Exception {
        long start = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        long nextSummary = start + summaryEvery.toNanos();
        while (!stopRequested && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
            if (System.nanoTime() >= nextSummary) {
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                out.printf("[%4ds] %s%s%s%n", seconds, summary.line(), desk == null ? "" : desk.line(), failedJobs(flink));
                nextSummary += summaryEvery.toNanos();
            }
        }
    }

    private static String failedJobs(LocalFlink flink) throws Exception {
        List<String> failed = new ArrayList<>();
        for (JobStatusMessage job : flink.jobStatuses()) {
            if (job.getJobState().isGloballyTerminalState()) {
                failed.add(job.getJobName() + " " + job.getJobState());
            }
        }
        return failed.isEmpty() ? "" : " | JOB STOPPED: " + String.join(", ", failed) + " (see the log)";
    }

    private GeneratorRun generator(String bootstrap, CxConfig config, long start) {
        TrafficSettings settings = new TrafficSettings().seed(seed).rate(rate);
        settings.incidents = incidents;
        settings.lateShare = lateShare;
        settings.malformedShare = malformedShare;
        return new GeneratorRun(new TrafficSimulator(settings, start), new KafkaPublisher(bootstrap, KafkaTopics.byStream(config)), null, true,
                start, null, 0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir; the OS cleans it eventually
        }
    }
}
