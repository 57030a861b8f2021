package io.herald.integrations;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Herald signs what it POSTs to a receiver's URL (spec §5.1), the webhook provider's deliveries
 * and organization webhooks alike: {@code X-Herald-Signature: sha256=<hex>}, the lowercase hex
 * HMAC-SHA256 keyed with the receiver's secret over {@code <X-Herald-Timestamp>.<body>}.
 */
public final class WebhookSignature {

    private WebhookSignature() {}

    /** The {@code X-Herald-Signature} value of {@code body} signed at {@code timestamp} (Unix seconds). */
    public static String header(String secret, String timestamp, String body) {
        return "sha256=" + hmac(secret, timestamp + "." + body);
    }

    private static String hmac(String secret, String payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
