package io.herald.integrations;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses: the port through which fetches resolve a host exactly once,
 * so the addresses that were checked are the ones connected to. The system's resolver in
 * production; a test gives one whose answer changes, as a rebinding DNS server's does.
 */
@FunctionalInterface
interface HostResolver {

    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
