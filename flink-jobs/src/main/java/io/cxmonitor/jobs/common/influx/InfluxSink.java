package io.cxmonitor.jobs.common.influx;

import java.io.IOException;
import java.util.EnumSet;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes {@link InfluxPoint}s to InfluxDB through its v1 HTTP API, at least once.
 *
 * <ul>
 *   <li>Points are batched by count ({@code influxdb.batch-size}) and time
 *       ({@code influxdb.flush-interval}); every checkpoint first writes out everything buffered,
 *       so a checkpoint never completes while a point it covers is unwritten.
 *   <li>I/O errors, 429 and 5xx are retried with backoff, jitter and {@code Retry-After} for up to
 *       {@code influxdb.retry.timeout}, while the job backpressures; then the task fails and Flink
 *       restarts it from the last checkpoint. Points InfluxDB refuses one by one (400: beyond
 *       retention, field-type conflicts, parse errors) are dropped and counted, never fatal.
 *       Bad credentials and a missing database fail the task at once, with InfluxDB's message.
 *   <li>Timestamps are deterministic, so the points replayed after a restart overwrite themselves
 *       instead of duplicating.
 * </ul>
 */
public final class InfluxSink implements Sink<InfluxPoint> {

    /** Points InfluxDB refused one by one, per reason, per minute of the wall clock. */
    public static final Measurement DROPPED = Measurement.define("cx_influx_dropped", EnumSet.of(Tag.REASON), "count");

    private final InfluxSettings settings;

    public InfluxSink(InfluxSettings settings) {
        this.settings = settings;
    }

    @Override
    public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) throws IOException {
        return new InfluxSinkWriter(settings, context.getProcessingTimeService(), context.metricGroup());
    }
}
