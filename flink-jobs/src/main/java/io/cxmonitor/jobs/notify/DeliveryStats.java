package io.cxmonitor.jobs.notify;

import io.cxmonitor.domain.stats.Samples;

/** Deliveries of a minute, route and outcome: how many, how many attempts, how long. A Flink POJO accumulator. */
public class DeliveryStats {

    public long count;
    public long attempts;
    public Samples latencyMillis = new Samples();

    public DeliveryStats() {}

    public DeliveryStats add(DeliveryResult r) {
        count++;
        attempts += r.attempts;
        latencyMillis.add(r.latencyMillis);
        return this;
    }

    public DeliveryStats merge(DeliveryStats o) {
        count += o.count;
        attempts += o.attempts;
        latencyMillis.addAll(o.latencyMillis);
        return this;
    }
}
