package io.vigil.seal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A signed head of the change log: "the log up to position {@code size} has seal {@code seal} with hash
 * {@code hash}". Its text form is what {@code vigil audit checkpoint} prints and what a user keeps elsewhere:
 *
 * <pre>
 * vigil change log checkpoint
 * seal 42
 * size 123456
 * hash 9f86d081884c7d65…
 * time 2026-12-03T09:00:00.123Z
 *
 * key 1a2b3c4d5e6f7a8b
 * signature 3q2+7w…
 * </pre>
 *
 * The signature is Ed25519 over the first five lines (each ending in a line feed), so {@code openssl pkeyutl
 * -verify -rawin} checks it with the public key of {@code vigil audit key}.
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by content
public record Checkpoint(long seal, long size, byte[] hash, Instant time, String keyId, byte[] signature) {
    private static final String TITLE = "vigil change log checkpoint";

    public Checkpoint {
        Objects.requireNonNull(time, "time == null");
        Objects.requireNonNull(keyId, "keyId == null");
        hash = hash.clone();
        signature = signature.clone();
    }

    /** The signed lines of a checkpoint. */
    static byte[] body(long seal, long size, byte[] hash, Instant time) {
        return (TITLE + "\nseal " + seal + "\nsize " + size + "\nhash " + Hashes.hex(hash) + "\ntime " + time + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The signed lines of this checkpoint. */
    public byte[] body() {
        return body(seal, size, hash, time);
    }

    /** Whether {@code key} signed this checkpoint. */
    public boolean signedBy(VerifyingKey key) {
        return key.id().equals(keyId) && key.verifies(body(), signature);
    }

    /** The text form (see the class comment). */
    public String text() {
        return new String(body(), StandardCharsets.UTF_8) + "\nkey " + keyId + "\nsignature "
                + Base64.getEncoder().encodeToString(signature) + "\n";
    }

    /** Reads the text form; throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static Checkpoint parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(TITLE)) {
            throw new IllegalArgumentException("a checkpoint starts with the line '" + TITLE + "'");
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("checkpoint line " + (i + 1) + " is not 'name value': " + line);
            }
            fields.put(line.substring(0, space), line.substring(space + 1).trim());
        }
        try {
            return new Checkpoint(
                    Long.parseLong(field(fields, "seal")),
                    Long.parseLong(field(fields, "size")),
                    Hashes.unhex(field(fields, "hash")),
                    Instant.parse(field(fields, "time")),
                    field(fields, "key"),
                    Base64.getDecoder().decode(field(fields, "signature")));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("checkpoint has a malformed field: " + e.getMessage(), e);
        }
    }

    private static String field(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("checkpoint has no '" + name + "' line");
        }
        return value;
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c
                && seal == c.seal
                && size == c.size
                && Arrays.equals(hash, c.hash)
                && time.equals(c.time)
                && keyId.equals(c.keyId)
                && Arrays.equals(signature, c.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seal, size, Arrays.hashCode(hash));
    }

    @Override
    public String toString() {
        return "Checkpoint[seal " + seal + ", size " + size + ", " + Hashes.hex(hash) + "]";
    }
}
