package io.cxmonitor.generator;

import io.cxmonitor.events.CxEvent;

/** Where generated events go: Kafka or a JSONL file. */
public interface EventPublisher extends AutoCloseable {

    void publish(CxEvent event);

    /** Blocks until everything published so far is stored. */
    void flush();

    @Override
    void close();
}
