package org.jamesxmpp.jpa;

import java.nio.file.Path;

/** Places a relative embedded Derby database below James's working directory (the run command's {@code --data}). */
final class DerbyUrl {
    private static final String PREFIX = "jdbc:derby:";

    private DerbyUrl() {
    }

    static String resolve(String url, Path workingDirectory) {
        if (!url.startsWith(PREFIX)) {
            return url;
        }
        String rest = url.substring(PREFIX.length());
        int attributes = rest.indexOf(';');
        String name = attributes < 0 ? rest : rest.substring(0, attributes);
        if (name.isEmpty() || name.contains(":") || name.startsWith("/") || name.startsWith("//")) {
            return url;
        }
        String suffix = attributes < 0 ? "" : rest.substring(attributes);
        return PREFIX + workingDirectory.resolve(name).toAbsolutePath().normalize() + suffix;
    }
}
