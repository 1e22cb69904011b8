package io.cxmonitor.jobs.notify;

import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.jobs.common.influx.RetryPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one notification to one route without blocking: retried with backoff, jitter and
 * {@code Retry-After} on 429, 5xx and I/O errors until the retry time is up (a zero retry time:
 * until delivered); other statuses are final and logged with the start of the receiver's answer.
 * A webhook request is signed afresh for each attempt, so its timestamp is always recent. Never
 * completes exceptionally: the outcome says what happened.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final HttpClient http;
    private final RetryPolicy retry;

    Delivery(HttpClient http, RetryPolicy retry) {
        this.http = http;
        this.retry = retry;
    }

    CompletableFuture<DeliveryResult> send(Route route, Notification n) {
        long start = System.nanoTime();
        try {
            byte[] body = Payloads.body(route, n);
            long deadline = retry.timeout().isZero() ? Long.MAX_VALUE : start + retry.timeout().toNanos();
            return attempt(route, n, body, 1, deadline, start);
        } catch (RuntimeException e) {
            // a notification that cannot become a request: say so, and let the others through
            LOG.error("{} cannot be sent to route {}: {}", n.id(), route.name, e.toString());
            return CompletableFuture.completedFuture(result(route, n, "refused", 0, start, e.toString()));
        }
    }

    private static HttpRequest request(Route route, Notification n, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(route.url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "cx-monitor")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (route.type == Route.Type.WEBHOOK) {
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            request.header("X-CX-Timestamp", timestamp)
                    .header("X-CX-Signature", Payloads.signature(route.secret(), timestamp, body))
                    .header(n.alert != null ? "X-CX-Alert-Id" : n.incident != null ? "X-CX-Incident-Id" : "X-CX-Digest-Id",
                            headerValue(n.id()))
                    .header("X-CX-Dedup-Key", headerValue(n.dedupKey()));
        }
        return request.build();
    }

    private CompletableFuture<DeliveryResult> attempt(Route route, Notification n, byte[] body, int attempt,
            long deadline, long start) {
        return http.sendAsync(request(route, n, body), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    int status = response == null ? 0 : response.statusCode();
                    if (error == null && status / 100 == 2) {
                        return CompletableFuture.completedFuture(result(route, n, "delivered", attempt, start, null));
                    }
                    String problem = error != null ? "no response: " + rootMessage(error)
                            : "HTTP " + status + ": " + abbreviate(response.body());
                    boolean retryable = error != null || status == 429 || status >= 500;
                    if (!retryable) {
                        LOG.warn("Route {} refused {}: {}", route.name, n.id(), problem);
                        return CompletableFuture.completedFuture(result(route, n, "refused", attempt, start, problem));
                    }
                    Duration pause = retry.delay(attempt, response == null ? null
                            : parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null)));
                    if (System.nanoTime() + pause.toNanos() > deadline) {
                        return CompletableFuture.completedFuture(result(route, n, "failed", attempt, start, problem));
                    }
                    return CompletableFuture.supplyAsync(() -> null,
                                    CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> attempt(route, n, body, attempt + 1, deadline, start));
                })
                .thenCompose(next -> next);
    }

    /**
     * HTTP headers carry visible ASCII: any other byte of a value's UTF-8 (a customer id in any
     * script, a space, a control character) and {@code %} itself are percent-encoded there; the
     * body has the value as it is. An ordinary id passes unchanged.
     */
    static String headerValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static DeliveryResult result(Route route, Notification n, String outcome, int attempts, long start,
            String error) {
        return new DeliveryResult(route.name, n.id(), n.eventTs(), outcome, attempts,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), error);
    }

    private static Duration parseRetryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

}
