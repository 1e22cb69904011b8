package io.cxmonitor.generator;

/** Where generated records go: Kafka or JSONL files. */
public interface EventPublisher extends AutoCloseable {

    void publish(Generated record);

    /** Blocks until everything published so far is stored. */
    void flush();

    @Override
    void close();
}
