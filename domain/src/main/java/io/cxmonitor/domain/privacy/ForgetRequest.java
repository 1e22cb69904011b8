package io.cxmonitor.domain.privacy;

import java.util.Objects;

/**
 * A request to forget a customer (SPEC 8), as it comes on {@code cx.privacy}:
 * {@code {"forget": "<customer_id>", "request_id": "..."}}. A Flink POJO.
 */
public class ForgetRequest {

    public String customerId;
    /** Names the request in its acknowledgements. */
    public String requestId;

    public ForgetRequest() {}

    public ForgetRequest(String customerId, String requestId) {
        this.customerId = Objects.requireNonNull(customerId);
        this.requestId = Objects.requireNonNull(requestId);
    }

    @Override
    public String toString() {
        return "request " + requestId; // never the customer's id: this ends up in logs
    }
}
