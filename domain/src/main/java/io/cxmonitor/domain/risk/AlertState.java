package io.cxmonitor.domain.risk;

/**
 * What the alerting job knows of a customer. It keeps it as bytes ({@link AlertStateBytes}); the
 * class stays a Flink POJO because the savepoints of earlier versions hold it as one.
 */
public class AlertState {

    public static final String[] NO_TOPICS = new String[0];
    private static final long[] NONE = new long[0];
    private static final TimelineEntry[] NO_EVENTS = new TimelineEntry[0];

    public CustomerValue value = new CustomerValue();
    /** Event times of the bad experiences in the lookback window (latest 32). */
    public long[] experienceTimes = NONE;
    /** Hashes of their experience ids, in step with the times: a repeat is recognised and ignored. */
    public long[] experienceHashes = NONE;
    public double risk;
    /** Whether a page went out for the current episode. */
    public boolean paged;
    public long lastPageAt = Long.MIN_VALUE;
    public int changes;
    public String firstKind;
    public String firstTouchpoint;
    public long firstTs;
    public String[] firstEventIds;
    /** What the first bad experience was about, when it was a text (SPEC 7). */
    public String[] firstTopics = NO_TOPICS;
    /**
     * The purchases counted lately, as pairs of {@code IdHash} of the event id and when it was seen
     * (processing time): a purchase delivered again adds no value twice.
     */
    public long[] purchasesSeen = NONE;
    /** The last events of the customer, oldest first, at most {@link Timeline#MAX}. */
    public TimelineEntry[] timeline = NO_EVENTS;
    /** When the timer that looks whether the customer has expired fires, or {@link #NO_TIMER}. */
    public long expiryTimer = NO_TIMER;

    public static final long NO_TIMER = Long.MIN_VALUE;

    public AlertState() {}

    public boolean inEpisode() {
        return firstKind != null;
    }

    public long lastExperienceAt() {
        long last = Long.MIN_VALUE;
        for (long t : experienceTimes) {
            last = Math.max(last, t);
        }
        return last;
    }
}
