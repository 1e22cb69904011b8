package io.cxmonitor.jobs.common.influx;

import java.io.IOException;

/**
 * A write InfluxDB refused for good (a parse error, a field-type conflict, bad credentials, a
 * missing database) or that kept failing past the retry timeout. Carries InfluxDB's own message.
 */
public class InfluxWriteException extends IOException {

    private final int status;

    public InfluxWriteException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The last HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }
}
