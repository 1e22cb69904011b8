package io.cxmonitor.jobs.common.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.cxmonitor.domain.anomalies.AnomalySettings;
import io.cxmonitor.domain.experiences.ExperienceRules;
import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.incidents.IncidentSettings;
import io.cxmonitor.domain.journeys.Funnel;
import io.cxmonitor.domain.journeys.Sessions;
import io.cxmonitor.domain.performance.WebVitals;
import io.cxmonitor.domain.privacy.Pseudonyms;
import io.cxmonitor.domain.risk.RiskSettings;
import io.cxmonitor.domain.support.SupportRules;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

/**
 * Every setting of the CX Monitor jobs, typed, with its default, what it does and the bounds its
 * value must keep. This is the one place that names configuration keys; the defaults of the
 * signal definitions are the domain's own ({@code FrictionRules.DEFAULT}, {@code WebVitals.DEFAULT},
 * {@code SupportRules.DEFAULT}...), read here, never written twice. {@link CxConfig} loads the
 * values and checks them.
 */
public final class CxOptions {

    /** A rule a setting's value must keep, declared beside its option; {@link CxConfig} checks them all. */
    record Bound<T>(ConfigOption<T> option, Predicate<T> holds, String problem, String fix) {}

    private static final List<Bound<?>> BOUNDS = new ArrayList<>();
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:\\d{1,5}");

    private CxOptions() {}

    // Kafka

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = hostPorts(key("kafka.bootstrap-servers")
            .stringType().defaultValue("127.0.0.1:9092")
            .withDescription("Kafka bootstrap servers, host:port[,host:port...]."));

    public static final ConfigOption<String> KAFKA_GROUP_ID = notBlank(key("kafka.group-id")
            .stringType().defaultValue("cxmon")
            .withDescription("Prefix of the consumer group ids; each job appends its name."));

    public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS = key("kafka.starting-offsets")
            .enumType(StartingOffsets.class).defaultValue(StartingOffsets.COMMITTED)
            .withDescription("Where a job without a checkpoint starts reading: COMMITTED (the group's "
                    + "committed offsets, else the earliest), EARLIEST or LATEST.");

    public static final ConfigOption<Boolean> KAFKA_BOUNDED = key("kafka.bounded")
            .booleanType().defaultValue(false)
            .withDescription("Stop at the end offsets the topics have when the job starts: for backfills and "
                    + "benchmarks. Normally false: the job runs for ever.");

    public static final ConfigOption<String> TOPIC_CLICKSTREAM = topicName(topic(Stream.CLICKSTREAM));
    public static final ConfigOption<String> TOPIC_APP = topicName(topic(Stream.APP));
    public static final ConfigOption<String> TOPIC_REVIEWS = topicName(topic(Stream.REVIEWS));
    public static final ConfigOption<String> TOPIC_SUPPORT = topicName(topic(Stream.SUPPORT));

    public static final ConfigOption<String> TOPIC_DEADLETTER = topicName(key("topics.deadletter")
            .stringType().defaultValue("cx.deadletter")
            .withDescription("Topic of refused records, with source, offset, reason and payload."));

    public static final ConfigOption<String> TOPIC_EXPERIENCES = topicName(key("topics.experiences")
            .stringType().defaultValue("cx.experiences")
            .withDescription("Topic of per-customer bad experiences (SPEC 3.5), read by the alerting job."));

    public static final ConfigOption<String> TOPIC_ALERTS = topicName(key("topics.alerts")
            .stringType().defaultValue("cx.alerts")
            .withDescription("Topic of switching-risk alerts (SPEC 5)."));

    public static final ConfigOption<String> TOPIC_ALERT_CONTROL = topicName(key("topics.alert-control")
            .stringType().defaultValue("cx.alert-control")
            .withDescription("Topic of runtime changes to the alerting thresholds and weights (JSON)."));

