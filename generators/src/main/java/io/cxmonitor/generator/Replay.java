package io.cxmonitor.generator;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.EventReader;
import io.cxmonitor.events.InvalidEventException;
import io.cxmonitor.events.Stream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * Sends JSONL files back into Kafka, each line as it is (malformed lines too), to the topic of
 * the stream the file is named after ({@code clickstream.jsonl} → the clickstream topic). Files
 * are merged in event-time order; records are sent at their original pacing or as fast as
 * possible.
 */
public final class Replay {

    private final KafkaPublisher publisher;
    private final boolean paced;
    private final EventReader reader = new EventReader(
            new EventLimits(Integer.MAX_VALUE, Duration.ofDays(365_000), Integer.MAX_VALUE), Clock.systemUTC());

    public Replay(KafkaPublisher publisher, boolean paced) {
        this.publisher = publisher;
        this.paced = paced;
    }

    /** The stream of a file, from its name: {@code app.jsonl}, {@code 2026-11-23-reviews.jsonl}... */
    public static Stream streamOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (Stream s : Stream.values()) {
            if (name.contains(s.id())) {
                return s;
            }
        }
        throw new IllegalArgumentException("cannot tell the stream of " + file
                + ": name the file after its stream, e.g. clickstream.jsonl, app.jsonl, reviews.jsonl, support.jsonl");
    }

    /** Sends every line of the files; returns how many records were sent. */
    public long replay(List<Path> files) throws InterruptedException {
        PriorityQueue<Cursor> cursors = new PriorityQueue<>(Comparator.comparingLong((Cursor c) -> c.ts)
                .thenComparingInt(c -> c.order));
        List<Cursor> all = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                Cursor c = new Cursor(files.get(i), streamOf(files.get(i)), i);
                all.add(c);
                if (c.advance()) {
                    cursors.add(c);
                }
            }
            long sent = 0;
            long firstTs = Long.MIN_VALUE;
            long startedAt = System.currentTimeMillis();
            while (!cursors.isEmpty()) {
                Cursor c = cursors.poll();
                if (paced && c.ts != Long.MIN_VALUE) {
                    if (firstTs == Long.MIN_VALUE) {
                        firstTs = c.ts;
                    }
                    long wait = startedAt + (c.ts - firstTs) - System.currentTimeMillis();
                    if (wait > 0) {
                        publisher.flush();
                        Thread.sleep(wait);
                    }
                }
                publisher.send(c.stream, c.key, c.ts == Long.MIN_VALUE ? System.currentTimeMillis() : c.ts, c.line);
                sent++;
                if (c.advance()) {
                    cursors.add(c);
                }
            }
            publisher.flush();
            return sent;
        } finally {
            for (Cursor c : all) {
                c.close();
            }
        }
    }

    /** The next line of one file, with its event time and key when it parses. */
    private final class Cursor {
        final BufferedReader in;
        final Stream stream;
        final int order;
        byte[] line;
        long ts;
        String key;
        long lastTs = Long.MIN_VALUE;

        Cursor(Path file, Stream stream, int order) {
            try {
                this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            this.stream = stream;
            this.order = order;
        }

        boolean advance() {
            try {
                String text = in.readLine();
                while (text != null && text.isBlank()) {
                    text = in.readLine();
                }
                if (text == null) {
                    return false;
                }
                line = text.getBytes(StandardCharsets.UTF_8);
                try {
                    CxEvent e = reader.read(stream, line);
                    ts = e.ts;
                    key = e.subjectId();
                    lastTs = ts;
                } catch (InvalidEventException malformed) {
                    ts = lastTs; // keeps its place among its neighbours
                    key = null;
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // reading is over
            }
        }
    }
}
