package io.herald.organizations;

import io.herald.kernel.Digests;
import java.security.SecureRandom;
import java.util.Base64;

/** Makes API keys and the digests they are stored and looked up by. */
final class ApiKeys {

    private static final SecureRandom random = new SecureRandom();

    private ApiKeys() {}

    /** A new key: a prefix that secret scanners recognise, then 256 random bits. */
    static String generate() {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return "hk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String key) {
        return Digests.sha256(key);
    }
}
