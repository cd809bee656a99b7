package org.jamesxmpp.core.store;

import java.time.Instant;
import java.util.Set;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableSet;

/**
 * What a peer domain announced (the disco#info features a caller keeps, e.g. XEP-0033's namespace) and when that was
 * stored. Features are namespaces: no whitespace, at most {@value #MAX_FEATURES_LENGTH} characters in all.
 */
public record DomainCapabilities(Set<String> features, Instant storedAt) {
    public static final int MAX_FEATURES_LENGTH = 4000;

    public DomainCapabilities {
        features = ImmutableSet.copyOf(features);
        Preconditions.checkArgument(features.stream().noneMatch(feature -> feature.isEmpty()
            || feature.chars().anyMatch(Character::isWhitespace)), "a feature is empty or holds whitespace");
        Preconditions.checkArgument(features.stream().mapToInt(feature -> feature.length() + 1).sum()
            <= MAX_FEATURES_LENGTH, "features longer than %s characters", MAX_FEATURES_LENGTH);
    }
}
