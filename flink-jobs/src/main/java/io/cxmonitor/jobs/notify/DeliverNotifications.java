package io.cxmonitor.jobs.notify;

import io.cxmonitor.jobs.common.influx.RetryPolicy;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Async I/O: sends each notification to its route, many at a time, without blocking the task. A
 * slow or dead receiver fills this operator's capacity and slows only the reading of the route's
 * topic; the signals and the alert topic are another job's business. A notification detected
 * longer ago than {@code notify.max-age} is not sent but counted as skipped: after an outage of
 * the notifier, on-call hears of what happens now, not of yesterday's backlog.
 */
public final class DeliverNotifications extends RichAsyncFunction<Notification, DeliveryResult> {

    private final Route route;
    private final RetryPolicy retry;
    private final long maxAgeMillis;
    private transient Delivery delivery;
    private transient Counter delivered;
    private transient Counter failed;
    private transient Counter skipped;

    public DeliverNotifications(Route route, RetryPolicy retry, Duration maxAge) {
        this.route = route;
        this.retry = retry;
        this.maxAgeMillis = maxAge.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        delivery = new Delivery(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), retry);
        delivered = getRuntimeContext().getMetricGroup().counter("cxNotificationsDelivered");
        failed = getRuntimeContext().getMetricGroup().counter("cxNotificationsFailed");
        skipped = getRuntimeContext().getMetricGroup().counter("cxNotificationsSkipped");
    }

    @Override
    public void asyncInvoke(Notification n, ResultFuture<DeliveryResult> resultFuture) {
        if (System.currentTimeMillis() - n.detectedAt() > maxAgeMillis) {
            skipped.inc();
            resultFuture.complete(List.of(new DeliveryResult(route.name, n.id(), n.eventTs(), "skipped", 0, 0,
                    "older than notify.max-age")));
            return;
        }
        delivery.send(route, n).whenComplete((result, error) -> {
            DeliveryResult r = error == null ? result
                    : new DeliveryResult(route.name, n.id(), n.eventTs(), "failed", 0, 0, error.toString());
            (r.outcome.equals("delivered") ? delivered : failed).inc();
            resultFuture.complete(List.of(r));
        });
    }

    @Override
    public void timeout(Notification n, ResultFuture<DeliveryResult> resultFuture) {
        failed.inc();
        resultFuture.complete(List.of(new DeliveryResult(route.name, n.id(), n.eventTs(), "failed", 0, 0, "timed out")));
    }
}
