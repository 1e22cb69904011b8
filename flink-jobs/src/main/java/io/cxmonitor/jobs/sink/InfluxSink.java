package io.cxmonitor.jobs.sink;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes {@link InfluxPoint}s to InfluxDB through its v1 HTTP API, at least once: points are
 * batched by count and time, and every checkpoint first writes out everything buffered, so a
 * checkpoint never completes while a point it covers is unwritten. Timestamps are deterministic,
 * so the points replayed after a restart overwrite themselves instead of duplicating.
 */
public final class InfluxSink implements Sink<InfluxPoint> {

    private final InfluxSettings settings;

    public InfluxSink(InfluxSettings settings) {
        this.settings = settings;
    }

    @Override
    public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) throws IOException {
        return new InfluxSinkWriter(settings, context.getProcessingTimeService(), context.metricGroup());
    }
}
