package io.cxmonitor.jobs.notify;

import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.jobs.sink.RetryPolicy;
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
 * reading of {@code cx.alerts}; the signals and the alert topic are another job's business.
 */
public final class DeliverAlerts extends RichAsyncFunction<Alert, DeliveryResult> {

    private final List<Route> routes;
    private final RetryPolicy retry;
    private transient Delivery delivery;
    private transient Counter delivered;
    private transient Counter failed;

    public DeliverAlerts(List<Route> routes, RetryPolicy retry) {
        this.routes = List.copyOf(routes);
        this.retry = retry;
    }

    @Override
    public void open(OpenContext context) {
        delivery = new Delivery(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), retry);
        delivered = getRuntimeContext().getMetricGroup().counter("cxNotificationsDelivered");
        failed = getRuntimeContext().getMetricGroup().counter("cxNotificationsFailed");
    }

    @Override
    public void asyncInvoke(Alert alert, ResultFuture<DeliveryResult> resultFuture) {
        List<CompletableFuture<DeliveryResult>> sends = new ArrayList<>();
        for (Route route : routes) {
            if (route.takes(alert.severity)) {
                sends.add(delivery.send(route, alert));
            }
        }
        CompletableFuture.allOf(sends.toArray(new CompletableFuture[0])).thenRun(() -> {
            List<DeliveryResult> results = new ArrayList<>(sends.size());
            for (CompletableFuture<DeliveryResult> send : sends) {
                DeliveryResult r = send.join();
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
