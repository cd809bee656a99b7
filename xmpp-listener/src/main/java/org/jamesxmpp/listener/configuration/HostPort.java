package org.jamesxmpp.listener.configuration;

import java.net.InetSocketAddress;

import org.apache.commons.configuration2.ex.ConfigurationException;

import com.google.common.base.Preconditions;

/**
 * A host and a port as written in xmpp.xml: {@code host:port}, {@code [v6]:port}.
 */
public record HostPort(String host, int port) {
    public static HostPort parse(String value, String setting) throws ConfigurationException {
        String trimmed = value.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new ConfigurationException(String.format("xmpp.xml: %s '%s' is not host:port", setting, value));
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new HostPort(host, parsePort(trimmed.substring(colon + 1), setting, value));
    }

    static int parsePort(String port, String setting, String value) throws ConfigurationException {
        try {
            int parsed = Integer.parseInt(port.trim());
            if (parsed < 0 || parsed > 65535) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(String.format("xmpp.xml: %s '%s' has no valid port (0-65535)", setting, value));
        }
    }

    public HostPort {
        Preconditions.checkArgument(!host.isBlank(), "host must not be blank");
        Preconditions.checkArgument(port >= 0 && port <= 65535, "port out of range: %s", port);
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
