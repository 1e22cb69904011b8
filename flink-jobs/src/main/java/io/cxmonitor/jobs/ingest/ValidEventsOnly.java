package io.cxmonitor.jobs.ingest;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Lets only valid events drive the watermark. A dead letter's time is whatever its producer wrote,
 * possibly far in the future, and must neither advance event time nor keep a partition from being
 * marked idle.
 */
final class ValidEventsOnly implements WatermarkGenerator<ParsedRecord> {

    private final WatermarkGenerator<ParsedRecord> delegate;

    ValidEventsOnly(WatermarkGenerator<ParsedRecord> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onEvent(ParsedRecord record, long timestamp, WatermarkOutput output) {
        if (record.hasEvent()) {
            delegate.onEvent(record, timestamp, output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        delegate.onPeriodicEmit(output);
    }
}
