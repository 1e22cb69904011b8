package io.cxmonitor.jobs.common.config;

/** A configuration refused at start-up; the message names the key and how to fix it. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