    public static final ConfigOption<String> TOPIC_POINTS = topicName(key("topics.points")
            .stringType().defaultValue("cx.points")
            .withDescription("Topic of the dashboard points (InfluxDB line protocol) every job publishes and "
                    + "cx-influx writes to InfluxDB: Kafka holds them through any InfluxDB outage."));

    public static final ConfigOption<String> TOPIC_NOTIFY_DEADLETTER = topicName(key("topics.notify-deadletter")
            .stringType().defaultValue("cx.notify-deadletter")
            .withDescription("Topic of records on the alert topic that are not alerts, with the reason."));

    public static final ConfigOption<String> TOPIC_EMERGING_TERMS = topicName(key("topics.emerging-terms")
            .stringType().defaultValue("cx.emerging-terms")
            .withDescription("Topic of the emerging terms of negative texts (SPEC 7), for tools: one JSON object "
                    + "per report."));

    public static final ConfigOption<String> TOPIC_INCIDENTS = topicName(key("topics.incidents")
            .stringType().defaultValue("cx.incidents")
            .withDescription("Topic of incident state changes (SPEC 6), keyed by dedup_key."));

    public static final ConfigOption<String> TOPIC_PRIVACY = topicName(key("topics.privacy")
            .stringType().defaultValue("cx.privacy")
            .withDescription("Topic of requests to forget a customer (SPEC 8) and of each job's acknowledgement."));

    // InfluxDB

    public static final ConfigOption<String> INFLUXDB_URL = httpUrl(key("influxdb.url")
            .stringType().defaultValue("http://127.0.0.1:8086")
            .withDescription("Base URL of the InfluxDB v1 HTTP API (/write, /query); InfluxDB 2.x and 3.x "
                    + "serve it too."));

    public static final ConfigOption<String> INFLUXDB_DATABASE = notBlank(key("influxdb.database")
            .stringType().defaultValue("cx")
            .withDescription("Database the signals are written to."));

    public static final ConfigOption<String> INFLUXDB_RETENTION_POLICY = key("influxdb.retention-policy")
            .stringType().defaultValue("")
            .withDescription("Retention policy to write to; empty means the database's default.");

    public static final ConfigOption<Duration> INFLUXDB_RETENTION = atLeast(key("influxdb.retention")
            .durationType().defaultValue(Duration.ofDays(400))
            .withDescription("How long InfluxDB keeps the points: the duration of the retention policy written to "
                    + "(autogen when influxdb.retention-policy is empty), set at start-up when "
                    + "influxdb.create-database is true. 400 days compare a week with the same week a year before."),
            Duration.ofHours(1));

    public static final ConfigOption<String> INFLUXDB_USERNAME = key("influxdb.username")
            .stringType().defaultValue("")
            .withDescription("User name, if the server requires authentication.");

    public static final ConfigOption<String> INFLUXDB_PASSWORD = key("influxdb.password")
            .stringType().defaultValue("")
            .withDescription("Password (for InfluxDB 2.x/3.x: an API token). Secret: set it through the "
                    + "environment variable CX_INFLUXDB_PASSWORD; it is never logged.");

    public static final ConfigOption<Boolean> INFLUXDB_CREATE_DATABASE = key("influxdb.create-database")
            .booleanType().defaultValue(true)
            .withDescription("Create the database at start-up when it does not exist.");

    public static final ConfigOption<Boolean> INFLUXDB_GZIP = key("influxdb.gzip")
            .booleanType().defaultValue(false)
            .withDescription("Compress write requests; worth it when InfluxDB is across a slow network.");

    public static final ConfigOption<Duration> INFLUXDB_RETRY_INITIAL_BACKOFF = atLeast(key("influxdb.retry.initial-backoff")
            .durationType().defaultValue(Duration.ofMillis(200))
            .withDescription("First pause before retrying a write that failed with an I/O error, 429 or 5xx; "
                    + "it doubles on every retry."), Duration.ofMillis(1));

