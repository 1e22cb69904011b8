package io.cxmonitor.jobs.common.windows;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts elements per small integer key and minute of event time before they cross the network,
 * chained to the operator that makes them: instead of one record per element, one
 * {@link Count} per key and minute each time event time moves (a few times a second). The window
 * after the shuffle sums them, with the same windows, lateness and points as if it had counted
 * each element.
 *
 * <p>Nothing is kept across a checkpoint: the counts so far go out before every watermark, before
 * every checkpoint barrier and at the end of the input.
 */
public final class MinuteCounts<T> extends AbstractStreamOperator<MinuteCounts.Count>
        implements OneInputStreamOperator<T, MinuteCounts.Count> {

    private static final long MINUTE = MinuteWindows.MINUTE.toMillis();

    /** The key of an element. */
    public interface KeyOf<T> extends Serializable {
        int key(T element);
    }

    /** How many elements of a key fell in the minute of the record's timestamp, as far as one subtask saw. */
    public static class Count {
        public int key;
        public long count;

        public Count() {}

        Count(int key, long count) {
            this.key = key;
            this.count = count;
        }

        /** Sums counts in a window. */
        public static Accumulate<Count, Long> sum() {
            return Accumulate.of(Long.class, () -> 0L, (sum, c) -> sum + c.count, Long::sum);
        }
    }

    private final KeyOf<T> keyOf;
    /** Counts by minute, then by key. */
    private transient Map<Long, Map<Integer, long[]>> counts;
    private transient StreamRecord<Count> reuse;

    public MinuteCounts(KeyOf<T> keyOf) {
        this.keyOf = keyOf;
    }

    @Override
    public void open() throws Exception {
        super.open();
        counts = new HashMap<>();
        reuse = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        long minute = element.getTimestamp() - Math.floorMod(element.getTimestamp(), MINUTE);
        counts.computeIfAbsent(minute, m -> new HashMap<>())
                .computeIfAbsent(keyOf.key(element.getValue()), k -> new long[1])[0]++;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    private void flush() {
        counts.forEach((minute, byKey) -> byKey.forEach(
                (key, count) -> output.collect(reuse.replace(new Count(key, count[0]), minute))));
        counts.clear();
    }
}
