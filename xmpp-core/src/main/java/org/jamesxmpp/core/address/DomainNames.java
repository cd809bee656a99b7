package org.jamesxmpp.core.address;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.james.core.Domain;

/**
 * Which names a peer may make us connect to: a fully qualified DNS host name (RFC 1123 labels, IDNs as A-labels),
 * never an IP literal, a single-label name ({@code localhost}, {@code intranet}) or a special-use name of the local
 * network ({@code .localhost}, {@code .local}, {@code .internal}, {@code .invalid}, {@code .arpa}).
 */
public final class DomainNames {
    private static final int MAX_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");
    private static final Set<String> LOCAL_TOP_LABELS = Set.of("localhost", "local", "internal", "invalid", "arpa");

    private DomainNames() {
    }

    /** The domain a name read from the wire or a file stands for; empty when it is none (James's {@link Domain} rules). */
    public static Optional<Domain> parse(String name) {
        try {
            return Optional.of(Domain.of(name));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    public static boolean isRemoteDomainName(String name) {
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (ascii.isEmpty() || ascii.length() > MAX_LENGTH) {
            return false;
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        String top = labels[labels.length - 1];
        return !NUMERIC.matcher(top).matches() && !LOCAL_TOP_LABELS.contains(top);
    }
}
