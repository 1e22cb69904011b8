package io.cxmonitor.domain.risk;

/** What a customer is worth and how engaged they are, from their purchases and activity. A Flink POJO. */
public class CustomerValue {

    public long purchases;
    public double total;
    public long firstSeen = Long.MAX_VALUE;
    public long lastActive = Long.MIN_VALUE;

    public CustomerValue() {}

    public void activity(long ts) {
        firstSeen = Math.min(firstSeen, ts);
        lastActive = Math.max(lastActive, ts);
    }

    public void purchase(long ts, double value) {
        activity(ts);
        purchases++;
        total += value;
    }

    public long tenureDays(long now) {
        return firstSeen == Long.MAX_VALUE ? 0 : Math.max(0, (now - firstSeen) / 86_400_000L);
    }

    /**
     * 0 for a customer who never bought, towards 1 for one who bought often and much: half from the
     * number of purchases, half from the total spent (5 purchases worth 500 in all score 0.5).
     */
    public double score() {
        return 0.5 * purchases / (purchases + 5.0) + 0.5 * Math.max(0, total) / (Math.max(0, total) + 500.0);
    }
}
