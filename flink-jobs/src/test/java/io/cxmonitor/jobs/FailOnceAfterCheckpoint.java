package io.cxmonitor.jobs;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/** Passes records on, but throws once, at the first record after a checkpoint completed. */
public final class FailOnceAfterCheckpoint<T> extends RichMapFunction<T, T> implements CheckpointListener {

    public static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    public static final AtomicBoolean FAILED = new AtomicBoolean();

    public static void reset() {
        CHECKPOINTED.set(false);
        FAILED.set(false);
    }

    @Override
    public T map(T value) {
        if (CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("failure injected after a checkpoint");
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        CHECKPOINTED.set(true);
    }
}
