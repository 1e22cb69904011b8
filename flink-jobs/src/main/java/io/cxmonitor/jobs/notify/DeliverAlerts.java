package io.cxmonitor.jobs.notify;

import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.jobs.common.influx.RetryPolicy;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Async I/O: sends each alert to every route that takes its severity, many at a time, without
 * blocking the task. A slow or dead receiver fills this operator's capacity and slows only the
 * reading of {@code cx.alerts}; the signals and the alert topic are another job's business. An
 * alert detected longer ago than {@code notify.max-age} is not sent but counted as skipped: after
 * an outage of the notifier, on-call hears of what happens now, not of yesterday's backlog.
 */
public final class DeliverAlerts extends RichAsyncFunction<Alert, DeliveryResult> {

    private final List<Route> routes;
    private final RetryPolicy retry;
    private final long maxAgeMillis;
    private transient Delivery delivery;
    private transient Counter delivered;
    private transient Counter failed;
    private transient Counter skipped;

    public DeliverAlerts(List<Route> routes, RetryPolicy retry, Duration maxAge) {
        this.routes = List.copyOf(routes);
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
    public void asyncInvoke(Alert alert, ResultFuture<DeliveryResult> resultFuture) {
        if (System.currentTimeMillis() - alert.detectedAt > maxAgeMillis) {
            List<DeliveryResult> results = new ArrayList<>();
            for (Route route : routes) {
                if (route.takes(alert.severity)) {
                    skipped.inc();
                    results.add(new DeliveryResult(route.name, alert.alertId, alert.triggerTs, "skipped", 0, 0,
                            "older than notify.max-age"));
                }
            }
            resultFuture.complete(results);
            return;
        }
        List<CompletableFuture<DeliveryResult>> sends = new ArrayList<>();
        List<Route> sentTo = new ArrayList<>();
        for (Route route : routes) {
            if (route.takes(alert.severity)) {
                sends.add(delivery.send(route, alert));
                sentTo.add(route);
            }
        }
        CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).whenComplete((done, error) -> {
            List<DeliveryResult> results = new ArrayList<>(sends.size());
            for (int i = 0; i < sends.size(); i++) {
                String route = sentTo.get(i).name;
                DeliveryResult r = sends.get(i).exceptionally(e -> new DeliveryResult(route, alert.alertId,
                        alert.triggerTs, "failed", 0, 0, e.toString())).join();
                (r.outcome.equals("delivered") ? delivered : failed).inc();
                results.add(r);
            }
            resultFuture.complete(results);
        });
    }

    @Override
    public void timeout(Alert alert, ResultFuture<DeliveryResult> resultFuture) {
        Collection<DeliveryResult> results = new ArrayList<>();
        for (Route route : routes) {
            if (route.takes(alert.severity)) {
                failed.inc();
                results.add(new DeliveryResult(route.name, alert.alertId, alert.triggerTs, "failed", 0, 0,
                        "timed out"));
            }
        }
        resultFuture.complete(results);
    }
}
