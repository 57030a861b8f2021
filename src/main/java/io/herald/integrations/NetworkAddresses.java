package io.herald.integrations;

import java.net.InetAddress;

/**
 * Which addresses are on the public internet: where Herald may fetch what a client names (an
 * image's {@code path}). Everything else is refused: loopback, private, shared (CGNAT),
 * link-local, documentation, benchmarking, multicast and reserved ranges, and every IPv6 form
 * that carries or reaches such an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d},
 * IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}). IPv6 is
 * public only inside global unicast ({@code 2000::/3}), less the IETF protocol block
 * ({@code 2001::/23}, Teredo among it), documentation ({@code 2001:db8::/32},
 * {@code 3fff::/20}); unique-local, link-local, site-local, multicast, local NAT64
 * ({@code 64:ff9b:1::/48}) and the unspecified address lie outside it.
 */
final class NetworkAddresses {

    private NetworkAddresses() {}

    static boolean isPublic(InetAddress address) {
        var bytes = address.getAddress();
        return bytes.length == 4 ? isPublicV4(bytes, 0) : isPublicV6(bytes);
    }

    private static boolean isPublicV4(byte[] bytes, int at) {
        int a = bytes[at] & 0xff;
        int b = bytes[at + 1] & 0xff;
        int c = bytes[at + 2] & 0xff;
        return !(a == 0 // "this network"
                || a == 10
                || a == 100 && (b & 0xc0) == 64 // 100.64.0.0/10, shared address space
                || a == 127
                || a == 169 && b == 254
                || a == 172 && (b & 0xf0) == 16
                || a == 192 && b == 0 && (c == 0 || c == 2) // IETF assignments, TEST-NET-1
                || a == 192 && b == 88 && c == 99 // 6to4 relay anycast
                || a == 192 && b == 168
                || a == 198 && (b & 0xfe) == 18 // benchmarking
                || a == 198 && b == 51 && c == 100 // TEST-NET-2
                || a == 203 && b == 0 && c == 113 // TEST-NET-3
                || a >= 224); // multicast, reserved, broadcast
    }

    private static boolean isPublicV6(byte[] bytes) {
        if (zeros(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
            return isPublicV4(bytes, 12); // IPv4-mapped
        }
        if (zeros(bytes, 0, 12)) {
            // IPv4-compatible; :: and ::1 are 0.0.0.0 and 0.0.0.1 that way, not public either
            return isPublicV4(bytes, 12);
        }
        if (word(bytes, 0) == 0x0064 && word(bytes, 2) == 0xff9b && zeros(bytes, 4, 12)) {
            return isPublicV4(bytes, 12); // NAT64, well-known prefix
        }
        if (word(bytes, 0) == 0x2002) {
            return isPublicV4(bytes, 2); // 6to4
        }
        var first = word(bytes, 0);
        var second = word(bytes, 2);
        return (first & 0xe000) == 0x2000 // global unicast
                && !(first == 0x2001 && second < 0x0200) // 2001::/23, Teredo included
                && !(first == 0x2001 && second == 0x0db8) // documentation
                && !((first & 0xfff0) == 0x3ff0); // 3fff::/20, documentation
    }

    private static int word(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
