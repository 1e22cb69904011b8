package io.cxmonitor.generator;

import io.cxmonitor.events.EventWriter;
import io.cxmonitor.events.Stream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes one JSONL file per stream ({@code clickstream.jsonl}, {@code app.jsonl},
 * {@code reviews.jsonl}, {@code support.jsonl}), one record per line exactly as it would be sent
 * to Kafka, in sending order. {@code ./cxmon replay} sends them back.
 */
public final class JsonlPublisher implements EventPublisher {

    private final Map<Stream, OutputStream> files = new EnumMap<>(Stream.class);
    private final EventWriter writer = new EventWriter();

    public JsonlPublisher(Path directory) {
        try {
            Files.createDirectories(directory);
            for (Stream s : Stream.values()) {
                files.put(s, new BufferedOutputStream(Files.newOutputStream(fileOf(directory, s)), 1 << 16));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSONL files in " + directory, e);
        }
    }

    /** The file of a stream's records in a directory. */
    public static Path fileOf(Path directory, Stream stream) {
        return directory.resolve(stream.id() + ".jsonl");
    }

    @Override
    public void publish(Generated record) {
        try {
            OutputStream out = files.get(record.stream);
            out.write(record.malformed != null ? record.malformed : writer.write(record.event));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            for (OutputStream out : files.values()) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            for (OutputStream out : files.values()) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
