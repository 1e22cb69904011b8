package io.cxmonitor.domain.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms of customer ids, for what goes to InfluxDB (SPEC 8): {@code p-} and the first
 * 64 bits of HMAC-SHA256 of the id under a secret, in hex. The same id gives the same pseudonym
 * under the same secret, so Grafana can group a customer's alerts; without the secret nobody can
 * tell whose they are, not even by trying every plausible id. Erasing a customer needs nothing in
 * InfluxDB: once their id is gone from Kafka and from the jobs' state, nothing links the pseudonym
 * back to them. Not thread-safe: one instance per thread.
 */
public final class Pseudonyms {

    /** Secrets shorter than this are refused: they could be guessed. */
    public static final int MIN_SECRET_LENGTH = 16;

    private final Mac mac;

    public Pseudonyms(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("a pseudonym secret needs at least " + MIN_SECRET_LENGTH + " characters");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    /** The customer's pseudonym. */
    public String of(String customerId) {
        byte[] hash = mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8));
        return "p-" + HexFormat.of().formatHex(hash, 0, 8);
    }

    /** A new random secret of 256 bits, in hex. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
