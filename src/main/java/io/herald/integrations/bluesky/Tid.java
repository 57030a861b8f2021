package io.herald.integrations.bluesky;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * AT Protocol timestamp identifiers, the record keys {@code app.bsky.feed.post} requires: a 64-bit
 * integer (top bit 0, 53 bits of microseconds since the epoch, 10 bits of "clock id") written as 13
 * characters of base32-sortable.
 */
final class Tid {

    private static final char[] ALPHABET = "234567abcdefghijklmnopqrstuvwxyz".toCharArray();

    private Tid() {}

    /**
     * The record key of one delivery, the same on every attempt so that a repeated write cannot make
     * a second post. The time is the post's publish date to the second; the microseconds within that
     * second and the clock id come from a hash of the delivery id (30 bits), so the posts of one
     * thread or one group, which share a publish date, get different keys but for a chance of about
     * one in a billion per pair (and then the PDS refuses the write rather than overwrite a post).
     */
    static String forDelivery(String deliveryId, Instant publishDate) {
        var hash = ByteBuffer.wrap(sha256(deliveryId));
        var micros = publishDate.getEpochSecond() * 1_000_000 + Math.floorMod(hash.getInt(), 1_000_000);
        var clockId = hash.getShort() & 0x3FF;
        return of(micros, clockId);
    }

    static String of(long micros, int clockId) {
        if (micros < 0 || micros >= 1L << 53 || clockId < 0 || clockId > 0x3FF) {
            throw new IllegalArgumentException("A TID holds 53 bits of microseconds and 10 bits of clock id");
        }
        var value = micros << 10 | clockId;
        var text = new char[13];
        for (int i = 12; i >= 0; i--) {
            text[i] = ALPHABET[(int) (value & 0x1F)];
            value >>>= 5;
        }
        return new String(text);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
