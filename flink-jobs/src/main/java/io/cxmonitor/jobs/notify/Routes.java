package io.cxmonitor.jobs.notify;

import io.cxmonitor.domain.risk.Priority;
import io.cxmonitor.jobs.common.config.ConfigException;
import io.cxmonitor.jobs.common.config.CxConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the notification routes from a properties file, secrets from the environment, and refuses
 * anything incomplete at start-up, naming the key and the fix:
 *
 * <pre>
 * route.oncall.type = pagerduty
 * route.oncall.receives = incidents
 * route.oncall.routing-key-env = CX_PAGERDUTY_ROUTING_KEY
 * route.ops.type = slack
 * route.ops.receives = anomalies
 * route.ops.url-env = CX_SLACK_OPS_WEBHOOK_URL
 * route.team.type = slack
 * route.team.url-env = CX_SLACK_WEBHOOK_URL
 * route.team.min-priority = P2
 * route.team.max-per-minute = 10
 * route.crm.type = webhook
 * route.crm.url = https://example.com/cx-alerts
 * route.crm.secret-env = CX_WEBHOOK_SECRET
 * </pre>
 */
public final class Routes {

    static final String PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";

    private Routes() {}

    public static List<Route> load(Path file, Map<String, String> env) {
        Map<String, String> props = CxConfig.readProperties(file);
        TreeSet<String> names = new TreeSet<>();
        for (String key : props.keySet()) {
            String[] parts = key.split("\\.", 3);
            if (parts.length != 3 || !parts[0].equals("route")) {
                throw new ConfigException("Unknown key '" + key + "' in " + file
                        + ". Fix: route settings are route.<name>.<setting>, e.g. route.oncall.type = pagerduty");
            }
            names.add(parts[1]);
        }
        List<Route> routes = new ArrayList<>();
        for (String name : names) {
            routes.add(route(name, props, env, file));
        }
        return routes;
    }

    private static Route route(String name, Map<String, String> props, Map<String, String> env, Path file) {
        String prefix = "route." + name + ".";
        for (String key : props.keySet()) {
            if (key.startsWith(prefix) && !List.of("type", "url", "url-env", "receives", "min-severity", "min-priority",
                    "max-per-minute", "secret-env", "routing-key-env").contains(key.substring(prefix.length()))) {
                throw new ConfigException("Unknown key '" + key + "' in " + file + ". Fix: use type, url, url-env, "
                        + "receives, min-severity, min-priority, max-per-minute, secret-env or routing-key-env.");
            }
        }
        String typeName = props.get(prefix + "type");
        Route.Type type;
        try {
            type = Route.Type.valueOf(String.valueOf(typeName).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + "type = '" + typeName + "' in " + file
                    + " is not a route type. Fix: use webhook, pagerduty or slack.");
        }
        String receivesName = props.getOrDefault(prefix + "receives", "customers");
        Route.Receives receives;
        try {
            receives = Route.Receives.valueOf(receivesName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + "receives = '" + receivesName + "' in " + file
                    + ". Fix: use customers (alerts per customer, for outreach), incidents (for on-call) or anomalies "
                    + "(series that left their usual level, for operations).");
        }
        String minSeverity = props.getOrDefault(prefix + "min-severity", "warning");
        if (!Route.SEVERITIES.contains(minSeverity)) {
            throw new ConfigException(prefix + "min-severity = '" + minSeverity + "' in " + file
                    + ". Fix: use warning, high or critical.");
        }
        String minPriorityName = props.getOrDefault(prefix + "min-priority", "P3");
        Priority minPriority;
        try {
            minPriority = Priority.valueOf(minPriorityName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + "min-priority = '" + minPriorityName + "' in " + file
                    + ". Fix: use P1 (only P1), P2 (P1 and P2) or P3 (all).");
        }
        int maxPerMinute;
        try {
            maxPerMinute = Integer.parseInt(props.getOrDefault(prefix + "max-per-minute", "0").trim());
        } catch (NumberFormatException e) {
            maxPerMinute = -1;
        }
        if (maxPerMinute < 0) {
            throw new ConfigException(prefix + "max-per-minute = '" + props.get(prefix + "max-per-minute") + "' in "
                    + file + ". Fix: use a whole number of alerts a minute, 0 for no budget; alerts over it "
                    + "come in a digest once a minute, none is dropped.");
        }
        if (receives.incidents()) {
            for (String customersOnly : List.of("min-severity", "min-priority", "max-per-minute")) {
                if (props.containsKey(prefix + customersOnly)) {
                    throw new ConfigException(prefix + customersOnly + " in " + file + " applies to customer alerts, "
                            + "but the route receives " + receivesName + ". Fix: remove it, or make the route receive "
                            + "customers.");
                }
            }
        }
        String url = props.containsKey(prefix + "url-env") ? fromEnv(env, props.get(prefix + "url-env"), prefix + "url-env", file)
                : props.getOrDefault(prefix + "url", type == Route.Type.PAGERDUTY ? PAGERDUTY_URL : null);
        if (url == null || !isHttp(url)) {
            throw new ConfigException(prefix + "url in " + file + " is missing or not an http(s) URL. Fix: set "
                    + prefix + "url, or " + prefix + "url-env to the name of an environment variable holding it"
                    + (type == Route.Type.SLACK ? " (Slack webhook URLs are secrets: prefer url-env)" : "") + ".");
        }
        String secret = "";
        if (type == Route.Type.WEBHOOK) {
            secret = fromEnv(env, props.get(prefix + "secret-env"), prefix + "secret-env", file);
        } else if (type == Route.Type.PAGERDUTY) {
            secret = fromEnv(env, props.get(prefix + "routing-key-env"), prefix + "routing-key-env", file);
        }
        return new Route(name, type, url, receives, minSeverity, minPriority, maxPerMinute, secret);
    }

    private static String fromEnv(Map<String, String> env, String variable, String key, Path file) {
        if (variable == null || variable.isBlank()) {
            throw new ConfigException(key + " is missing in " + file
                    + ". Fix: name the environment variable that holds the secret, e.g. " + key + " = CX_WEBHOOK_SECRET.");
        }
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new ConfigException("The environment variable " + variable + " (" + key + " in " + file
                    + ") is not set. Fix: export it before starting the job.");
        }
        return value;
    }

    private static boolean isHttp(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
