package io.cxmonitor.domain.friction;

/** Friction of one window and place: how often each signal occurred. A Flink POJO accumulator. */
public class FrictionCounts {

    /** Indexed by {@link FrictionSignal#ordinal()}. */
    public long[] counts = new long[FrictionSignal.values().length];
    /** Clicks in all rage-click bursts. */
    public long rageClickClicks;

    public FrictionCounts() {}

    public FrictionCounts add(FrictionEvent f) {
        counts[f.signal.ordinal()]++;
        if (f.signal == FrictionSignal.RAGE_CLICK) {
            rageClickClicks += f.count;
        }
        return this;
    }

    public FrictionCounts merge(FrictionCounts other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        rageClickClicks += other.rageClickClicks;
        return this;
    }

    public long count(FrictionSignal signal) {
        return counts[signal.ordinal()];
    }

    /**
     * Errors as SPEC 3.2 lists them: HTTP and API errors of 500 or more, crashes, ANRs, form errors.
     * JavaScript errors have their own count, and make error clicks.
     */
    public long errors() {
        return count(FrictionSignal.HTTP_ERROR) + count(FrictionSignal.API_ERROR) + count(FrictionSignal.CRASH)
                + count(FrictionSignal.ANR) + count(FrictionSignal.FORM_ERROR);
    }
}
