package io.cxmonitor.cli;

import io.cxmonitor.cli.grafana.DashboardCheck;
import io.cxmonitor.cli.grafana.GrafanaProvisioning;
import io.cxmonitor.localstack.Ports;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs every query of the provisioned Grafana dashboards and alert rules against a real InfluxDB,
 * the way Grafana would, and fails when one reads something the jobs do not write or returns
 * nothing. By default it fills a fresh InfluxDB first, with the demo's pipeline on generated
 * traffic.
 */
@Command(name = "check-dashboards", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Run every Grafana panel and alert-rule query against a real InfluxDB.",
            "Substitutes $timeFilter, $__interval and the template variables (set to All) as Grafana "
                    + "does, and checks that each datasource is provisioned, each measurement, field and tag "
                    + "is one the jobs write, and each query returns data. Without --influx-url, runs the "
                    + "demo's pipeline (Kafka, influxd, Flink, every job, the generator with an hour of "
                    + "history, a checkout outage and late parcels, and the demo's notification routes) on free "
                    + "ports until every query has data, or --timeout."
        })
final class CheckDashboardsCommand implements Callable<Integer> {

    @Option(names = "--grafana-dir", description = "The grafana/ directory (default: the one next to ./cxmon).")
    Path grafanaDir;

    @Option(names = "--influx-url", description = "Check this InfluxDB as it is, instead of filling a fresh one. "
            + "Credentials from CX_INFLUXDB_USERNAME and CX_INFLUXDB_PASSWORD.")
    String influxUrl;

    @Option(names = "--database", defaultValue = "cx",
            description = "The database the jobs write to (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--range", defaultValue = "1h", converter = DurationConverter.class,
            description = "The dashboards' time range, what $timeFilter covers (default: ${DEFAULT-VALUE}).")
    Duration range;

    @Option(names = "--timeout", defaultValue = "5min", converter = DurationConverter.class,
            description = "How long the pipeline may run before every query must have data (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--rate", defaultValue = "400", description = "Generated events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    private final PrintStream out = System.out;
    /** What the last run found, one finding per query. */
    List<DashboardCheck.Finding> findings = List.of();

    @Override
    public Integer call() throws Exception {
        Path dir = grafanaDir != null ? grafanaDir : Path.of(System.getProperty("cxmon.root", "."), "grafana");
        GrafanaProvisioning grafana = GrafanaProvisioning.load(dir);
        DashboardCheck check = new DashboardCheck(grafana, database, range);
        out.printf("%d queries in %d dashboards and the alert rules of %s%n", grafana.queries().size(),
                grafana.dashboards().size(), dir);
        findings = influxUrl != null ? checkOnce(check, influxUrl) : checkPipeline(check);
        int failed = 0;
        for (DashboardCheck.Finding f : findings) {
            if (f.ok()) {
                out.printf("ok    %s (%d values)%n", f.query().where(), f.values());
            } else {
                out.printf("FAIL  %s: %s%n", f.query().where(), f.problem());
                failed++;
            }
        }
        out.println(failed == 0 ? "All " + findings.size() + " queries return data."
                : failed + " of " + findings.size() + " queries failed.");
        return failed == 0 && !findings.isEmpty() ? 0 : 1;
    }

    private List<DashboardCheck.Finding> checkOnce(DashboardCheck check, String url) {
        try (InfluxDB influx = connect(url)) {
            try {
                influx.ping();
            } catch (RuntimeException e) {
                throw new IllegalStateException("InfluxDB at " + url + " does not answer (" + e.getMessage()
                        + "). Fix: start it, or give its address with --influx-url.", e);
            }
            return check.run(influx);
        }
    }

    /** Fills a fresh InfluxDB with the demo's pipeline and checks until every query has data. */
    private List<DashboardCheck.Finding> checkPipeline(DashboardCheck check) throws Exception {
        Path work = Files.createTempDirectory("cxmon-check-");
        int influxPort = Ports.free();
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--kafka-port", "" + Ports.free(), "--influx-port", "" + influxPort,
                "--flink-ui-port", "" + Ports.free(), "--data-dir", work.resolve("influxdb").toString(),
                "--rate", "" + rate, "--summary-every", "30s", "--no-console", "--set", "influxdb.database=" + database,
                // an hour of history: 40 minutes for the anomaly baselines and the emerging terms'
                // usual shares to warm up, then a checkout outage (an open incident and an anomaly)
                // and late parcels (emerging terms) that began 20 minutes ago and go on
                "--history", "60min", "--incident", "checkout_outage@40m/30m", "--incident", "delivery_delays@40m/30m");
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return demo.call();
            } catch (Exception e) {
                throw new IllegalStateException("the pipeline run failed: " + e.getMessage(), e);
            }
        });
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<DashboardCheck.Finding> latest = List.of();
        try (InfluxDB influx = connect("http://127.0.0.1:" + influxPort)) {
            boolean allReturnData = false;
            while (!allReturnData && !run.isDone() && System.nanoTime() < deadline) {
                TimeUnit.SECONDS.sleep(10);
                if (!Ports.isFree(influxPort) && influx.ping().isGood()) {
                    latest = check.run(influx);
                    long ok = latest.stream().filter(DashboardCheck.Finding::ok).count();
                    List<String> waiting = latest.stream().filter(f -> !f.ok()).map(f -> f.query().where()).toList();
                    out.printf("[%4ds] %d of %d queries return data%s%n",
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), ok, latest.size(),
                            waiting.size() <= 3 && !waiting.isEmpty() ? "; waiting for " + String.join(", ", waiting) : "");
                    allReturnData = ok == latest.size();
                }
            }
        } finally {
            demo.stop();
            try {
                run.get(2, TimeUnit.MINUTES); // rethrows what stopped the pipeline early
            } finally {
                DemoCommand.deleteQuietly(work);
            }
        }
        return latest;
    }

    private static InfluxDB connect(String url) {
        String user = System.getenv("CX_INFLUXDB_USERNAME");
        return user == null || user.isEmpty() ? InfluxDBFactory.connect(url)
                : InfluxDBFactory.connect(url, user, System.getenv().getOrDefault("CX_INFLUXDB_PASSWORD", ""));
    }
}