    public static final ConfigOption<Duration> INFLUXDB_RETRY_MAX_BACKOFF = atLeast(key("influxdb.retry.max-backoff")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Longest pause between two retries (a server's Retry-After may ask for more)."), Duration.ofMillis(1));

    public static final ConfigOption<Duration> INFLUXDB_RETRY_TIMEOUT = atLeast(key("influxdb.retry.timeout")
            .durationType().defaultValue(Duration.ofMinutes(2))
            .withDescription("How long one batch is retried while the job waits; after that the task fails and "
                    + "Flink's restart strategy replays from the last checkpoint, so nothing is lost."), Duration.ZERO);

    public static final ConfigOption<Integer> INFLUXDB_BATCH_SIZE = between(key("influxdb.batch-size")
            .intType().defaultValue(5000)
            .withDescription("Points per write request; a full batch is written at once."), 1, 100_000, "use between 1 and 100000 points (InfluxDB recommends 5000)");

    public static final ConfigOption<Duration> INFLUXDB_FLUSH_INTERVAL = atLeast(key("influxdb.flush-interval")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("Longest time a point waits in the sink's buffer."), Duration.ofMillis(10));

    public static final ConfigOption<Integer> INFLUXDB_MAX_SERIES_PER_MEASUREMENT = between(
            key("influxdb.max-series-per-measurement")
            .intType().defaultValue(2000)
            .withDescription("Series one writer of cx-influx writes per measurement; points of further series "
                    + "are dropped and counted (reason series_limit in cx_influx_dropped), so that clients "
                    + "sending ever new screens, app versions or review sources cannot flood InfluxDB."), 1, 1_000_000,
            "use between 1 and 1000000 series (InfluxDB itself refuses more than a million per database)");

    // Event time

    public static final ConfigOption<Duration> WATERMARK_OUT_OF_ORDERNESS = atLeast(key("watermark.out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("How late an event may arrive, behind the latest event of its partition, "
                    + "and still be on time."), Duration.ZERO);

    public static final ConfigOption<Duration> WATERMARK_IDLENESS = atLeast(key("watermark.idleness")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("A partition without events for this long stops holding back event time."), Duration.ofSeconds(1));

    public static final ConfigOption<Duration> WATERMARK_MAX_AHEAD = atLeast(key("watermark.max-ahead")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("Event time never runs further ahead of the wall clock than this: one future-dated "
                    + "event is still counted at its own time but cannot make the present late."), Duration.ZERO);

    public static final ConfigOption<Duration> WINDOW_ALLOWED_LATENESS = atLeast(key("window.allowed-lateness")
            .durationType().defaultValue(Duration.ofMinutes(2))
            .withDescription("Late events within this time after a window closed still correct its "
                    + "result (the point is overwritten); later ones are counted as late and dropped."), Duration.ZERO);

    public static final ConfigOption<Duration> WINDOW_UPDATE_INTERVAL = atLeast(key("window.update-interval")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("How often an open window publishes its running result, so that "
                    + "dashboards move before the window closes."), Duration.ofMillis(100));

    // Input contract

    public static final ConfigOption<MemorySize> EVENTS_MAX_SIZE = bound(key("events.max-size")
            .memoryType().defaultValue(new MemorySize(EventLimits.DEFAULT.maxBytes()))
            .withDescription("Larger records are dead-lettered as too_large."), size -> size.getBytes() >= 1024 && size.getBytes() <= Integer.MAX_VALUE, "is out of range",
            "use a size between 1 kb and 2 gb, e.g. 1 mb");

    public static final ConfigOption<Duration> EVENTS_MAX_FUTURE = atLeast(key("events.max-future")
            .durationType().defaultValue(EventLimits.DEFAULT.maxFuture())
            .withDescription("Events further in the future than this are dead-lettered as future_timestamp."), Duration.ZERO);

    public static final ConfigOption<Integer> EVENTS_MAX_ID_LENGTH = between(key("events.max-id-length")
            .intType().defaultValue(EventLimits.DEFAULT.maxIdLength())
            .withDescription("Longer ids (event, customer, anonymous, session, ticket, review, order, product) are "
                    + "dead-lettered as invalid_value."), 16, 65_536, "use between 16 and 65536 characters (SPEC: 256)");

    public static final ConfigOption<Duration> EVENTS_DEDUP_WINDOW = atLeast(key("events.dedup-window")
            .durationType().defaultValue(Duration.ofHours(24))
            .withDescription("A record whose event_id was seen for the same key within this time (processing "
                    + "time) is counted once. Costs about 75 bytes of heap per event in the window: see the README."), Duration.ofSeconds(1));

    // Signal definitions (SPEC 3)

    public static final ConfigOption<Duration> SESSION_GAP = atLeast(key("sessions.gap")
            .durationType().defaultValue(Sessions.DEFAULT.gap)
            .withDescription("A server-side session ends after this long without events (event time)."), Duration.ofSeconds(1));

    public static final ConfigOption<Duration> SESSION_MAX_LENGTH = atLeast(key("sessions.max-length")
            .durationType().defaultValue(Sessions.DEFAULT.maxLength)
            .withDescription("A session longer than this is cut into a new one."), Duration.ofMinutes(1));

    public static final ConfigOption<Duration> IDENTITY_LINK_WINDOW = atLeast(key("identity.link-window")
            .durationType().defaultValue(Sessions.DEFAULT_LINK_WINDOW)
            .withDescription("A device's session without a customer that ended at most this long before the device "
                    + "is linked to one (an event with both anonymous_id and customer_id) is that customer's. Its "
                    + "journey is counted this much later."), Duration.ZERO);

    public static final ConfigOption<Duration> IDENTITY_LINK_TTL = atLeast(key("identity.link-ttl")
            .durationType().defaultValue(Sessions.DEFAULT_LINK_TTL)
            .withDescription("A device's events without customer_id belong to the customer it was last linked to, "
                    + "until this long after the last session that showed the link ended (cx-alerts: after the last "
                    + "event that showed it, in processing time)."), Duration.ofMinutes(1));

    public static final ConfigOption<Double> SESSION_TOLERATING_SCORE = key("sessions.tolerating-score")
            .doubleType().defaultValue(FrictionRules.DEFAULT.toleratingScore)
            .withDescription("Friction score from which a session is tolerating (see the README for the weights).");

    public static final ConfigOption<Double> SESSION_FRUSTRATING_SCORE = key("sessions.frustrating-score")
            .doubleType().defaultValue(FrictionRules.DEFAULT.frustratingScore)
            .withDescription("Friction score from which a session is frustrating; a crash, a rage click followed "
                    + "by an error, or friction on a checkout step are frustrating anyway.");

    public static final ConfigOption<String> FUNNEL_STEPS = key("funnel.steps")
            .stringType().defaultValue(Funnel.GA4.steps().stream().map(EventType::wireName).collect(Collectors.joining(",")))
            .withDescription("Funnel steps in order, comma-separated event types; the last is the conversion.");

    public static final ConfigOption<Integer> RAGE_CLICKS = between(key("friction.rage-click.clicks")
            .intType().defaultValue(FrictionRules.DEFAULT.rageClicks)
            .withDescription("Clicks or taps that make a rage click."), 2, 1_000, "use 2 or more (SPEC: 3)");

    public static final ConfigOption<Duration> RAGE_WINDOW = atLeast(key("friction.rage-click.window")
            .durationType().defaultValue(Duration.ofMillis(FrictionRules.DEFAULT.rageWindowMillis))
            .withDescription("Time within which the clicks of a rage click fall."), Duration.ofMillis(1));

    public static final ConfigOption<Double> RAGE_RADIUS = key("friction.rage-click.radius-px")
            .doubleType().defaultValue(FrictionRules.DEFAULT.rageRadiusPx)
            .withDescription("Distance from the first click within which the others fall (or the same element).");

    public static final ConfigOption<Duration> ERROR_CLICK_WINDOW = atLeast(key("friction.error-click.window")
            .durationType().defaultValue(Duration.ofMillis(FrictionRules.DEFAULT.errorClickWindowMillis))
            .withDescription("A JavaScript error this soon after a click makes an error click."), Duration.ofMillis(1));

    public static final ConfigOption<Duration> APDEX_THRESHOLD = atLeast(key("friction.apdex-threshold")
            .durationType().defaultValue(Duration.ofMillis((long) FrictionRules.DEFAULT.apdexMillis))
            .withDescription("Apdex T for api_call latency: satisfied up to T, tolerating up to 4 T."), Duration.ofMillis(1));

    public static final ConfigOption<Double> POOR_LCP = key("vitals.poor.lcp-ms")
            .doubleType().defaultValue(WebVitals.DEFAULT.lcpPoor).withDescription("LCP above this (ms) is poor.");

    public static final ConfigOption<Double> POOR_INP = key("vitals.poor.inp-ms")
            .doubleType().defaultValue(WebVitals.DEFAULT.inpPoor).withDescription("INP above this (ms) is poor.");

    public static final ConfigOption<Double> POOR_CLS = key("vitals.poor.cls")
            .doubleType().defaultValue(WebVitals.DEFAULT.clsPoor).withDescription("CLS above this is poor.");

    public static final ConfigOption<Double> POOR_FCP = key("vitals.poor.fcp-ms")
            .doubleType().defaultValue(WebVitals.DEFAULT.fcpPoor).withDescription("FCP above this (ms) is poor.");

    public static final ConfigOption<Double> POOR_TTFB = key("vitals.poor.ttfb-ms")
            .doubleType().defaultValue(WebVitals.DEFAULT.ttfbPoor).withDescription("TTFB above this (ms) is poor.");

    public static final ConfigOption<Double> ANOMALY_THRESHOLD = between(key("anomalies.threshold")
            .doubleType().defaultValue(AnomalySettings.DEFAULT.threshold())
            .withDescription("A watched series this many robust standard deviations from its seasonal baseline is "
                    + "deviating (SPEC 7)."), 1.0, 100.0, "use a number of standard deviations such as 4");

    public static final ConfigOption<Duration> ANOMALY_MIN_DURATION = atLeast(key("anomalies.min-duration")
            .durationType().defaultValue(AnomalySettings.DEFAULT.minDuration())
            .withDescription("A series deviating this long is an anomaly, written to cx_anomalies and raised as an "
                    + "incident (SPEC 7)."), Duration.ofMinutes(1));

    public static final ConfigOption<Boolean> TOPICS_ENABLED = key("topics.enabled")
            .booleanType().defaultValue(true)
            .withDescription("Find the topics of texts and the emerging terms of complaints (SPEC 7): cx_topics, "
                    + "cx_topics_15m, cx_emerging_terms and the topics of bad experiences. false leaves them out.");

    public static final ConfigOption<Boolean> ANOMALIES_ENABLED = key("anomalies.enabled")
            .booleanType().defaultValue(true)
            .withDescription("Watch the series of SPEC 7 for anomalies: cx_anomalies and incidents of kind anomaly. "
                    + "false leaves them out, and their state (restore a savepoint with it with "
                    + "--allowNonRestoredState).");

    public static final ConfigOption<String> TAXONOMY_FILE = key("taxonomy.file")
            .stringType().defaultValue("")
            .withDescription("A file of topic<TAB>term lines that replaces the built-in CX taxonomy of texts' topics "
                    + "(SPEC 7); read when the job is submitted. Empty: the built-in one (README, Topics).");

    public static final ConfigOption<Double> NEGATIVE_SENTIMENT = between(key("experiences.negative-sentiment")
            .doubleType().defaultValue(ExperienceRules.DEFAULT.negativeSentiment)
            .withDescription("A review or customer message scoring at or below this is a bad experience."), -1.0, 0.0, "use a score between -1 and 0 (default -0.5)");

    public static final ConfigOption<Integer> NEGATIVE_RATING = key("experiences.negative-rating")
            .intType().defaultValue(ExperienceRules.DEFAULT.negativeRating).withDescription("A review rated at or below this is a bad experience.");

    public static final ConfigOption<Integer> LOW_CSAT = key("experiences.low-csat")
            .intType().defaultValue(SupportRules.DEFAULT.lowCsat).withDescription("A CSAT score (1-5) at or below this is a bad experience.");

    public static final ConfigOption<Integer> NPS_DETRACTOR = key("experiences.nps-detractor")
            .intType().defaultValue(SupportRules.DEFAULT.npsDetractor).withDescription("An NPS score (0-10) at or below this is a detractor.");

    public static final ConfigOption<Integer> HIGH_EFFORT = key("experiences.high-effort")
            .intType().defaultValue(SupportRules.DEFAULT.highEffort).withDescription("A CES score (1-7) at or below this is high effort.");

    public static final ConfigOption<Duration> SLA_CHAT = atLeast(key("support.sla.chat")
            .durationType().defaultValue(SupportRules.DEFAULT.firstResponseSla("chat")).withDescription("First-response SLA on chat."), Duration.ofSeconds(1));

    public static final ConfigOption<Duration> SLA_EMAIL = atLeast(key("support.sla.email")
            .durationType().defaultValue(SupportRules.DEFAULT.firstResponseSla("email")).withDescription("First-response SLA by email."), Duration.ofSeconds(1));

    public static final ConfigOption<Duration> SLA_PHONE = atLeast(key("support.sla.phone")
            .durationType().defaultValue(SupportRules.DEFAULT.firstResponseSla("phone")).withDescription("First-response SLA by phone."), Duration.ofSeconds(1));

    public static final ConfigOption<Duration> SLA_SOCIAL = atLeast(key("support.sla.social")
            .durationType().defaultValue(SupportRules.DEFAULT.firstResponseSla("social")).withDescription("First-response SLA on social media."), Duration.ofSeconds(1));

    public static final ConfigOption<Duration> SLA_OTHER = atLeast(key("support.sla.other")
            .durationType().defaultValue(SupportRules.DEFAULT.defaultSla)
            .withDescription("First-response SLA of any other channel, and of tickets without one."), Duration.ofSeconds(1));

    public static final ConfigOption<Duration> REPEAT_CONTACT_WINDOW = atLeast(key("support.repeat-contact-window")
            .durationType().defaultValue(Duration.ofDays(7))
            .withDescription("Another ticket by the same customer within this time is a repeat contact."), Duration.ofSeconds(1));

    public static final ConfigOption<Duration> TICKET_RETENTION = atLeast(key("support.ticket-retention")
            .durationType().defaultValue(Duration.ofDays(30))
            .withDescription("A ticket's state is kept this long after its last event."), Duration.ofSeconds(1));

    // Switching-risk alerts (SPEC 3.6)

    public static final ConfigOption<Double> ALERT_THRESHOLD = between(key("alerts.threshold")
            .doubleType().defaultValue(RiskSettings.DEFAULT.threshold)
            .withDescription("An alert fires when a customer's switching risk reaches this score (0-1)."), 0.0, 1.0, "use a score such as 0.5");

    public static final ConfigOption<Duration> ALERT_COOLDOWN = atLeast(key("alerts.cooldown")
            .durationType().defaultValue(RiskSettings.DEFAULT.cooldown)
            .withDescription("At most one page per customer in this time, escalations apart."), Duration.ZERO);

    public static final ConfigOption<Duration> ALERT_LOOKBACK = atLeast(key("alerts.lookback")
            .durationType().defaultValue(RiskSettings.DEFAULT.lookback)
            .withDescription("Bad experiences count for this long; a customer's state expires after it."), Duration.ofMinutes(1));

    // Incidents (SPEC 6)

    public static final ConfigOption<Integer> INCIDENT_MIN_CUSTOMERS = between(key("incidents.min-customers")
            .intType().defaultValue(IncidentSettings.DEFAULT.minCustomers())
            .withDescription("An incident fires at this many distinct customers with a bad experience of one group "
                    + "within incidents.group-wait, at least."), 2, 1_000_000, "use between 2 and 1000000 customers");

    public static final ConfigOption<Duration> INCIDENT_GROUP_WAIT = atLeast(key("incidents.group-wait")
            .durationType().defaultValue(IncidentSettings.DEFAULT.groupWait())
            .withDescription("The window in which an incident's customers are counted."), Duration.ofSeconds(1));

    public static final ConfigOption<Double> INCIDENT_MIN_RATIO = bound(key("incidents.min-ratio")
            .doubleType().defaultValue(IncidentSettings.DEFAULT.minRatio())
            .withDescription("And at this many times the group's usual number of customers per window, over "
                    + "incidents.baseline."), r -> r >= 1 && r <= 1000, "is out of range", "use a ratio between 1 and 1000");

    public static final ConfigOption<Duration> INCIDENT_GROUP_INTERVAL = atLeast(key("incidents.group-interval")
            .durationType().defaultValue(IncidentSettings.DEFAULT.groupInterval())
            .withDescription("An open incident is updated at most this often, when its customers have doubled."),
            Duration.ofSeconds(1));

    public static final ConfigOption<Duration> INCIDENT_RESOLVE_AFTER = atLeast(key("incidents.resolve-after")
            .durationType().defaultValue(IncidentSettings.DEFAULT.resolveAfter())
            .withDescription("An incident resolves after this long below its threshold."), Duration.ofSeconds(1));

    public static final ConfigOption<Duration> INCIDENT_BASELINE = atLeast(key("incidents.baseline")
            .durationType().defaultValue(IncidentSettings.DEFAULT.baseline())
            .withDescription("How far back a group's usual number of customers per window is averaged."),
            Duration.ofMinutes(1));

    public static final ConfigOption<String> NOTIFY_ROUTES = key("notify.routes")
            .stringType().defaultValue("")
            .withDescription("Properties file of the notification routes (webhook, PagerDuty, Slack); "
                    + "empty: alerts go to Kafka and InfluxDB only. See the README.");

    public static final ConfigOption<Duration> NOTIFY_MAX_AGE = atLeast(key("notify.max-age")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("Alerts detected longer ago than this are not sent (counted as skipped): after an "
                    + "outage, on-call hears of what is happening now, not of yesterday's backlog."), Duration.ofSeconds(1));

    public static final ConfigOption<Duration> NOTIFY_RETRY_TIMEOUT = atLeast(key("notify.retry-timeout")
            .durationType().defaultValue(Duration.ZERO)
            .withDescription("How long a notification is retried (429, 5xx, I/O errors) before it counts as failed; "
                    + "0: until it is delivered, holding back only that route's later notifications."), Duration.ZERO);

    // Privacy (SPEC 8)

    public static final ConfigOption<String> PRIVACY_PSEUDONYM_SECRET = bound(key("privacy.pseudonym-secret")
            .stringType().defaultValue("")
            .withDescription("Key of the pseudonyms (HMAC-SHA256) under which alerts are written to InfluxDB, "
                    + "which never holds a clear customer id. Secret: set it through the environment variable "
                    + "CX_PRIVACY_PSEUDONYM_SECRET; it is never logged. Keep it to resolve a pseudonym with "
                    + "./cxmon whois. Empty: a random key for each submission of cx-alerts (pseudonyms then change "
                    + "with it and cannot be resolved)."),
            v -> v.isEmpty() || v.length() >= Pseudonyms.MIN_SECRET_LENGTH, "is too short to be safe",
            "use at least " + Pseudonyms.MIN_SECRET_LENGTH + " random characters, e.g. the output of "
                    + "'openssl rand -hex 32'");

    // Runtime

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = atLeast(key("checkpoint.interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Checkpoint interval; the InfluxDB sink and Kafka sinks flush on every checkpoint."), Duration.ofMillis(100));

    /** Where a job without checkpoint starts reading. */
    public enum StartingOffsets {
        COMMITTED, EARLIEST, LATEST
    }

    public static ConfigOption<String> topicOf(Stream stream) {
        switch (stream) {
            case CLICKSTREAM:
                return TOPIC_CLICKSTREAM;
            case APP:
                return TOPIC_APP;
            case REVIEWS:
                return TOPIC_REVIEWS;
            default:
                return TOPIC_SUPPORT;
        }
    }

    /** Every topic the jobs read or write: the four input streams first, in stream order. */
    public static List<ConfigOption<String>> topics() {
        return List.of(TOPIC_CLICKSTREAM, TOPIC_APP, TOPIC_REVIEWS, TOPIC_SUPPORT, TOPIC_DEADLETTER, TOPIC_EXPERIENCES,
                TOPIC_ALERTS, TOPIC_ALERT_CONTROL, TOPIC_POINTS, TOPIC_NOTIFY_DEADLETTER, TOPIC_INCIDENTS,
                TOPIC_PRIVACY, TOPIC_EMERGING_TERMS);
    }

    /** Every option declared above, in declaration order. */
    public static List<ConfigOption<?>> all() {
        return ALL;
    }

    /** Options whose values must never be printed. */
    public static boolean isSecret(ConfigOption<?> option) {
        return isSecret(option.key());
    }

    /**
     * Keys whose values must never be printed, of the options above and of Kafka's client
     * properties ({@code kafka.properties.sasl.jaas.config}, {@code ...ssl.key.password}...).
     */
    public static boolean isSecret(String key) {
        return key.contains("password") || key.contains("secret") || key.contains("token") || key.contains("jaas")
                || key.endsWith(".key");
    }

    private static ConfigOption<String> topic(Stream stream) {
        return key("topics." + stream.id())
                .stringType().defaultValue(stream.defaultTopic())
                .withDescription("Topic of the " + stream.id() + " stream.");
    }

    /** The bounds of every option that has one. */
    static List<Bound<?>> bounds() {
        return Collections.unmodifiableList(BOUNDS);
    }

    private static <T> ConfigOption<T> bound(ConfigOption<T> option, Predicate<T> holds, String problem, String fix) {
        BOUNDS.add(new Bound<>(option, holds, problem, fix));
        return option;
    }

    private static ConfigOption<Duration> atLeast(ConfigOption<Duration> option, Duration min) {
        return bound(option, d -> !d.isNegative() && d.compareTo(min) >= 0, "is too small",
                "use at least " + (min.isZero() ? "0 s" : min.toMillis() + " ms") + " (default: "
                        + option.defaultValue() + ", written like '10 s' or '2 min')");
    }

    private static <T extends Comparable<T>> ConfigOption<T> between(ConfigOption<T> option, T min, T max, String fix) {
        return bound(option, v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0, "is out of range", fix);
    }

    private static ConfigOption<String> notBlank(ConfigOption<String> option) {
        return bound(option, v -> !v.isBlank(), "is empty", "set a value (default: " + option.defaultValue() + ")");
    }

    private static ConfigOption<String> topicName(ConfigOption<String> option) {
        return bound(option, v -> TOPIC.matcher(v).matches(), "is not a valid Kafka topic name",
                "use letters, digits, '.', '_' and '-' only");
    }

    private static ConfigOption<String> hostPorts(ConfigOption<String> option) {
        return bound(option, v -> Arrays.stream(v.split(",")).allMatch(s -> HOST_PORT.matcher(s.trim()).matches()),
                "is not a list of host:port", "use e.g. 127.0.0.1:9092 or broker-1:9092,broker-2:9092");
    }

    private static ConfigOption<String> httpUrl(ConfigOption<String> option) {
        return bound(option, CxOptions::isHttpUrl, "is not an http(s) URL", "use e.g. http://127.0.0.1:8086");
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final List<ConfigOption<?>> ALL = collect();

    private static List<ConfigOption<?>> collect() {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field f : CxOptions.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                try {
                    options.add((ConfigOption<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableList(options);
    }
}
