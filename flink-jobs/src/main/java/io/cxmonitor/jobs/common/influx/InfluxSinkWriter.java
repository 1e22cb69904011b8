package io.cxmonitor.jobs.common.influx;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of {@link InfluxSink}. Everything runs on the task's own thread (the flush timer
 * too, through the mailbox), so writes are synchronous and an error fails the task instead of
 * vanishing in a background thread. The buffer holds at most one batch: while a batch is being
 * written or retried, the task accepts nothing else, which backpressures the job rather than
 * letting the buffer grow or dropping points.
 *
 * <p>Points InfluxDB refuses one by one are counted per reason (metric {@code influxDroppedPoints},
 * and the measurement {@code cx_influx_dropped} per minute of the wall clock: they describe this
 * writer's own work, not an event) and logged at most once a minute per reason.
 */
final class InfluxSinkWriter implements SinkWriter<InfluxPoint> {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxSinkWriter.class);

    private final InfluxSettings settings;
    private final ProcessingTimeService timers;
    private final InfluxWriter writer;
    private final List<String> buffer;
    private final Metrics metrics;
    private final SeriesLimit seriesLimit;
    private long oldestBufferedAt = -1;

    InfluxSinkWriter(InfluxSettings settings, ProcessingTimeService timers, SinkWriterMetricGroup metrics)
            throws IOException {
        this.settings = settings;
        this.timers = timers;
        this.buffer = new ArrayList<>(settings.batchSize);
        this.metrics = new Metrics(metrics, buffer);
        this.writer = new InfluxWriter(settings, this.metrics);
        this.seriesLimit = new SeriesLimit(settings.maxSeriesPerMeasurement);
        writer.ensureDatabase();
    }

    @Override
    public void write(InfluxPoint point, Context context) throws IOException {
        if (!seriesLimit.admits(point)) {
            metrics.overSeriesLimit(point, settings.maxSeriesPerMeasurement);
            return;
        }
        if (buffer.isEmpty()) {
            oldestBufferedAt = timers.getCurrentProcessingTime();
            timers.registerTimer(oldestBufferedAt + settings.flushInterval.toMillis(), this::onTimer);
        }
        buffer.add(point.line);
        if (buffer.size() >= settings.batchSize) {
            writeBuffer();
        }
    }

    private void onTimer(long time) throws IOException {
        if (!buffer.isEmpty() && time - oldestBufferedAt >= settings.flushInterval.toMillis()) {
            writeBuffer();
        }
    }

    /**
     * Called before every checkpoint barrier and at end of input: nothing may stay buffered, and
     * if the write fails for good the checkpoint fails with it.
     */
    @Override
    public void flush(boolean endOfInput) throws IOException {
        writeBuffer();
    }

    private void writeBuffer() throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        buffer.addAll(metrics.dropCounts(timers.getCurrentProcessingTime()));
        writer.write(buffer);
        buffer.clear();
        oldestBufferedAt = -1;
    }

    @Override
    public void close() {
        // Points still buffered here belong to no completed checkpoint; the replay rewrites them.
        writer.close();
    }

    /** Flink metrics of the sink; failures are also logged, as they mean InfluxDB is struggling. */
    private static final class Metrics implements InfluxWriter.Listener {
        private static final long LOG_EVERY_MILLIS = 60_000;

        private final Counter points;
        private final Counter batches;
        private final Counter retries;
        private final Counter failures;
        private final Histogram latencyMillis;
        private final Map<InfluxWriter.DropReason, Counter> dropped = new EnumMap<>(InfluxWriter.DropReason.class);
        private final Map<InfluxWriter.DropReason, Long> loggedAt = new EnumMap<>(InfluxWriter.DropReason.class);
        /** Points dropped in the current minute, per reason: written as cx_influx_dropped. */
        private final Map<InfluxWriter.DropReason, Long> droppedThisMinute = new EnumMap<>(InfluxWriter.DropReason.class);
        private long minute = -1;
        private boolean droppedSinceLastWrite;

        Metrics(SinkWriterMetricGroup group, List<String> buffer) {
            points = group.getNumRecordsSendCounter();
            batches = group.counter("influxBatchesWritten");
            retries = group.counter("influxRetries");
            failures = group.counter("influxFailedWrites");
            latencyMillis = group.histogram("influxWriteLatencyMs", new DescriptiveStatisticsHistogram(500));
            group.gauge("influxBufferedPoints", buffer::size);
            for (InfluxWriter.DropReason reason : InfluxWriter.DropReason.values()) {
                dropped.put(reason, group.addGroup("reason", reason.id()).counter("influxDroppedPoints"));
            }
        }

        @Override
        public void dropped(InfluxWriter.DropReason reason, int count, String error) {
            if (count(reason, count)) {
                LOG.warn("InfluxDB refused {} point(s) ({}): {}; the rest of the batch is stored. Further ones "
                        + "are counted in influxDroppedPoints and cx_influx_dropped, logged at most once a minute.",
                        count, reason.id(), error.length() <= 200 ? error : error.substring(0, 200) + "...");
            }
        }

        void overSeriesLimit(InfluxPoint point, int max) {
            if (count(InfluxWriter.DropReason.SERIES_LIMIT, 1)) {
                LOG.warn("{} has {} series already (influxdb.max-series-per-measurement): points of new series, "
                        + "such as {}, are not written. They are counted in influxDroppedPoints and "
                        + "cx_influx_dropped (series_limit), logged at most once a minute.",
                        point.measurement, max, point.seriesKey());
            }
        }

        /** Counts dropped points; whether to log them (at most once a minute per reason). */
        private boolean count(InfluxWriter.DropReason reason, int count) {
            dropped.get(reason).inc(count);
            long now = System.currentTimeMillis();
            long minuteNow = now - now % 60_000;
            if (minuteNow != minute) {
                droppedThisMinute.clear();
                minute = minuteNow;
            }
            droppedThisMinute.merge(reason, (long) count, Long::sum);
            droppedSinceLastWrite = true;
            Long last = loggedAt.get(reason);
            if (last != null && now - last < LOG_EVERY_MILLIS) {
                return false;
            }
            loggedAt.put(reason, now);
            return true;
        }

        /** The running drop counts of this minute, as points, once after each batch that dropped some. */
        List<String> dropCounts(long now) {
            if (!droppedSinceLastWrite) {
                return List.of();
            }
            droppedSinceLastWrite = false;
            List<String> lines = new ArrayList<>();
            droppedThisMinute.forEach((reason, count) -> lines.add(InfluxSink.DROPPED.point(minute)
                    .tag(Tag.REASON, reason.id()).field("count", count).build().line));
            return lines;
        }

        @Override
        public void written(int count, long nanos) {
            points.inc(count);
            batches.inc();
            latencyMillis.update(TimeUnit.NANOSECONDS.toMillis(nanos));
        }

        @Override
        public void failed(int status, String error, Duration retryIn) {
            failures.inc();
            if (retryIn != null) {
                retries.inc();
                LOG.warn("InfluxDB write failed ({}); retrying in {} ms", error, retryIn.toMillis());
            }
        }
    }
}
