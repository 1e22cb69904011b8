package io.cxmonitor.benchmarks;

import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.InfluxSettings;
import io.cxmonitor.jobs.common.influx.InfluxSink;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.RetryPolicy;
import io.cxmonitor.jobs.common.influx.Tag;
import io.cxmonitor.localstack.InfluxServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sustained points per second through {@link InfluxSink} into a local influxd: a Flink job writes
 * generated points as fast as the sink lets it, while influxd's own counter of accepted points is
 * sampled every second.
 */
@Command(name = "sink", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Points per second through the InfluxDB sink into a local influxd.")
final class SinkBenchmark implements Callable<Integer> {

    private static final Measurement POINTS = Measurement.define("cx_bench", EnumSet.of(Tag.SOURCE), "value");
    private static final long BASE = 1_763_888_400_000L;

    @Option(names = "--points", defaultValue = "3000000", description = "Points to write (default: ${DEFAULT-VALUE}).")
    long points;

    @Option(names = "--batch-size", defaultValue = "5000", description = "Points per request (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--parallelism", defaultValue = "2", description = "Sink writers (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--gzip", description = "Compress requests.")
    boolean gzip;

    @Override
    public Integer call() throws Exception {
        try (InfluxServer influx = InfluxServer.launch();
                InfluxDB stats = InfluxDBFactory.connect(influx.url())) {
            InfluxSettings settings = new InfluxSettings(influx.url(), "bench", "", Duration.ofDays(400), "", "", true, gzip, batchSize,
                    Duration.ofSeconds(1), new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10),
                    Duration.ofMinutes(2)), 2000);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(parallelism);
            env.fromSource(new DataGeneratorSource<>(SinkBenchmark::point, points, RateLimiterStrategy.noOp(),
                            Types.POJO(InfluxPoint.class)), WatermarkStrategy.noWatermarks(), "points")
                    .sinkTo(new InfluxSink(settings)).name("InfluxDB");

            System.out.printf("Writing %,d points (batch %d, %d writers%s) into influxd %s%n",
                    points, batchSize, parallelism, gzip ? ", gzip" : "", influx.url());
            long start = System.nanoTime();
            CompletableFuture<?> job = CompletableFuture.runAsync(() -> {
                try {
                    env.execute("sink benchmark");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Double> perSecond = new ArrayList<>();
            long previous = accepted(stats);
            while (!job.isDone()) {
                Thread.sleep(1000);
                long now = accepted(stats);
                perSecond.add((double) (now - previous));
                previous = now;
            }
            job.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            stats.setDatabase("bench");
            QueryResult count = stats.query(new Query("SELECT count(\"value\") FROM cx_bench", "bench"));
            long stored = ((Number) count.getResults().get(0).getSeries().get(0).getValues().get(0).get(1)).longValue();

            // the busy seconds: without the start-up and the last partial second
            List<Double> busy = new ArrayList<>(perSecond.subList(0, Math.max(0, perSecond.size() - 1)));
            busy.removeIf(v -> v == 0);
            Collections.sort(busy);
            double median = busy.isEmpty() ? 0 : busy.get(busy.size() / 2);
            System.out.printf("Stored %,d of %,d points in %.1f s including job start-up: %,.0f points/s overall, "
                    + "%,.0f points/s sustained (median of %d one-second samples)%n",
                    stored, points, seconds, points / seconds, median, busy.size());
            return stored == points ? 0 : 1;
        }
    }

    private static InfluxPoint point(long i) {
        return POINTS.point(BASE + i).tag(Tag.SOURCE, "s" + (i % 100)).field("value", i).build();
    }

    private static long accepted(InfluxDB influx) {
        QueryResult.Series httpd = influx.query(new Query("SHOW STATS FOR 'httpd'")).getResults().get(0)
                .getSeries().get(0);
        return ((Number) httpd.getValues().get(0).get(httpd.getColumns().indexOf("pointsWrittenOK"))).longValue();
    }
}
