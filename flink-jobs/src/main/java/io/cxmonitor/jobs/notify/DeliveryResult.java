package io.cxmonitor.jobs.notify;

/** How sending one alert to one route went. A Flink POJO. */
public class DeliveryResult {

    public String route;
    public String alertId;
    /**
     * delivered, refused (a 3xx or 4xx that retrying cannot fix), failed (still failing after the
     * retry time) or skipped (older than {@code notify.max-age}).
     */
    public String outcome;
    public int attempts;
    public long latencyMillis;
    public long alertTs;
    public String error;

    public DeliveryResult() {}

    DeliveryResult(String route, String alertId, long alertTs, String outcome, int attempts, long latencyMillis,
            String error) {
        this.route = route;
        this.alertId = alertId;
        this.alertTs = alertTs;
        this.outcome = outcome;
        this.attempts = attempts;
        this.latencyMillis = latencyMillis;
        this.error = error;
    }
}
