package io.cxmonitor.jobs.ingest;

import io.cxmonitor.events.DeadLetter;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** The dead-letter topic's JSON, as SPEC section 2 defines it. */
public final class DeadLetterSerializer implements SerializationSchema<DeadLetter> {

    @Override
    public byte[] serialize(DeadLetter letter) {
        return letter.toJson();
    }
}
