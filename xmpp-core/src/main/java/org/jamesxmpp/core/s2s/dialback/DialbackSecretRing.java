package org.jamesxmpp.core.s2s.dialback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jamesxmpp.core.store.DialbackSecret;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * The generations of the dialback secret a node knows, newest first: which one signs new keys, which ones verify.
 * The newest signs once it is {@link SecretRotation#lead()} old (before that, the one before it still signs); an older
 * generation verifies until its successor has signed for {@link SecretRotation#gracePeriod()}.
 */
public record DialbackSecretRing(List<DialbackSecret> newestFirst, SecretRotation rotation) {
    public DialbackSecretRing {
        newestFirst = ImmutableList.copyOf(newestFirst);
        Objects.requireNonNull(rotation, "rotation");
        Preconditions.checkArgument(!newestFirst.isEmpty(), "a ring needs at least one secret");
    }

    /** A secret configured in {@code xmpp.xml}: the only one, never rotated. */
    public static DialbackSecretRing fixed(String secret) {
        return new DialbackSecretRing(ImmutableList.of(new DialbackSecret(1, secret, Instant.EPOCH)),
            SecretRotation.defaults());
    }

    public DialbackSecret signing(Instant now) {
        for (int i = 0; i < newestFirst.size() - 1; i++) {
            DialbackSecret candidate = newestFirst.get(i);
            if (!candidate.createdAt().plus(rotation.lead()).isAfter(now)) {
                return candidate;
            }
        }
        return newestFirst.get(newestFirst.size() - 1);
    }

    public List<DialbackSecret> verifying(Instant now) {
        ImmutableList.Builder<DialbackSecret> verifying = ImmutableList.builder();
        verifying.add(newestFirst.get(0));
        for (int i = 1; i < newestFirst.size(); i++) {
            Instant successorSigns = newestFirst.get(i - 1).createdAt().plus(rotation.lead());
            if (now.isBefore(successorSigns.plus(rotation.gracePeriod()))) {
                verifying.add(newestFirst.get(i));
            }
        }
        return verifying.build();
    }
}
