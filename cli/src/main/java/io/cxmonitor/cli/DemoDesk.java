package io.cxmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cxmonitor.jobs.notify.Route;
import io.cxmonitor.jobs.notify.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's three audiences, on a local HTTP server, when no routes file is given: an on-call
 * route that receives incidents as PagerDuty Events v2 (each printed as it arrives), an operations
 * route that receives the anomalies the same way, and an outreach route that receives customer
 * alerts as a CRM webhook would, within a budget a minute and the rest in digests (counted in the
 * summary line). The split the README recommends.
 */
final class DemoDesk implements AutoCloseable {

    /** Alerts a minute the outreach route takes one by one. */
    static final int OUTREACH_PER_MINUTE = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final PrintStream out;
    private final List<Route> routes;
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong anomalies = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong digests = new AtomicLong();
    private final AtomicLong[] byPriority = {new AtomicLong(), new AtomicLong(), new AtomicLong()};

    private DemoDesk(HttpServer server, PrintStream out, List<Route> routes) {
        this.server = server;
        this.out = out;
        this.routes = routes;
    }

    static DemoDesk start(Path dir, PrintStream out) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path file = Files.writeString(dir.resolve("demo-routes.properties"), ""
                + "route.oncall.type = pagerduty\n"
                + "route.oncall.receives = incidents\n"
                + "route.oncall.url = " + base + "/oncall\n"
                + "route.oncall.routing-key-env = CX_DEMO_ROUTING_KEY\n"
                + "route.operations.type = pagerduty\n"
                + "route.operations.receives = anomalies\n"
                + "route.operations.url = " + base + "/operations\n"
                + "route.operations.routing-key-env = CX_DEMO_ROUTING_KEY\n"
                + "route.outreach.type = webhook\n"
                + "route.outreach.receives = customers\n"
                + "route.outreach.url = " + base + "/outreach\n"
                + "route.outreach.secret-env = CX_DEMO_WEBHOOK_SECRET\n"
                + "route.outreach.max-per-minute = " + OUTREACH_PER_MINUTE + "\n");
        String secret = UUID.randomUUID().toString();
        List<Route> routes = Routes.load(file, Map.of("CX_DEMO_ROUTING_KEY", secret, "CX_DEMO_WEBHOOK_SECRET", secret));
        DemoDesk desk = new DemoDesk(server, out, routes);
        server.createContext("/oncall", exchange -> desk.take(exchange, event -> desk.print("ON-CALL", desk.pages, event)));
        server.createContext("/operations",
                exchange -> desk.take(exchange, event -> desk.print("OPERATIONS", desk.anomalies, event)));
        server.createContext("/outreach", exchange -> desk.take(exchange, desk::outreach));
        server.start();
        return desk;
    }

    List<Route> routes() {
        return routes;
    }

    /** For the summary line: {@code on-call 3 | operations 5 | outreach 412 (P1 2, P2 40, P3 370; 18 digests)}. */
    String line() {
        return String.format(" | on-call %,d | operations %,d | outreach %,d (P1 %,d, P2 %,d, P3 %,d; %,d digests)",
                pages.get(), anomalies.get(), alerts.get(), byPriority[0].get(), byPriority[1].get(),
                byPriority[2].get(), digests.get());
    }

    private interface Handler {
        void handle(JsonNode body);
    }

    private void take(HttpExchange exchange, Handler handler) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            handler.handle(JSON.readTree(in));
            exchange.sendResponseHeaders(202, -1);
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        } finally {
            exchange.close();
        }
    }

    private void print(String audience, AtomicLong count, JsonNode event) {
        count.incrementAndGet();
        String action = event.path("event_action").asText();
        String what = action.equals("resolve") ? event.path("dedup_key").asText()
                : event.path("payload").path("summary").asText();
        out.printf("%s %s: %s%n", audience, action, what);
    }

    private void outreach(JsonNode body) {
        if (body.has("digest_id")) {
            digests.incrementAndGet();
            body.path("alerts").forEach(this::count);
        } else {
            count(body);
        }
    }

    private void count(JsonNode alert) {
        alerts.incrementAndGet();
        switch (alert.path("priority").asText()) {
            case "P1" -> byPriority[0].incrementAndGet();
            case "P2" -> byPriority[1].incrementAndGet();
            default -> byPriority[2].incrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
