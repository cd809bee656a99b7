package org.jamesxmpp.mailets.remote.delivery;

import java.util.List;

import com.google.common.base.Preconditions;
import com.google.common.base.Splitter;

/**
 * An RFC 3463 enhanced status code: {@code class.subject.detail}, class 2 (success), 4 (persistent transient
 * failure) or 5 (permanent failure).
 */
public record DsnStatus(int statusClass, int subject, int detail) {
    public DsnStatus {
        Preconditions.checkArgument(statusClass == 2 || statusClass == 4 || statusClass == 5,
            "status class must be 2, 4 or 5: %s", statusClass);
        Preconditions.checkArgument(subject >= 0 && subject <= 999, "subject out of range: %s", subject);
        Preconditions.checkArgument(detail >= 0 && detail <= 999, "detail out of range: %s", detail);
    }

    public static DsnStatus permanent(int subject, int detail) {
        return new DsnStatus(5, subject, detail);
    }

    public static DsnStatus transientFailure(int subject, int detail) {
        return new DsnStatus(4, subject, detail);
    }

    /**
     * @throws IllegalArgumentException when {@code value} is not {@code class.subject.detail}
     */
    public static DsnStatus parse(String value) {
        List<String> parts = Splitter.on('.').splitToList(value);
        Preconditions.checkArgument(parts.size() == 3, "'%s' is not an enhanced status code", value);
        try {
            return new DsnStatus(Integer.parseInt(parts.get(0)), Integer.parseInt(parts.get(1)), Integer.parseInt(parts.get(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not an enhanced status code", e);
        }
    }

    public boolean isPermanent() {
        return statusClass == 5;
    }

    public String asString() {
        return statusClass + "." + subject + "." + detail;
    }
}
