package io.cxmonitor.jobs;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes records on, but throws once, at a record some way after a checkpoint completed: by then
 * some results of the records since the checkpoint have left the job, and will be sent again.
 */
public final class FailOnceAfterCheckpoint<T> extends RichMapFunction<T, T> implements CheckpointListener {

    private final int recordsAfterCheckpoint;
    private int seenAfterCheckpoint;

    public FailOnceAfterCheckpoint() {
        this(1);
    }

    public FailOnceAfterCheckpoint(int recordsAfterCheckpoint) {
        this.recordsAfterCheckpoint = recordsAfterCheckpoint;
    }

    public static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    public static final AtomicBoolean FAILED = new AtomicBoolean();

    public static void reset() {
        CHECKPOINTED.set(false);
        FAILED.set(false);
    }

    @Override
    public T map(T value) {
        if (CHECKPOINTED.get() && ++seenAfterCheckpoint >= recordsAfterCheckpoint && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("failure injected after a checkpoint");
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        CHECKPOINTED.set(true);
    }
}
