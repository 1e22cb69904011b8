package io.cxmonitor.domain.journeys;

/**
 * What a server-side session remembers while it is open: its funnel progress, its friction and
 * the rage-click burst in progress. Plain fields, so that Flink keeps it as POJO state;
 * {@link SessionAnalyzer} is the logic. One is kept per open session, so it holds primitives, hashes
 * and shared strings where it can: every boxed number or copied string is paid per customer.
 */
public class SessionState {

    /** Its customer's id, once an event named one. */
    public String customerId;
    public long start;
    public long end;
    public int eventCount;
    /** Bit 0: web, bit 1: app. */
    public int touchpoints;
    public String platform;
    public String appVersion;

    public int lastStep = -1;
    public String lastStepEventId;
    public boolean converted;
    public double cartValue;

    public double frictionScore;
    public boolean crash;
    public boolean rageSeen;
    public boolean rageThenError;
    public boolean checkoutFriction;
    /** Up to ten ids of the friction events, comma-separated: the evidence of a bad experience. */
    public String frictionEvidence = "";
    /** Whether an immediate bad experience (crash, checkout failure) was already reported. */
    public boolean reported;

    // the rage-click burst in progress
    public int burstCount;
    public long burstStart;
    /**
     * Whether the burst's first click had coordinates, {@link #burstPointX} and {@link #burstPointY}.
     * New names for what were boxed {@code burstX} and {@code burstY}: a savepoint's finished sessions
     * (in the journey joiner) kept those null, which a primitive field of the same name cannot take,
     * and Flink drops a field that is gone.
     */
    public boolean burstHasPoint;
    public double burstPointX;
    public double burstPointY;
    /** {@code IdHash} of the first click's element, 0 if it named none: only compared, never shown. */
    public long burstElementHash;
    /** Its page type or screen, a shared instance ({@code SharedStrings}). */
    public String burstPlace;
    public String burstEventId;
    public boolean burstOnCheckout;
    public boolean burstApp;
    /** An error came while the burst was still open: if the burst is a rage click, the error followed it. */
    public boolean burstError;

    // the last click, for error clicks
    public long lastClickTs = Long.MIN_VALUE;
    public boolean lastClickUsed;

    public SessionState() {}
}
