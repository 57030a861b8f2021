package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkAddressesTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.1.2.3",
                "10.0.0.1",
                "100.64.0.1",
                "100.127.255.254",
                "127.0.0.1",
                "127.255.0.1",
                "169.254.169.254",
                "172.16.0.1",
                "172.31.255.255",
                "192.0.0.8",
                "192.0.2.1",
                "192.88.99.1",
                "192.168.1.1",
                "198.18.0.1",
                "198.19.255.255",
                "198.51.100.7",
                "203.0.113.9",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                // IPv6 itself
                "::",
                "::1",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "febf::1",
                "fec0::1",
                "feff::1",
                "ff02::1",
                "ff0e::1",
                "100::1",
                "2001::1",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                "2001:2::1",
                "2001:10::1",
                "2001:1ff:ffff::1",
                "2001:db8::1",
                "3fff::1",
                "64:ff9b:1::a00:1",
                "5f00::1",
                // IPv6 forms of private IPv4 addresses
                "::ffff:127.0.0.1",
                "::ffff:10.1.2.3",
                "::ffff:169.254.169.254",
                "::127.0.0.1",
                "::10.0.0.1",
                "::192.168.0.1",
                "64:ff9b::127.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "64:ff9b::10.0.0.1",
                "2002:7f00:1::1",
                "2002:a00:1::",
                "2002:c0a8:101::1",
                "2002:a9fe:a9fe::1"
            })
    void refusesEveryNonPublicAddressInEveryForm(String literal) {
        assertThat(NetworkAddresses.isPublic(v6Kept(literal))).as(literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.1.1.1",
                "8.8.8.8",
                "93.184.216.34",
                "100.63.255.255",
                "100.128.0.1",
                "172.15.255.255",
                "172.32.0.1",
                "192.0.1.1",
                "192.167.1.1",
                "198.17.0.1",
                "198.20.0.1",
                "223.255.255.254",
                "2606:4700:4700::1111",
                "2a00:1450:4001::200e",
                "2001:200::1",
                "2001:4860:4860::8888",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:808:808::1"
            })
    void acceptsPublicAddressesInEveryForm(String literal) {
        assertThat(NetworkAddresses.isPublic(v6Kept(literal))).as(literal).isTrue();
    }

    /**
     * The address as written: the JDK turns an IPv4-mapped literal into its IPv4 address, but a
     * resolver (or a DNS answer) may hand over the IPv6 form itself.
     */
    private static InetAddress v6Kept(String literal) {
        try {
            var address = InetAddress.getByName(literal);
            if (literal.contains(":") && address.getAddress().length == 4) {
                var mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
                return Inet6Address.getByAddress(null, mapped, -1);
            }
            return address;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
