package io.cxmonitor.cli;

import io.cxmonitor.domain.privacy.Pseudonyms;
import io.cxmonitor.jobs.common.config.CxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * The pseudonym key of a local installation ({@code .cxmon/pseudonym.secret}, made once, readable by
 * its owner only), for the demo and {@code ./cxmon whois} when the environment sets none: the demo's
 * pseudonyms then stay the same from one demo to the next, and whois can resolve them. On a
 * cluster the key comes from the environment ({@code CX_PRIVACY_PSEUDONYM_SECRET}).
 */
final class LocalPseudonymSecret {

    private LocalPseudonymSecret() {}

    /** {@code defaults} with the local key as the default of {@code privacy.pseudonym-secret}. */
    static Map<String, String> withDefault(Map<String, String> defaults) {
        Map<String, String> withSecret = new HashMap<>(defaults);
        String state = System.getProperty("cxmon.state");
        if (state != null) {
            withSecret.put(CxOptions.PRIVACY_PSEUDONYM_SECRET.key(), readOrCreate(Path.of(state, "pseudonym.secret")));
        }
        return withSecret;
    }

    private static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))), Pseudonyms.newSecret(), StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local pseudonym key " + file, e);
        }
    }
}
