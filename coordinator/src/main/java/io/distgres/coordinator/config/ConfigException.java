package io.distgres.coordinator.config;

/** A configuration value that is missing or malformed; the message names the key and where it came from. */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
