package io.cxmonitor.jobs.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;

/**
 * The writer of {@link InfluxSink}. Everything runs on the task's own thread (the timer callback
 * too, through the mailbox), so writes are synchronous and an error fails the task instead of
 * vanishing in a background thread. A full buffer is written before the next point is accepted,
 * which slows the job down rather than letting the buffer grow.
 */
final class InfluxSinkWriter implements SinkWriter<InfluxPoint> {

    private final InfluxSettings settings;
    private final ProcessingTimeService timers;
    private final InfluxDB client;
    private final List<String> buffer;
    private final Counter pointsWritten;
    private final Counter batchesWritten;
    private long oldestBufferedAt = -1;

    InfluxSinkWriter(InfluxSettings settings, ProcessingTimeService timers, SinkWriterMetricGroup metrics) {
        this.settings = settings;
        this.timers = timers;
        this.buffer = new ArrayList<>(settings.batchSize);
        this.client = settings.connect();
        settings.ensureDatabase(client);
        this.pointsWritten = metrics.getNumRecordsSendCounter();
        this.batchesWritten = metrics.counter("influxBatchesWritten");
        metrics.gauge("influxBufferedPoints", buffer::size);
    }

    @Override
    public void write(InfluxPoint point, Context context) throws IOException {
        if (buffer.isEmpty()) {
            oldestBufferedAt = timers.getCurrentProcessingTime();
            long due = oldestBufferedAt + settings.flushInterval.toMillis();
            timers.registerTimer(due, this::onTimer);
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

    /** Called before every checkpoint barrier and at end of input: nothing may stay buffered. */
    @Override
    public void flush(boolean endOfInput) throws IOException {
        writeBuffer();
    }

    private void writeBuffer() throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        try {
            client.write(settings.database, settings.retentionPolicy, InfluxDB.ConsistencyLevel.ONE,
                    TimeUnit.MILLISECONDS, buffer);
        } catch (InfluxDBException e) {
            throw new IOException("writing " + buffer.size() + " points to " + settings + " failed: "
                    + e.getMessage(), e);
        }
        pointsWritten.inc(buffer.size());
        batchesWritten.inc();
        buffer.clear();
        oldestBufferedAt = -1;
    }

    @Override
    public void close() {
        // Points still buffered here belong to no completed checkpoint; the replay rewrites them.
        client.close();
    }
}
