package io.cxmonitor.events;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Every event type of SPEC section 2, with the streams it may arrive on. */
public enum EventType {
    // web
    PAGE_VIEW("page_view", Stream.CLICKSTREAM),
    CLICK("click", Stream.CLICKSTREAM),
    DEAD_CLICK("dead_click", Stream.CLICKSTREAM),
    JS_ERROR("js_error", Stream.CLICKSTREAM),
    HTTP_ERROR("http_error", Stream.CLICKSTREAM),
    WEB_VITAL("web_vital", Stream.CLICKSTREAM),
    FORM_ERROR("form_error", Stream.CLICKSTREAM),
    // app
    SCREEN_VIEW("screen_view", Stream.APP),
    TAP("tap", Stream.APP),
    CRASH("crash", Stream.APP),
    ANR("anr", Stream.APP),
    API_CALL("api_call", Stream.APP),
    APP_START("app_start", Stream.APP),
    // e-commerce steps, on the web and in the app
    VIEW_ITEM("view_item", Stream.CLICKSTREAM, Stream.APP),
    ADD_TO_CART("add_to_cart", Stream.CLICKSTREAM, Stream.APP),
    BEGIN_CHECKOUT("begin_checkout", Stream.CLICKSTREAM, Stream.APP),
    ADD_PAYMENT_INFO("add_payment_info", Stream.CLICKSTREAM, Stream.APP),
    PURCHASE("purchase", Stream.CLICKSTREAM, Stream.APP),
    // reviews
    REVIEW("review", Stream.REVIEWS),
    // support and surveys
    TICKET_OPENED("ticket_opened", Stream.SUPPORT),
    MESSAGE("message", Stream.SUPPORT),
    TICKET_RESOLVED("ticket_resolved", Stream.SUPPORT),
    TICKET_REOPENED("ticket_reopened", Stream.SUPPORT),
    CSAT("csat", Stream.SUPPORT),
    NPS("nps", Stream.SUPPORT),
    CES("ces", Stream.SUPPORT);

    private static final Map<String, EventType> BY_NAME = new HashMap<>();

    static {
        for (EventType type : values()) {
            BY_NAME.put(type.wireName, type);
        }
    }

    private final String wireName;
    private final Set<Stream> streams;

    EventType(String wireName, Stream first, Stream... more) {
        this.wireName = wireName;
        this.streams = EnumSet.of(first, more);
    }

    /** The value of the {@code type} field. */
    public String wireName() {
        return wireName;
    }

    public boolean belongsTo(Stream stream) {
        return streams.contains(stream);
    }

    /** The type with this wire name on any stream, or {@code null}. */
    public static EventType fromWireName(String name) {
        return BY_NAME.get(name);
    }

    /** The wire names of the types a stream accepts, for error messages. */
    public static String namesOf(Stream stream) {
        return Arrays.stream(values())
                .filter(t -> t.belongsTo(stream))
                .map(EventType::wireName)
                .collect(Collectors.joining(", "));
    }
}
