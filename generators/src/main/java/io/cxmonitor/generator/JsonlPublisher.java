package io.cxmonitor.generator;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes events as JSON lines, one event per line, in the SPEC section 2 format. */
public final class JsonlPublisher implements EventPublisher {

    private final OutputStream out;
    private final EventWriter writer = new EventWriter();

    public JsonlPublisher(Path file) {
        try {
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void publish(CxEvent event) {
        try {
            out.write(writer.write(event));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
